package dev.secureml.operator.sagemaker;

import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.api.DataQualityMonitorSpec.ProcessingResources;
import dev.secureml.operator.api.Durations;
import dev.secureml.operator.policy.ResolvedMonitorSettings;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import software.amazon.awssdk.services.sagemaker.model.CreateDataQualityJobDefinitionRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateMonitoringScheduleRequest;
import software.amazon.awssdk.services.sagemaker.model.DataQualityAppSpecification;
import software.amazon.awssdk.services.sagemaker.model.DataQualityBaselineConfig;
import software.amazon.awssdk.services.sagemaker.model.DataQualityJobInput;
import software.amazon.awssdk.services.sagemaker.model.EndpointInput;
import software.amazon.awssdk.services.sagemaker.model.MonitoringClusterConfig;
import software.amazon.awssdk.services.sagemaker.model.MonitoringConstraintsResource;
import software.amazon.awssdk.services.sagemaker.model.MonitoringNetworkConfig;
import software.amazon.awssdk.services.sagemaker.model.MonitoringOutput;
import software.amazon.awssdk.services.sagemaker.model.MonitoringOutputConfig;
import software.amazon.awssdk.services.sagemaker.model.MonitoringResources;
import software.amazon.awssdk.services.sagemaker.model.MonitoringS3Output;
import software.amazon.awssdk.services.sagemaker.model.MonitoringScheduleConfig;
import software.amazon.awssdk.services.sagemaker.model.MonitoringStatisticsResource;
import software.amazon.awssdk.services.sagemaker.model.MonitoringStoppingCondition;
import software.amazon.awssdk.services.sagemaker.model.MonitoringType;
import software.amazon.awssdk.services.sagemaker.model.ProcessingS3DataDistributionType;
import software.amazon.awssdk.services.sagemaker.model.ProcessingS3InputMode;
import software.amazon.awssdk.services.sagemaker.model.ProcessingS3UploadMode;
import software.amazon.awssdk.services.sagemaker.model.ScheduleConfig;
import software.amazon.awssdk.services.sagemaker.model.UpdateMonitoringScheduleRequest;

/**
 * Monitor + resolved policy -> the Model Monitor requests: a data-quality job definition and
 * the monitoring schedule that runs it. Role, network, keys and tags come only from the
 * resolved policy, as for the other kinds.
 *
 * <p>A job definition cannot be changed in SageMaker, so its name carries a hash of the monitor's
 * uid and the definition's content ({@link SageMakerNames#forPart}): a changed spec, baseline or
 * policy yields a new definition, the schedule is updated to it, and the old one can be
 * deleted. The schedule keeps its {@link SageMakerNames#forResource} name for the monitor's
 * whole life.
 */
public final class MonitoringRequestMapper {
  /** Where the processing job sees the endpoint's captured data. */
  static final String ENDPOINT_INPUT_PATH = "/opt/ml/processing/input/endpoint";
  /** Where the analyzer writes its reports, uploaded to spec.outputS3Uri. */
  static final String OUTPUT_PATH = "/opt/ml/processing/output";

  private MonitoringRequestMapper() {}

  /** The monitoring schedule's name: {@code <namespace>-<name>-<12 hex of the uid's hash>}. */
  public static String scheduleName(DataQualityMonitor monitor, String uid) {
    return SageMakerNames.forResource(owner(monitor, uid));
  }

