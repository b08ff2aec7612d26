package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * CreateDataQualityJobDefinition and Create/UpdateMonitoringSchedule checks: the service
 * model's field constraints first (all reported together), then the rules across fields.
 */
final class MonitoringValidator {
  static final List<String> MONITORING_TYPES = List.of(MonitoringService.DATA_QUALITY,
      "ModelQuality", "ModelBias", "ModelExplainability");
  private static final List<String> INPUT_MODES = List.of("Pipe", "File");
  private static final List<String> DISTRIBUTIONS = List.of("FullyReplicated", "ShardedByS3Key");
  private static final List<String> UPLOAD_MODES = List.of("Continuous", "EndOfJob");
  /** Model Monitor's limit on MaxRuntimeInSeconds: one day. */
  static final long MAX_RUNTIME_SECONDS = 86_400;

  private MonitoringValidator() {}

  static void validateCreateJobDefinition(JsonNode r) {
    ConstraintViolations v = new ConstraintViolations();
    SageMakerValidator.name(v, Json.text(r, "JobDefinitionName"), "jobDefinitionName");
    baseline(v, r.get("DataQualityBaselineConfig"));
    JsonNode app = required(v, r, "DataQualityAppSpecification", "dataQualityAppSpecification");
    if (app != null) {
      String image = Json.text(app, "ImageUri");
      if (image == null) {
        v.add(null, "dataQualityAppSpecification.imageUri", ConstraintViolations.NOT_NULL);
      } else if (image.length() > 255) {
        v.add(image, "dataQualityAppSpecification.imageUri", ConstraintViolations.maxLength(255));
      }
    }
    JsonNode input = required(v, r, "DataQualityJobInput", "dataQualityJobInput");
    if (input != null && input.hasNonNull("EndpointInput")) {
      endpointInput(v, input.get("EndpointInput"), "dataQualityJobInput.endpointInput.");
    }
    output(v, required(v, r, "DataQualityJobOutputConfig", "dataQualityJobOutputConfig"));
    JsonNode resources = required(v, r, "JobResources", "jobResources");
    JsonNode cluster = resources == null ? null
        : required(v, resources, "ClusterConfig", "jobResources.clusterConfig");
    if (cluster != null) {
      range(v, cluster.get("InstanceCount"), "jobResources.clusterConfig.instanceCount", 1, 100);
      range(v, cluster.get("VolumeSizeInGB"), "jobResources.clusterConfig.volumeSizeInGB", 1,
          16_384);
      if (Json.text(cluster, "InstanceType") == null) {
        v.add(null, "jobResources.clusterConfig.instanceType", ConstraintViolations.NOT_NULL);
      }
    }
    SageMakerValidator.vpc(v, r.path("NetworkConfig").get("VpcConfig"),
        "networkConfig.vpcConfig");
    SageMakerValidator.role(v, Json.text(r, "RoleArn"), "roleArn", true);
    JsonNode stopping = r.get("StoppingCondition");
    if (stopping != null && !stopping.isNull()) {
      range(v, stopping.get("MaxRuntimeInSeconds"), "stoppingCondition.maxRuntimeInSeconds", 1,
          MAX_RUNTIME_SECONDS);
    }
    SageMakerValidator.tags(v, r.get("Tags"), "tags");
    v.throwIfAny();
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
    SageMakerValidator.volumeKmsKey(cluster);
  }

