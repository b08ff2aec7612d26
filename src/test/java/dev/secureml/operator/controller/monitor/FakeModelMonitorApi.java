package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.sagemaker.ResourceOwner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateDataQualityJobDefinitionRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateDataQualityJobDefinitionResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateMonitoringScheduleRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateMonitoringScheduleResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteDataQualityJobDefinitionRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteDataQualityJobDefinitionResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeDataQualityJobDefinitionRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeDataQualityJobDefinitionResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeMonitoringScheduleRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeMonitoringScheduleResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeProcessingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeProcessingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ListMonitoringExecutionsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListMonitoringExecutionsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.MonitoringScheduleConfig;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.StartMonitoringScheduleRequest;
import software.amazon.awssdk.services.sagemaker.model.StartMonitoringScheduleResponse;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.UpdateMonitoringScheduleRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateMonitoringScheduleResponse;

/**
 * A SageMaker holding at most one monitoring schedule, answering the Model Monitor calls from
 * canned responses and writing each call into {@code calls}. Every job definition asked about
 * exists and, like every resource but the schedule, carries the owner's tags; creates,
 * updates, starts and deletes succeed.
 */
final class FakeModelMonitorApi implements SageMakerClient {
  static final String ARN_PREFIX = "arn:aws:sagemaker:us-east-1:111122223333:";

  private final ResourceOwner owner;
  private final Optional<DescribeMonitoringScheduleResponse> schedule;
  private final Optional<ListTagsResponse> scheduleTags;
  private final ListMonitoringExecutionsResponse executions;
  private final Optional<DescribeProcessingJobResponse> processingJob;
  private final List<String> calls;

  /**
   * @param scheduleTags the schedule's tags; empty for the owner's
   * @param calls where each call is written, as "Operation name ..."
   */
  FakeModelMonitorApi(ResourceOwner owner, Optional<DescribeMonitoringScheduleResponse> schedule,
      Optional<ListTagsResponse> scheduleTags, ListMonitoringExecutionsResponse executions,
      Optional<DescribeProcessingJobResponse> processingJob, List<String> calls) {
    this.owner = owner;
    this.schedule = schedule;
    this.scheduleTags = scheduleTags;
    this.executions = executions;
    this.processingJob = processingJob;
    this.calls = calls;
  }

  /** The tags of the resource with this ARN. */
  Map<String, String> tagsOf(String arn) {
    if (scheduleTags.isPresent() && schedule.isPresent()
        && arn.equals(schedule.get().monitoringScheduleArn())) {
      return scheduleTags.get().tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }
    return owner.tags();
  }

  @Override
  public DescribeMonitoringScheduleResponse describeMonitoringSchedule(
      DescribeMonitoringScheduleRequest r) {
    calls.add("DescribeMonitoringSchedule " + r.monitoringScheduleName());
    return schedule.filter(d -> d.monitoringScheduleName().equals(r.monitoringScheduleName()))
        .orElseThrow(() -> ResourceNotFoundException.builder().statusCode(400)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFound")
                .errorMessage("Could not find monitoring schedule "
                    + r.monitoringScheduleName()).build()).build());
  }

  @Override
  public ListTagsResponse listTags(ListTagsRequest r) {
    calls.add("ListTags " + r.resourceArn());
    return ListTagsResponse.builder().tags(tagsOf(r.resourceArn()).entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList()).build();
  }

  @Override
  public CreateDataQualityJobDefinitionResponse createDataQualityJobDefinition(
      CreateDataQualityJobDefinitionRequest r) {
    calls.add("CreateDataQualityJobDefinition " + r.jobDefinitionName());
    return CreateDataQualityJobDefinitionResponse.builder()
        .jobDefinitionArn(definitionArn(r.jobDefinitionName())).build();
  }

  @Override
  public DescribeDataQualityJobDefinitionResponse describeDataQualityJobDefinition(
      DescribeDataQualityJobDefinitionRequest r) {
    calls.add("DescribeDataQualityJobDefinition " + r.jobDefinitionName());
    return DescribeDataQualityJobDefinitionResponse.builder()
        .jobDefinitionName(r.jobDefinitionName())
        .jobDefinitionArn(definitionArn(r.jobDefinitionName())).build();
  }

  @Override
  public DeleteDataQualityJobDefinitionResponse deleteDataQualityJobDefinition(
      DeleteDataQualityJobDefinitionRequest r) {
    calls.add("DeleteDataQualityJobDefinition " + r.jobDefinitionName());
    return DeleteDataQualityJobDefinitionResponse.builder().build();
  }

  @Override
  public CreateMonitoringScheduleResponse createMonitoringSchedule(
      CreateMonitoringScheduleRequest r) {
    calls.add("CreateMonitoringSchedule " + runs(r.monitoringScheduleName(),
        r.monitoringScheduleConfig()));
    return CreateMonitoringScheduleResponse.builder().monitoringScheduleArn(ARN_PREFIX
        + "monitoring-schedule/" + r.monitoringScheduleName()).build();
  }

  @Override
  public UpdateMonitoringScheduleResponse updateMonitoringSchedule(
      UpdateMonitoringScheduleRequest r) {
    calls.add("UpdateMonitoringSchedule " + runs(r.monitoringScheduleName(),
        r.monitoringScheduleConfig()));
    return UpdateMonitoringScheduleResponse.builder().build();
  }

  @Override
  public StartMonitoringScheduleResponse startMonitoringSchedule(
      StartMonitoringScheduleRequest r) {
    calls.add("StartMonitoringSchedule " + r.monitoringScheduleName());
    return StartMonitoringScheduleResponse.builder().build();
  }

  @Override
  public ListMonitoringExecutionsResponse listMonitoringExecutions(
      ListMonitoringExecutionsRequest r) {
    calls.add("ListMonitoringExecutions " + r.monitoringScheduleName());
    return executions;
  }

  @Override
  public DescribeProcessingJobResponse describeProcessingJob(DescribeProcessingJobRequest r) {
    calls.add("DescribeProcessingJob " + r.processingJobName());
    return processingJob.filter(j -> j.processingJobName().equals(r.processingJobName()))
        .orElseThrow(() -> SageMakerException.builder().statusCode(400)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
                .errorMessage("Could not find requested job with name "
                    + r.processingJobName()).build()).build());
  }

  @Override
  public String serviceName() {
    return "SageMaker";
  }

  @Override
  public void close() {}

  /** "name runs definition cron". */
  private static String runs(String name, MonitoringScheduleConfig config) {
    return name + " runs " + config.monitoringJobDefinitionName() + " "
        + config.scheduleConfig().scheduleExpression();
  }

  private static String definitionArn(String name) {
    return ARN_PREFIX + "data-quality-job-definition/" + name;
  }
}
