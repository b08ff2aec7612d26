package dev.secureml.operator.sagemaker;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateDataQualityJobDefinitionRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateMonitoringScheduleRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeDataQualityJobDefinitionResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeMonitoringScheduleResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeProcessingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ListMonitoringExecutionsResponse;
import software.amazon.awssdk.services.sagemaker.model.MonitoringExecutionSortKey;
import software.amazon.awssdk.services.sagemaker.model.MonitoringExecutionSummary;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;
import software.amazon.awssdk.services.sagemaker.model.UpdateMonitoringScheduleRequest;

/**
 * The Model Monitor calls the DataQualityMonitor controller needs (engine ModelMonitor): job
 * definitions, the monitoring schedule, its executions and their processing jobs. Each call is
 * rate-limited, measured ({@code secureml.sagemaker.*}, see {@link MeteredCalls}) and fails only
 * with a classified {@link SageMakerCallException}.
 *
 * <p>What the kinds mean here:
 * <ul>
 *   <li>Create: ALREADY_EXISTS (ResourceInUse) when the name is taken - Describe, check the
 *       ownership tags and adopt or report a conflict: {@link #jobDefinitions()} and {@link
 *       #schedules()} do so, and delete only what the tags say is the owner's. A job
 *       definition's name hashes its owner and content, so an owned one of the same name has
 *       the same content.
 *   <li>Describe: ResourceNotFound (schedules, job definitions) or "Could not find requested
 *       job" (processing jobs) is an empty result.
 *   <li>Delete: a resource already gone is success; a job definition still used by a schedule
 *       (ResourceInUse) is RETRYABLE: delete or update the schedule first.
 *   <li>Update of a schedule that does not exist is NOT_FOUND, thrown: the caller creates it.
 * </ul>
 */
public final class MonitoringGateway {
  static final String CREATE_DEFINITION = "CreateDataQualityJobDefinition";
  static final String DESCRIBE_DEFINITION = "DescribeDataQualityJobDefinition";
  static final String DELETE_DEFINITION = "DeleteDataQualityJobDefinition";
  static final String CREATE_SCHEDULE = "CreateMonitoringSchedule";
  static final String DESCRIBE_SCHEDULE = "DescribeMonitoringSchedule";
  static final String UPDATE_SCHEDULE = "UpdateMonitoringSchedule";
  static final String DELETE_SCHEDULE = "DeleteMonitoringSchedule";
  static final String START_SCHEDULE = "StartMonitoringSchedule";
  static final String LIST_EXECUTIONS = "ListMonitoringExecutions";
  static final String DESCRIBE_PROCESSING_JOB = "DescribeProcessingJob";
  /** ListMonitoringExecutions returns at most 100 per page. */
  static final int MAX_PAGE = 100;

  private final SageMakerClient client;
  private final MeteredCalls calls;
  private final SageMakerTagCalls tags;
  private final OwnedResources definitions;
  private final OwnedResources schedules;

  public MonitoringGateway(SageMakerClient client, RateLimiter limiter, MeterRegistry registry) {
    this.client = client;
    this.calls = MeteredCalls.sageMaker(limiter, registry);
    this.tags = new SageMakerTagCalls(client, calls);
    this.definitions = new OwnedResources("data quality job definition",
        name -> describeDataQualityJobDefinition(name)
            .map(DescribeDataQualityJobDefinitionResponse::jobDefinitionArn),
        this::tags, this::deleteDataQualityJobDefinition);
    this.schedules = new OwnedResources("monitoring schedule",
        name -> describeMonitoringSchedule(name)
            .map(DescribeMonitoringScheduleResponse::monitoringScheduleArn),
        this::tags, this::deleteMonitoringSchedule);
  }

  /** Data-quality job definitions, created, adopted and deleted only for their owner. */
  public OwnedResources jobDefinitions() {
    return definitions;
  }

  /** Monitoring schedules, created, adopted and deleted only for their owner. */
  public OwnedResources schedules() {
    return schedules;
  }

  /** Creates the job definition and returns its ARN; ALREADY_EXISTS when the name is taken. */
  public String createDataQualityJobDefinition(CreateDataQualityJobDefinitionRequest request) {
    return calls.call(CREATE_DEFINITION, () -> client.createDataQualityJobDefinition(request))
        .jobDefinitionArn();
  }

