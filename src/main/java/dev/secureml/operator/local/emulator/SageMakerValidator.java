package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CreateTrainingJob's checks: first the service model's field constraints (all reported
 * together), then the rules SageMaker applies across fields (reported one at a time).
 */
final class SageMakerValidator {
  static final String NAME_REGEX = "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}";
  static final String ROLE_REGEX = "^arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$";
  static final String CHANNEL_REGEX = "[A-Za-z0-9\\.\\-_]+";
  static final String S3_REGEX = "^(https|s3)://([^/]+)/?(.*)$";
  static final String TAG_REGEX = "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$";
  static final String VPC_ID_REGEX = "[-0-9a-zA-Z]+";
  static final long MAX_RUNTIME_LIMIT = 28L * 24 * 3600;
  private static final List<String> INPUT_MODES = List.of("Pipe", "File", "FastFile");
  /** Families with local NVMe instance storage, which SageMaker encrypts itself. */
  private static final Set<String> NVME_FAMILIES = Set.of("m5d", "r5d", "c5d", "g4dn", "g5",
      "g6", "g6e", "p3dn", "p4d", "p4de", "p5", "p5e", "p5en", "trn1", "trn1n");

  private SageMakerValidator() {}

  static void validateCreateTrainingJob(JsonNode r) {
    ConstraintViolations v = new ConstraintViolations();
    name(v, Json.text(r, "TrainingJobName"), "trainingJobName");
    role(v, Json.text(r, "RoleArn"), "roleArn", true);
    algorithm(v, r.get("AlgorithmSpecification"));
    channels(v, r.get("InputDataConfig"));
    JsonNode output = r.get("OutputDataConfig");
    if (output == null || output.isNull()) {
      v.add(null, "outputDataConfig", ConstraintViolations.NOT_NULL);
    } else {
      s3Uri(v, Json.text(output, "S3OutputPath"), "outputDataConfig.s3OutputPath", true);
    }
    resources(v, r.get("ResourceConfig"));
    vpc(v, r.get("VpcConfig"));
    stopping(v, r.get("StoppingCondition"));
    hyperParameters(v, r.get("HyperParameters"));
    tags(v, r.get("Tags"), "tags");
    JsonNode checkpoint = r.get("CheckpointConfig");
    if (checkpoint != null && !checkpoint.isNull()) {
      s3Uri(v, Json.text(checkpoint, "S3Uri"), "checkpointConfig.s3Uri", true);
    }
    v.throwIfAny();
    crossFieldRules(r);
  }

  static void name(ConstraintViolations v, String name, String field) {
    if (name == null) {
      v.add(null, field, ConstraintViolations.NOT_NULL);
    } else if (name.length() > 63) {
      v.add(name, field, ConstraintViolations.maxLength(63));
    } else if (!Pattern.matches(NAME_REGEX, name)) {
      v.add(name, field, ConstraintViolations.pattern(NAME_REGEX));
    }
  }

  static void role(ConstraintViolations v, String role, String field, boolean required) {
    if (role == null) {
      if (required) {
        v.add(null, field, ConstraintViolations.NOT_NULL);
      }
    } else if (role.length() < 20) {
      v.add(role, field, ConstraintViolations.minLength(20));
    } else if (role.length() > 2048) {
      v.add(role, field, ConstraintViolations.maxLength(2048));
    } else if (!Pattern.matches(ROLE_REGEX, role)) {
      v.add(role, field, ConstraintViolations.pattern(ROLE_REGEX));
    }
  }

  /** Whether an instance type's family has local NVMe storage (no customer KMS key then). */
  static boolean hasNvmeStorage(String instanceType) {
    String[] parts = instanceType == null ? new String[0] : instanceType.split("\\.");
    return parts.length == 3 && NVME_FAMILIES.contains(parts[1]);
  }

  /** Tag list constraints, shared by CreateTrainingJob and AddTags. */
  static void tags(ConstraintViolations v, JsonNode tags, String field) {
    if (tags == null || tags.isNull()) {
      return;
    }
    if (tags.size() > 50) {
      v.add(keys(tags), field, ConstraintViolations.maxLength(50));
    }
    for (int i = 0; i < tags.size(); i++) {
      String at = field + "." + (i + 1) + ".member.";
      String key = Json.text(tags.get(i), "Key");
      String value = Json.text(tags.get(i), "Value");
      if (key == null) {
        v.add(null, at + "key", ConstraintViolations.NOT_NULL);
      } else if (key.isEmpty()) {
        v.add(key, at + "key", ConstraintViolations.minLength(1));
      } else if (key.length() > 128) {
        v.add(key, at + "key", ConstraintViolations.maxLength(128));
      } else if (!Pattern.matches(TAG_REGEX, key)) {
        v.add(key, at + "key", ConstraintViolations.pattern(TAG_REGEX));
      }
      if (value != null && value.length() > 256) {
        v.add(value, at + "value", ConstraintViolations.maxLength(256));
      } else if (value != null && !Pattern.matches(TAG_REGEX, value)) {
        v.add(value, at + "value", ConstraintViolations.pattern(TAG_REGEX));
      }
    }
  }

  private static void algorithm(ConstraintViolations v, JsonNode spec) {
    if (spec == null || spec.isNull()) {
      v.add(null, "algorithmSpecification", ConstraintViolations.NOT_NULL);
      return;
    }
    String mode = Json.text(spec, "TrainingInputMode");
    if (mode == null) {
      v.add(null, "algorithmSpecification.trainingInputMode", ConstraintViolations.NOT_NULL);
    } else if (!INPUT_MODES.contains(mode)) {
      v.add(mode, "algorithmSpecification.trainingInputMode",
          ConstraintViolations.oneOf(INPUT_MODES));
    }
    String image = Json.text(spec, "TrainingImage");
    if (image != null && image.length() > 255) {
      v.add(image, "algorithmSpecification.trainingImage", ConstraintViolations.maxLength(255));
    }
  }

