package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CreateTrainingJob's checks beyond the service model, which {@link ModelCheckedService} has
 * applied already: what the emulator needs that the model left optional, the limits SageMaker
 * enforces without writing them into the model, and its rules across fields.
 */
final class SageMakerValidator {
  static final long MAX_RUNTIME_LIMIT = 28L * 24 * 3600;
  /**
   * The largest EBS volume there is (16 TiB), so no quota increase goes beyond it; the model
   * puts no maximum on a training job's VolumeSizeInGB.
   */
  static final long MAX_VOLUME_GB = 16_384;
  /** Families with local NVMe instance storage, which SageMaker encrypts itself. */
  private static final Set<String> NVME_FAMILIES = Set.of("m5d", "r5d", "c5d", "g4dn", "g5",
      "g6", "g6e", "p3dn", "p4d", "p4de", "p5", "p5e", "p5en", "trn1", "trn1n");

  private SageMakerValidator() {}

  static void validateCreateTrainingJob(JsonNode r) {
    emulatorNeeds(r);
    image(r.path("AlgorithmSpecification"));
    volumeSize(r.path("ResourceConfig"));
    crossFieldRules(r);
  }

  /**
   * What the emulator, which runs neither serverless training nor instance groups, needs and
   * the current model leaves optional for them. Worded as AWS words a missing member and a
   * too small value; botocore 1.34 (2024) still required the three parts and VolumeSizeInGB
   * of at least 1.
   */
  private static void emulatorNeeds(JsonNode r) {
    ConstraintViolations v = new ConstraintViolations();
    required(v, r, "AlgorithmSpecification", "");
    JsonNode resources = required(v, r, "ResourceConfig", "");
    if (resources != null) {
      required(v, resources, "InstanceType", "resourceConfig.");
      atLeastOne(v, required(v, resources, "InstanceCount", "resourceConfig."),
          "resourceConfig.instanceCount");
      atLeastOne(v, required(v, resources, "VolumeSizeInGB", "resourceConfig."),
          "resourceConfig.volumeSizeInGB");
    }
    required(v, r, "StoppingCondition", "");
    v.throwIfAny();
  }

  /** The member, or null after recording "Member must not be null" for it. */
  static JsonNode required(ConstraintViolations v, JsonNode parent, String member, String at) {
    JsonNode value = parent.get(member);
    if (value == null || value.isNull()) {
      v.add(null, at + RequestShapeValidator.wireName(member), ConstraintViolations.NOT_NULL);
      return null;
    }
    return value;
  }

  private static void atLeastOne(ConstraintViolations v, JsonNode value, String field) {
    if (value != null && value.asLong() < 1) {
      v.add(value.asText(), field, ConstraintViolations.minValue(1));
    }
  }

  /**
   * The model's pattern for TrainingImage is {@code .*}, which lets spaces and tabs through;
   * SageMaker refuses such an image with this message (aws/sagemaker-python-sdk#2063).
   */
  private static void image(JsonNode spec) {
    String image = Json.text(spec, "TrainingImage");
    if (image != null && !isImageReference(image)) {
      throw AwsServiceException.validation("Invalid training image. Please provide a valid"
          + " Amazon Elastic Container Registry path of the Docker image to run.");
    }
  }

  /** Non-empty, without whitespace or control characters: all a registry path can be. */
  static boolean isImageReference(String image) {
    return !image.isEmpty() && image.codePoints()
        .noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
            || Character.isISOControl(c));
  }

  /**
   * Above the account's quota SageMaker answers ResourceLimitExceeded, worded as for
   * processing jobs in aws/sagemaker-python-sdk#4939.
   */
  private static void volumeSize(JsonNode resources) {
    long size = resources.path("VolumeSizeInGB").asLong();
    if (size > MAX_VOLUME_GB) {
      throw new AwsServiceException("ResourceLimitExceeded", "The request delta of " + size
          + " GBs for 'Size of EBS volume for a training job instance' is greater than the"
          + " account-level service-limit of " + MAX_VOLUME_GB + " GBs. Please use AWS Service"
          + " Quotas to request an increase for this quota. If AWS Service Quotas is not"
          + " available, contact AWS support to request an increase for this quota.");
    }
  }

  /** Whether an instance type's family has local NVMe storage (no customer KMS key then). */
  static boolean hasNvmeStorage(String instanceType) {
    String[] parts = instanceType == null ? new String[0] : instanceType.split("\\.");
    return parts.length == 3 && NVME_FAMILIES.contains(parts[1]);
  }

  private static void crossFieldRules(JsonNode r) {
    JsonNode stopping = r.path("StoppingCondition");
    long maxRuntime = stopping.path("MaxRuntimeInSeconds").asLong(86_400);
    if (maxRuntime > MAX_RUNTIME_LIMIT) {
      throw AwsServiceException.validation("MaxRuntimeInSeconds " + maxRuntime
          + " exceeds the maximum allowed value of " + MAX_RUNTIME_LIMIT + " seconds (28 days).");
    }
    if (r.path("EnableManagedSpotTraining").asBoolean(false)) {
      JsonNode maxWait = stopping.get("MaxWaitTimeInSeconds");
      if (maxWait == null || maxWait.isNull() || maxWait.asLong() < maxRuntime) {
        throw AwsServiceException.validation("Invalid MaxWaitTimeInSeconds. It must be present"
            + " and be greater than or equal to MaxRuntimeInSeconds");
      }
      if (Json.text(r.path("CheckpointConfig"), "S3Uri") == null) {
        throw AwsServiceException.validation("CheckpointConfig.S3Uri is required when"
            + " EnableManagedSpotTraining is true, so that interrupted spot training can resume.");
      }
    }
    volumeKmsKey(r.path("ResourceConfig"));
    List<String> seen = new ArrayList<>();
    for (JsonNode channel : r.path("InputDataConfig")) {
      String name = channel.path("ChannelName").asText();
      if (seen.contains(name)) {
        throw AwsServiceException.validation("Channel names must be unique. Duplicate channel"
            + " name: " + name);
      }
      seen.add(name);
    }
  }

  /**
   * A job's ResourceConfig or ClusterConfig may not name a VolumeKmsKeyId for an instance type
   * with local NVMe storage.
   */
  static void volumeKmsKey(JsonNode resources) {
    String instanceType = resources.path("InstanceType").asText("");
    if (Json.text(resources, "VolumeKmsKeyId") != null && hasNvmeStorage(instanceType)) {
      throw AwsServiceException.validation("Instance type " + instanceType + " is not supported"
          + " for VolumeKmsKeyId: its storage volumes are local NVMe instance stores, which"
          + " SageMaker encrypts with a hardware module. Remove VolumeKmsKeyId and try again.");
    }
  }
}