  /** The job definition, or empty when there is none of that name. */
  public Optional<DescribeDataQualityJobDefinitionResponse> describeDataQualityJobDefinition(
      String name) {
    return calls.find(DESCRIBE_DEFINITION,
        () -> client.describeDataQualityJobDefinition(r -> r.jobDefinitionName(name)));
  }

  /** Deletes the job definition; returns normally when it does not exist. */
  public void deleteDataQualityJobDefinition(String name) {
    calls.delete(DELETE_DEFINITION,
        () -> client.deleteDataQualityJobDefinition(r -> r.jobDefinitionName(name)));
  }

  /** Creates the schedule and returns its ARN; ALREADY_EXISTS when the name is taken. */
  public String createMonitoringSchedule(CreateMonitoringScheduleRequest request) {
    return calls.call(CREATE_SCHEDULE, () -> client.createMonitoringSchedule(request))
        .monitoringScheduleArn();
  }

  /** The schedule, or empty when there is none of that name (also once a delete finished). */
  public Optional<DescribeMonitoringScheduleResponse> describeMonitoringSchedule(String name) {
    return calls.find(DESCRIBE_SCHEDULE,
        () -> client.describeMonitoringSchedule(r -> r.monitoringScheduleName(name)));
  }

  /** Points the schedule at another job definition or cron expression. */
  public void updateMonitoringSchedule(UpdateMonitoringScheduleRequest request) {
    calls.call(UPDATE_SCHEDULE, () -> client.updateMonitoringSchedule(request));
  }

  /** Starts a Stopped schedule again. */
  public void startMonitoringSchedule(String name) {
    calls.call(START_SCHEDULE,
        () -> client.startMonitoringSchedule(r -> r.monitoringScheduleName(name)));
  }

  /** Deletes the schedule; returns normally when it does not exist. */
  public void deleteMonitoringSchedule(String name) {
    calls.delete(DELETE_SCHEDULE,
        () -> client.deleteMonitoringSchedule(r -> r.monitoringScheduleName(name)));
  }

  /**
   * The schedule's executions, latest scheduled time first, at most {@code max}; pages of up to
   * 100, each a rate-limited call. No call for {@code max} below 1.
   */
  public List<MonitoringExecutionSummary> recentExecutions(String scheduleName, int max) {
    List<MonitoringExecutionSummary> out = new ArrayList<>();
    String token = null;
    while (out.size() < max) {
      String next = token;
      int page = Math.min(MAX_PAGE, max - out.size());
      ListMonitoringExecutionsResponse response = calls.call(LIST_EXECUTIONS,
          () -> client.listMonitoringExecutions(r -> r
              .monitoringScheduleName(scheduleName)
              .sortBy(MonitoringExecutionSortKey.SCHEDULED_TIME)
              .sortOrder(SortOrder.DESCENDING)
              .maxResults(page)
              .nextToken(next)));
      List<MonitoringExecutionSummary> summaries = response.monitoringExecutionSummaries();
      out.addAll(summaries.subList(0, Math.min(summaries.size(), max - out.size())));
      token = response.nextToken();
      if (token == null || token.isEmpty() || summaries.isEmpty()) {
        break;
      }
    }
    return out;
  }

  /** An execution's processing job (its output and failure reason), or empty when gone. */
  public Optional<DescribeProcessingJobResponse> describeProcessingJob(String name) {
    return calls.find(DESCRIBE_PROCESSING_JOB,
        () -> client.describeProcessingJob(r -> r.processingJobName(name)));
  }

  /** All tags on the resource, following ListTags pages; each page is a rate-limited call. */
  public Map<String, String> tags(String arn) {
    return tags.list(arn);
  }

  /** Adds or overwrites tags (AddTags); no call for an empty map. */
  public void addTags(String arn, Map<String, String> add) {
    tags.add(arn, add);
  }

  /** Removes tags by key (DeleteTags); no call for no keys. */
  public void deleteTags(String arn, Collection<String> keys) {
    tags.delete(arn, keys);
  }
}