  /**
   * CreateDataQualityJobDefinition, named {@code <namespace>-<name>-<12 hex of the uid and the
   * request's content>}. Compute defaults as the CRD's: ml.m5.xlarge, 20 GB, 30 minutes.
   *
   * @param endpointName the SageMaker endpoint whose captured data is analysed
   * @param constraintsS3Uri constraints.json of the baseline in use
   * @param statisticsS3Uri statistics.json of the baseline in use
   * @throws IllegalArgumentException when the settings' region has no known analyzer image
   */
  public static CreateDataQualityJobDefinitionRequest toJobDefinitionRequest(
      DataQualityMonitor monitor, ResolvedMonitorSettings settings, String endpointName,
      String constraintsS3Uri, String statisticsS3Uri, String uid) {
    DataQualityMonitorSpec spec = monitor.getSpec();
    ProcessingResources resources =
        spec.resources == null ? new ProcessingResources() : spec.resources;
    ObjectMeta meta = monitor.getMetadata();

    CreateDataQualityJobDefinitionRequest request = CreateDataQualityJobDefinitionRequest.builder()
        .dataQualityBaselineConfig(DataQualityBaselineConfig.builder()
            .constraintsResource(MonitoringConstraintsResource.builder()
                .s3Uri(constraintsS3Uri).build())
            .statisticsResource(MonitoringStatisticsResource.builder()
                .s3Uri(statisticsS3Uri).build())
            .build())
        .dataQualityAppSpecification(DataQualityAppSpecification.builder()
            .imageUri(ModelMonitorImages.analyzerImageUri(settings.region()))
            .build())
        .dataQualityJobInput(DataQualityJobInput.builder()
            .endpointInput(EndpointInput.builder()
                .endpointName(endpointName)
                .localPath(ENDPOINT_INPUT_PATH)
                .s3InputMode(ProcessingS3InputMode.FILE)
                .s3DataDistributionType(ProcessingS3DataDistributionType.FULLY_REPLICATED)
                .build())
            .build())
        .dataQualityJobOutputConfig(MonitoringOutputConfig.builder()
            .monitoringOutputs(MonitoringOutput.builder()
                .s3Output(MonitoringS3Output.builder()
                    .s3Uri(spec.outputS3Uri)
                    .localPath(OUTPUT_PATH)
                    .s3UploadMode(ProcessingS3UploadMode.END_OF_JOB)
                    .build())
                .build())
            .kmsKeyId(settings.outputKmsKeyId())
            .build())
        .jobResources(MonitoringResources.builder()
            .clusterConfig(MonitoringClusterConfig.builder()
                .instanceCount(1)
                .instanceType(orDefault(resources.instanceType,
                    ProcessingResources.DEFAULT_INSTANCE_TYPE))
                .volumeSizeInGB(resources.volumeSizeGB != null
                    ? resources.volumeSizeGB : ProcessingResources.DEFAULT_VOLUME_SIZE_GB)
                // Null for NVMe instance types, where SageMaker rejects a volume key.
                .volumeKmsKeyId(settings.volumeKmsKeyId())
                .build())
            .build())
        .networkConfig(MonitoringNetworkConfig.builder()
            .enableInterContainerTrafficEncryption(settings.interContainerTrafficEncryption())
            .enableNetworkIsolation(settings.networkIsolation())
            .vpcConfig(PolicyRequestParts.vpcConfig(settings.subnets(),
                settings.securityGroupIds()))
            .build())
        .roleArn(settings.roleArn())
        .stoppingCondition(MonitoringStoppingCondition.builder()
            .maxRuntimeInSeconds(Math.toIntExact(Durations.toSeconds(orDefault(
                resources.maxRuntime, ProcessingResources.DEFAULT_MAX_RUNTIME))))
            .build())
        .tags(PolicyRequestParts.tags(settings.tags(), meta.getNamespace(), meta.getName(), uid))
        .build();

    // The content is everything but the name itself, tags included: a tag change then rolls
    // the definition too, so its tags never need syncing.
    String name = SageMakerNames.forPart(owner(monitor, uid),
        SageMakerNames.Part.DATA_QUALITY_JOB_DEFINITION, null, SageMakerNames.contentOf(request));
    return request.toBuilder().jobDefinitionName(name).build();
  }

  /**
   * CreateMonitoringSchedule running the job definition on a cron expression.
   *
   * @param scheduleExpression e.g. {@code cron(0 * ? * * *)} for hourly
   */
  public static CreateMonitoringScheduleRequest toCreateScheduleRequest(
      DataQualityMonitor monitor, ResolvedMonitorSettings settings, String jobDefinitionName,
      String scheduleExpression, String uid) {
    ObjectMeta meta = monitor.getMetadata();
    return CreateMonitoringScheduleRequest.builder()
        .monitoringScheduleName(scheduleName(monitor, uid))
        .monitoringScheduleConfig(scheduleConfig(jobDefinitionName, scheduleExpression))
        .tags(PolicyRequestParts.tags(settings.tags(), meta.getNamespace(), meta.getName(), uid))
        .build();
  }

  /**
   * UpdateMonitoringSchedule to another job definition or cron expression. Tags are not part of
   * an update; the gateway's addTags and deleteTags change them.
   */
  public static UpdateMonitoringScheduleRequest toUpdateScheduleRequest(String scheduleName,
      String jobDefinitionName, String scheduleExpression) {
    return UpdateMonitoringScheduleRequest.builder()
        .monitoringScheduleName(scheduleName)
        .monitoringScheduleConfig(scheduleConfig(jobDefinitionName, scheduleExpression))
        .build();
  }

  private static MonitoringScheduleConfig scheduleConfig(String jobDefinitionName,
      String scheduleExpression) {
    return MonitoringScheduleConfig.builder()
        .scheduleConfig(ScheduleConfig.builder().scheduleExpression(scheduleExpression).build())
        .monitoringJobDefinitionName(jobDefinitionName)
        .monitoringType(MonitoringType.DATA_QUALITY)
        .build();
  }

  private static ResourceOwner owner(DataQualityMonitor monitor, String uid) {
    ObjectMeta meta = monitor.getMetadata();
    return new ResourceOwner(meta.getNamespace(), meta.getName(), uid);
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