  /**
   * Create/UpdateMonitoringSchedule: the name, and a configuration that names a DataQuality
   * job definition and a schedule expression this emulator understands.
   */
  static ScheduleExpression validateSchedule(JsonNode r) {
    ConstraintViolations v = new ConstraintViolations();
    SageMakerValidator.name(v, Json.text(r, "MonitoringScheduleName"), "monitoringScheduleName");
    JsonNode config = required(v, r, "MonitoringScheduleConfig", "monitoringScheduleConfig");
    String expression = null;
    if (config != null) {
      String definition = Json.text(config, "MonitoringJobDefinitionName");
      if (definition != null) {
        SageMakerValidator.name(v, definition,
            "monitoringScheduleConfig.monitoringJobDefinitionName");
      }
      v.enumValue(config, "MonitoringType", MONITORING_TYPES, "monitoringScheduleConfig.");
      JsonNode schedule = required(v, config, "ScheduleConfig",
          "monitoringScheduleConfig.scheduleConfig");
      expression = schedule == null ? null : Json.text(schedule, "ScheduleExpression");
      if (schedule != null && expression == null) {
        v.add(null, "monitoringScheduleConfig.scheduleConfig.scheduleExpression",
            ConstraintViolations.NOT_NULL);
      }
    }
    SageMakerValidator.tags(v, r.get("Tags"), "tags");
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
    return ScheduleExpression.parse(expression);
  }

  private static void baseline(ConstraintViolations v, JsonNode baseline) {
    if (baseline == null || baseline.isNull()) {
      return;
    }
    SageMakerValidator.s3Uri(v, Json.text(baseline.path("ConstraintsResource"), "S3Uri"),
        "dataQualityBaselineConfig.constraintsResource.s3Uri", false);
    SageMakerValidator.s3Uri(v, Json.text(baseline.path("StatisticsResource"), "S3Uri"),
        "dataQualityBaselineConfig.statisticsResource.s3Uri", false);
  }

  private static void endpointInput(ConstraintViolations v, JsonNode input, String at) {
    SageMakerValidator.name(v, Json.text(input, "EndpointName"), at + "endpointName");
    localPath(v, input, at);
    v.enumValue(input, "S3InputMode", INPUT_MODES, at);
    v.enumValue(input, "S3DataDistributionType", DISTRIBUTIONS, at);
  }

  private static void output(ConstraintViolations v, JsonNode config) {
    if (config == null) {
      return;
    }
    String field = "dataQualityJobOutputConfig.monitoringOutputs";
    JsonNode outputs = config.get("MonitoringOutputs");
    if (outputs == null || outputs.isNull()) {
      v.add(null, field, ConstraintViolations.NOT_NULL);
    } else if (outputs.size() != 1) {
      v.add(null, field, outputs.isEmpty() ? ConstraintViolations.minLength(1)
          : ConstraintViolations.maxLength(1));
    } else {
      String at = field + ".1.member.s3Output.";
      JsonNode s3 = outputs.get(0).get("S3Output");
      if (s3 == null || s3.isNull()) {
        v.add(null, field + ".1.member.s3Output", ConstraintViolations.NOT_NULL);
      } else {
        SageMakerValidator.s3Uri(v, Json.text(s3, "S3Uri"), at + "s3Uri", true);
        localPath(v, s3, at);
        v.enumValue(s3, "S3UploadMode", UPLOAD_MODES, at);
      }
    }
    String key = Json.text(config, "KmsKeyId");
    if (key != null && key.length() > 2048) {
      v.add(key, "dataQualityJobOutputConfig.kmsKeyId", ConstraintViolations.maxLength(2048));
    }
  }

  private static void localPath(ConstraintViolations v, JsonNode node, String at) {
    String path = Json.text(node, "LocalPath");
    if (path == null) {
      v.add(null, at + "localPath", ConstraintViolations.NOT_NULL);
    } else if (path.length() > 256) {
      v.add(path, at + "localPath", ConstraintViolations.maxLength(256));
    }
  }

  /** The object at {@code field}, or null (recorded as a violation) when it is absent. */
  private static JsonNode required(ConstraintViolations v, JsonNode parent, String field,
      String wire) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      v.add(null, wire, ConstraintViolations.NOT_NULL);
      return null;
    }
    return value;
  }

  private static void range(ConstraintViolations v, JsonNode value, String field, long min,
      long max) {
    if (value == null || value.isNull()) {
      v.add(null, field, ConstraintViolations.NOT_NULL);
    } else if (value.asLong() < min || value.asLong() > max) {
      v.add(value.asText(), field, "Member must have value between " + min + " and " + max);
    }
  }
}
