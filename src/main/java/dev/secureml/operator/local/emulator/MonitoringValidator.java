package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * CreateDataQualityJobDefinition and Create/UpdateMonitoringSchedule checks beyond the service
 * model, which {@link ModelCheckedService} has applied already: SageMaker's rules across fields
 * and what the emulator's data quality jobs need.
 */
final class MonitoringValidator {
  static final List<String> MONITORING_TYPES = List.of(MonitoringService.DATA_QUALITY,
      "ModelQuality", "ModelBias", "ModelExplainability");

  private MonitoringValidator() {}

  static void validateCreateJobDefinition(JsonNode r) {
    String image = Json.text(r.path("DataQualityAppSpecification"), "ImageUri");
    if (image != null && !SageMakerValidator.isImageReference(image)) {
      // The model's pattern for ImageUri is .*, which lets spaces through; worded after the
      // training image's refusal (aws/sagemaker-python-sdk#2063).
      throw AwsServiceException.validation("Invalid image URI. Please provide a valid Amazon"
          + " Elastic Container Registry path of the Docker image to run.");
    }
    if (!r.path("DataQualityJobInput").hasNonNull("EndpointInput")) {
      throw AwsServiceException.validation("DataQualityJobInput must have an EndpointInput: the"
          + " emulator monitors endpoints, not batch transform jobs.");
    }
    JsonNode baseline = r.path("DataQualityBaselineConfig");
    if (Json.text(baseline.path("ConstraintsResource"), "S3Uri") == null
        || Json.text(baseline.path("StatisticsResource"), "S3Uri") == null) {
      throw AwsServiceException.validation("DataQualityBaselineConfig must name both"
          + " ConstraintsResource.S3Uri and StatisticsResource.S3Uri: the emulator's data"
          + " quality jobs check captured data against a baseline.");
    }
    SageMakerValidator.volumeKmsKey(r.path("JobResources").path("ClusterConfig"));
  }

  /**
   * Create/UpdateMonitoringSchedule: a configuration that names a DataQuality job definition
   * and a schedule expression this emulator understands. The model leaves ScheduleConfig
   * optional (on-demand schedules), the emulator runs schedules only.
   */
  static ScheduleExpression validateSchedule(JsonNode r) {
    JsonNode config = r.path("MonitoringScheduleConfig");
    ConstraintViolations v = new ConstraintViolations();
    SageMakerValidator.required(v, config, "ScheduleConfig", "monitoringScheduleConfig.");
    v.throwIfAny();
    if (config.hasNonNull("MonitoringJobDefinition")) {
      throw AwsServiceException.validation("The emulator supports monitoring schedules that name"
          + " a job definition (MonitoringJobDefinitionName), not an inline"
          + " MonitoringJobDefinition.");
    }
    if (Json.text(config, "MonitoringJobDefinitionName") == null) {
      throw AwsServiceException.validation("Either MonitoringJobDefinition or"
          + " MonitoringJobDefinitionName must be provided in MonitoringScheduleConfig.");
    }
    String type = Json.text(config, "MonitoringType");
    if (type == null) {
      throw AwsServiceException.validation("MonitoringType must be provided when"
          + " MonitoringJobDefinitionName is provided.");
    }
    if (!type.equals(MonitoringService.DATA_QUALITY)) {
      throw AwsServiceException.validation("Monitoring type " + type + " is not supported by the"
          + " emulator; only DataQuality job definitions can be scheduled.");
    }
    return ScheduleExpression.parse(config.path("ScheduleConfig").path("ScheduleExpression")
        .asText());
  }
}