  private static void channels(ConstraintViolations v, JsonNode channels) {
    if (channels == null || channels.isNull()) {
      return;
    }
    if (channels.isEmpty()) {
      v.add("[]", "inputDataConfig", ConstraintViolations.minLength(1));
    } else if (channels.size() > 20) {
      v.add(null, "inputDataConfig", ConstraintViolations.maxLength(20));
    }
    for (int i = 0; i < channels.size(); i++) {
      String at = "inputDataConfig." + (i + 1) + ".member.";
      String name = Json.text(channels.get(i), "ChannelName");
      if (name == null) {
        v.add(null, at + "channelName", ConstraintViolations.NOT_NULL);
      } else if (name.length() > 64) {
        v.add(name, at + "channelName", ConstraintViolations.maxLength(64));
      } else if (!Pattern.matches(CHANNEL_REGEX, name)) {
        v.add(name, at + "channelName", ConstraintViolations.pattern(CHANNEL_REGEX));
      }
      JsonNode s3 = channels.get(i).path("DataSource").path("S3DataSource");
      if (!s3.isMissingNode()) {
        s3Uri(v, Json.text(s3, "S3Uri"), at + "dataSource.s3DataSource.s3Uri", true);
      }
    }
  }

  static void s3Uri(ConstraintViolations v, String uri, String field, boolean required) {
    if (uri == null) {
      if (required) {
        v.add(null, field, ConstraintViolations.NOT_NULL);
      }
    } else if (uri.length() > 1024) {
      v.add(uri, field, ConstraintViolations.maxLength(1024));
    } else if (!Pattern.matches(S3_REGEX, uri)) {
      v.add(uri, field, ConstraintViolations.pattern(S3_REGEX));
    }
  }

  private static void resources(ConstraintViolations v, JsonNode resources) {
    if (resources == null || resources.isNull()) {
      v.add(null, "resourceConfig", ConstraintViolations.NOT_NULL);
      return;
    }
    if (Json.text(resources, "InstanceType") == null) {
      v.add(null, "resourceConfig.instanceType", ConstraintViolations.NOT_NULL);
    }
    minimum(v, resources.get("InstanceCount"), "resourceConfig.instanceCount", 1, true);
    minimum(v, resources.get("VolumeSizeInGB"), "resourceConfig.volumeSizeInGB", 1, true);
  }

  static void vpc(ConstraintViolations v, JsonNode vpc) {
    vpc(v, vpc, "vpcConfig");
  }

  /** @param field where the VpcConfig sits, e.g. {@code networkConfig.vpcConfig} */
  static void vpc(ConstraintViolations v, JsonNode vpc, String field) {
    if (vpc == null || vpc.isNull()) {
      return;
    }
    idList(v, vpc.get("SecurityGroupIds"), field + ".securityGroupIds", 5);
    idList(v, vpc.get("Subnets"), field + ".subnets", 16);
  }

  private static void idList(ConstraintViolations v, JsonNode ids, String field, int max) {
    if (ids == null || ids.isNull()) {
      v.add(null, field, ConstraintViolations.NOT_NULL);
      return;
    }
    List<String> values = new ArrayList<>();
    ids.forEach(id -> values.add(id.asText()));
    if (values.isEmpty()) {
      v.add(values, field, ConstraintViolations.minLength(1));
    } else if (values.size() > max) {
      v.add(values, field, ConstraintViolations.maxLength(max));
    }
    for (String id : values) {
      if (id.length() > 32 || !Pattern.matches(VPC_ID_REGEX, id)) {
        v.add(values, field, "Member must satisfy constraint: [Member must have length less than"
            + " or equal to 32, Member must satisfy regular expression pattern: " + VPC_ID_REGEX
            + "]");
      }
    }
  }

  private static void stopping(ConstraintViolations v, JsonNode stopping) {
    if (stopping == null || stopping.isNull()) {
      v.add(null, "stoppingCondition", ConstraintViolations.NOT_NULL);
      return;
    }
    minimum(v, stopping.get("MaxRuntimeInSeconds"), "stoppingCondition.maxRuntimeInSeconds", 1,
        false);
    minimum(v, stopping.get("MaxWaitTimeInSeconds"), "stoppingCondition.maxWaitTimeInSeconds", 1,
        false);
  }

  static void minimum(ConstraintViolations v, JsonNode value, String field, long min,
      boolean required) {
    if (value == null || value.isNull()) {
      if (required) {
        v.add(null, field, ConstraintViolations.NOT_NULL);
      }
    } else if (value.asLong() < min) {
      v.add(value.asText(), field, ConstraintViolations.minValue(min));
    }
  }

  private static void hyperParameters(ConstraintViolations v, JsonNode params) {
    if (params == null || params.isNull()) {
      return;
    }
    if (params.size() > 100) {
      v.add(null, "hyperParameters", ConstraintViolations.maxLength(100));
    }
    params.fields().forEachRemaining(entry -> {
      if (entry.getKey().length() > 256) {
        v.add(entry.getKey(), "hyperParameters", "Map keys must satisfy constraint: ["
            + ConstraintViolations.maxLength(256) + "]");
      } else if (entry.getValue().asText().length() > 2500) {
        v.add(entry.getValue().asText(), "hyperParameters", "Map value must satisfy constraint: ["
            + ConstraintViolations.maxLength(2500) + "]");
      }
    });
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

  private static List<String> keys(JsonNode tags) {
    List<String> keys = new ArrayList<>();
    tags.forEach(t -> keys.add(t.path("Key").asText()));
    return keys;
  }
}
