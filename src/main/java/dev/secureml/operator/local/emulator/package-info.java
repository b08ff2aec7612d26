/**
 * A local, wire-compatible stand-in for the parts of AWS the operator uses, served on one HTTP
 * port for the real AWS SDK (or CLI) to reach through an endpoint override.
 *
 * <ul>
 *   <li>SageMaker (JSON 1.1): CreateTrainingJob, DescribeTrainingJob, StopTrainingJob,
 *       ListTrainingJobs, AddTags, ListTags, with the live API's error codes and messages.
 *   <li>CloudWatch Logs (JSON 1.1): CreateLogGroup, CreateLogStream, PutLogEvents,
 *       DescribeLogGroups, DescribeLogStreams, GetLogEvents ({@code f/<n>} and {@code b/<n>}
 *       tokens), FilterLogEvents (term patterns only).
 *   <li>S3 (REST-XML, path-style): buckets, single-part objects with SSE and checksums
 *       (aws-chunked uploads included), ListObjectsV2.
 * </ul>
 *
 * <p>Routing is by header: an {@code X-Amz-Target} of {@code SageMaker.*} or
 * {@code Logs_20140328.*} selects the JSON service, a request without one is S3.
 *
 * <p>Training jobs advance on an emulated clock that runs {@code speed} times faster than real
 * time: Starting 60 s, Downloading 30 s, Training 120 s, Uploading 20 s, Stopping 15 s of
 * emulated time. Timestamps in responses are wall-clock; durations (TrainingTimeInSeconds) and
 * MaxRuntimeInSeconds are emulated seconds, counted from TrainingStartTime (the start of
 * Downloading). A training image whose tag contains {@code fail} fails 40% into Training.
 * Job names are unique regardless of case, as their lower-case ARNs are.
 *
 * <p>Injected faults (throttling, 500/503, latency) apply to SageMaker only; CloudWatch Logs
 * and S3 always answer, so a test can attribute a failure to one service.
 */
package dev.secureml.operator.local.emulator;
