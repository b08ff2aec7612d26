/**
 * A local, wire-compatible stand-in for the parts of AWS the operator uses, served on one HTTP
 * port for the real AWS SDK (or CLI) to reach through an endpoint override.
 *
 * <ul>
 *   <li>SageMaker (JSON 1.1): CreateTrainingJob, DescribeTrainingJob, StopTrainingJob,
 *       ListTrainingJobs; Create/Describe/Delete/ListModel(s), ...EndpointConfig(s);
 *       Create/Describe/Update/Delete/ListEndpoint(s), UpdateEndpointWeightsAndCapacities;
 *       AddTags, ListTags, DeleteTags on every resource kind; with the live API's error codes
 *       and messages.
 *   <li>SageMaker Model Monitor (JSON 1.1, data quality):
 *       Create/Describe/Delete/ListDataQualityJobDefinition(s);
 *       Create/Describe/Update/Delete/Stop/Start/ListMonitoringSchedule(s) with hourly, daily and
 *       every-N-hours cron expressions; ListMonitoringExecutions; DescribeProcessingJob for the
 *       executions' processing jobs, which analyze the captured data with the project's drift
 *       analyzer and write Model Monitor's reports to S3 (see {@link MonitoringScheduler}).
 *   <li>SageMaker Runtime (REST-JSON): InvokeEndpoint, {@code POST /endpoints/<name>/invocations},
 *       answering a deterministic score in (0, 1) per row, with data capture to S3 (JSON lines
 *       in SageMaker's layout, batched per 50 records or 5 emulated seconds) and container logs
 *       in {@code /aws/sagemaker/Endpoints/<name>}.
 *   <li>Application Auto Scaling (JSON 1.1, {@code AnyScaleFrontendService.*}): scalable
 *       targets and target-tracking policies for endpoint variants (bookkeeping, no scaling).
 *   <li>CloudWatch Logs (JSON 1.1): CreateLogGroup, CreateLogStream, PutLogEvents,
 *       DescribeLogGroups, DescribeLogStreams, GetLogEvents ({@code f/<n>} and {@code b/<n>}
 *       tokens), FilterLogEvents (term patterns only). Optional account-wide TPS quotas on
 *       GetLogEvents and DescribeLogStreams answer the excess with ThrottlingException.
 *   <li>S3 (REST-XML, path-style): buckets, single-part objects with SSE and checksums
 *       (aws-chunked uploads included), ListObjectsV2.
 * </ul>
 *
 * <p>Routing is by header: an {@code X-Amz-Target} of {@code SageMaker.*},
 * {@code Logs_20140328.*} or {@code AnyScaleFrontendService.*} selects the JSON service; a
 * request without one is InvokeEndpoint when it is {@code POST /endpoints/<name>/invocations},
 * and S3 otherwise.
 *
 * <p>Every JSON request is first checked against AWS's own service model, a trimmed copy of
 * botocore's under {@code aws-models/} ({@link ServiceModel}, {@link RequestShapeValidator}):
 * required members, enums (instance types included), patterns, lengths, list and map sizes and
 * value ranges, reported as AWS reports them ("2 validation errors detected: Value 'x' at
 * 'resourceConfig.instanceType' failed to satisfy constraint: ..."; ValidationException for
 * SageMaker and Application Auto Scaling, InvalidParameterException for CloudWatch Logs). A
 * value of the wrong JSON type is a SerializationException. The services' own validators then
 * add only what the model does not say: rules across fields, limits AWS enforces outside the
 * model (an image with whitespace, a training volume above 16 TiB, a runtime above 28 days)
 * and what the emulator needs to run a request.
 *
 * <p>Training jobs advance on an emulated clock that runs {@code speed} times faster than real
 * time: Starting 60 s, Downloading 30 s, Training 120 s, Uploading 20 s, Stopping 15 s of
 * emulated time. Timestamps in responses are wall-clock; durations (TrainingTimeInSeconds) and
 * MaxRuntimeInSeconds are emulated seconds, counted from TrainingStartTime (the start of
 * Downloading). A training image whose tag contains {@code fail} fails 40% into Training.
 * Job names are unique regardless of case, as their lower-case ARNs are.
 *
 * <p>Containers log on the same clock, about two lines per emulated second per instance by
 * default ({@link EmulatorOptions#logLinesPerSecond}): a training instance from two thirds
 * into Starting (when its stream appears) until the job ends, with phase-specific lines,
 * per-round metrics and, on failure, a traceback (see {@link TrainingLogWriter}); a serving
 * instance while its deployment serves, with worker start-up, health pings every 5 emulated
 * seconds and status lines (see {@link EndpointLogWriter}).
 *
 * <p>Endpoints use the same clock: Creating 120 s, Updating 120 s (30 s for weights and
 * capacities only), RollingBack 60 s, Deleting 20 s. A deployment whose model image contains
 * {@code fail} fails its ping health check: a new endpoint ends Failed, an update rolls back
 * to the configuration that was serving (FailureReason set). See {@link EndpointLifecycle}.
 *
 * <p>Monitoring schedules use the same clock: Pending 2 s, then Scheduled; a schedule fires one
 * period (3600 s hourly, N * 3600 s every N hours, 86400 s daily) after it is Scheduled and
 * every period after, whatever the cron expression's starting hour.
 * {@link AwsEmulator#runMonitoringScheduleNow} fires one at once. An execution analyzes the
 * records whose inference time lies within the period before its ScheduledTime: Pending 60 s,
 * InProgress 120 s, then Completed, CompletedWithViolations or Failed ("Job inputs had no
 * data" without records). Reports go to
 * {@code <S3Uri>/<endpoint>/<schedule>/yyyy/MM/dd/HH[/mm-ss]/}, encrypted with the output
 * KmsKeyId; analyzer logs to {@code /aws/sagemaker/ProcessingJobs}.
 *
 * <p>Injected faults (throttling, 500/503, latency) apply to SageMaker only, so a test can
 * attribute a failure to one service; {@link AwsEmulator#faults()} can widen them to
 * Application Auto Scaling and CloudWatch Logs (as a busy AWS fails them all) and stop them.
 * SageMaker Runtime and S3 always answer. Deleting an endpoint deregisters its variants'
 * scalable targets and their policies, as in AWS.
 */
package dev.secureml.operator.local.emulator;
