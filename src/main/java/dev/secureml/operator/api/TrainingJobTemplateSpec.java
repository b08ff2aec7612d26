package dev.secureml.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to train, on what data, with which resources; the operator fills in the rest. The spec of
 * a SecureTrainingJob, and the template a DataQualityMonitor retrains from (which, unlike a job's
 * spec, may change).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.spot) || !self.spot.enabled || has(self.spot.checkpointS3Uri)",
    message = "spot.checkpointS3Uri is required when spot.enabled is true",
    fieldPath = ".spot.checkpointS3Uri", reason = "FieldValueRequired")
@ValidationRule(value = "!has(self.spot) || !self.spot.enabled || (has(self.spot.maxWait) && "
    + "duration(self.spot.maxWait) >= duration(has(self.maxRuntime) ? self.maxRuntime : '1s'))",
    message = "spot.maxWait is required with spot and must be at least maxRuntime",
    fieldPath = ".spot.maxWait", reason = "FieldValueInvalid")
public class TrainingJobTemplateSpec {
  /** Bucket, then a key without whitespace, separators, control or format characters. */
  public static final String S3_URI_PATTERN =
      "^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^\\s\\p{Z}\\p{Cc}\\p{Cf}]*)?$";
  public static final String INSTANCE_TYPE_PATTERN = "^ml\\.[a-z0-9]+\\.[a-z0-9]+$";
  /** An image reference or URI: no whitespace, separators, control or format characters. */
  public static final String NO_WHITESPACE_PATTERN = "^[^\\s\\p{Z}\\p{Cc}\\p{Cf}]+$";
  /** Free text on one line: no control characters. */
  public static final String NO_CONTROL_PATTERN = "^[^\\p{Cc}]*$";
  /** SageMaker's tag value alphabet. */
  public static final String TAG_VALUE_PATTERN = "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$";
  /** Tag keys: SageMaker allows 1-128 characters (the alphabet is the policy's to check). */
  public static final String TAG_KEYS_RULE = "self.all(k, size(k) >= 1 && size(k) <= 128)";
  public static final String TAG_KEYS_MESSAGE = "tag keys must be 1-128 characters long";
  /** Data classifications: a word such as Internal, short enough for tags and messages. */
  public static final String CLASSIFICATION_PATTERN = "^[A-Za-z][A-Za-z0-9-]*$";
  public static final int CLASSIFICATION_MAX_LENGTH = 63;
  /** SageMaker's limit on MaxRuntimeInSeconds, as a CEL rule on a duration field. */
  public static final String TRAINING_RUNTIME_RULE =
      "duration(self) >= duration('1s') && duration(self) <= duration('672h')";
  public static final String TRAINING_RUNTIME_MESSAGE =
      "must be between 1s and 672h (SageMaker's limit of 28 days)";

  @Required
  @Size(min = 1, max = 255)
  @Pattern(NO_WHITESPACE_PATTERN)
  @JsonPropertyDescription("Training image URI, e.g. "
      + "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/xgboost:1.7-1. Must start with "
      + "a prefix the policy allows.")
  public String image;

  @Size(max = 100)
  @ValidationRule(value = "self.all(k, size(k) >= 1 && size(k) <= 256)",
      message = "hyperparameter names must be 1-256 characters long")
  @JsonPropertyDescription("Hyperparameters passed to the algorithm (at most 100; names up to "
      + "256 characters, values up to 2500).")
  public Map<String, @Size(max = 2500) String> hyperparameters = new LinkedHashMap<>();

  @Size(max = 48)
  @ValidationRule(value = "self.all(k, size(k) >= 1 && size(k) <= 512)",
      message = "environment variable names must be 1-512 characters long")
  @JsonPropertyDescription("Environment variables for the training container (values up to 512 "
      + "characters).")
  public Map<String, @Size(max = 512) String> environment = new LinkedHashMap<>();

  @Required
  @Size(min = 1, max = 20)
  @ValidationRule(value = "self.all(c, self.exists_one(d, d.name == c.name))",
      message = "input channel names must be unique; SageMaker refuses a repeated name")
  @JsonPropertyDescription("Input channels (1-20), each an S3 prefix inside the policy's "
      + "allowed prefixes.")
  public List<Channel> inputs = new ArrayList<>();

  @Required
  @JsonPropertyDescription("Where SageMaker writes the model artifacts.")
  public Output output;

  @Required
  @JsonPropertyDescription("Compute for the job.")
  public Resources resources;

  @Pattern(Durations.PATTERN)
  @Size(max = Durations.MAX_LENGTH)
  @ValidationRule(value = TRAINING_RUNTIME_RULE, message = TRAINING_RUNTIME_MESSAGE)
  @JsonPropertyDescription("Longest the job may run, 1s to 672h, e.g. 2h (default: the "
      + "policy's limit, else 24h). Jobs running longer are stopped by SageMaker.")
  public String maxRuntime;

  @JsonPropertyDescription("Managed spot training.")
  public Spot spot;

  @Required
  @Pattern(CLASSIFICATION_PATTERN)
  @Size(max = CLASSIFICATION_MAX_LENGTH)
  @JsonPropertyDescription("Data classification, e.g. Internal or HighlyConfidential. Chooses "
      + "the KMS key from the policy.")
  public String dataClassification;

  @JsonPropertyDescription("Security switches. Leave empty to get the policy's settings.")
  public Security security;

  @Size(max = 40)
  @ValidationRule(value = TAG_KEYS_RULE, message = TAG_KEYS_MESSAGE)
  @JsonPropertyDescription("Extra tags for the SageMaker job. Cannot override the policy's "
      + "required tags or the secureml.dev/ ownership tags.")
  public Map<String, @Size(max = 256) @Pattern(TAG_VALUE_PATTERN) String> tags = new LinkedHashMap<>();

  @JsonPropertyDescription("Log forwarding of the job's CloudWatch logs (on by default).")
  public LogForwarding logs;

  @Default("Delete")
  @JsonPropertyDescription("Delete (default) stops a running job when this resource is deleted; "
      + "Retain leaves it running.")
  public DeletionPolicy deletionPolicy = DeletionPolicy.Delete;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Channel {
    @Required
    @Pattern("^[A-Za-z0-9.\\-_]{1,64}$")
    @JsonPropertyDescription("Channel name, e.g. train or validation.")
    public String name;

    @Required
    @Pattern(S3_URI_PATTERN)
    @Size(max = 1024)
    @JsonPropertyDescription("S3 prefix holding the channel's data.")
    public String s3Uri;

    @Size(max = 256)
    @Pattern(NO_CONTROL_PATTERN)
    @JsonPropertyDescription("MIME type of the data, e.g. text/csv.")
    public String contentType;

    @Pattern("^(None|Gzip)$")
    @JsonPropertyDescription("None (default) or Gzip.")
    public String compressionType;

    public Channel() {}

    public Channel(String name, String s3Uri, String contentType) {
      this.name = name;
      this.s3Uri = s3Uri;
      this.contentType = contentType;
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Output {
    @Required
    @Pattern(S3_URI_PATTERN)
    @Size(max = 1024)
    @JsonPropertyDescription("S3 prefix for the model artifacts.")
    public String s3Uri;

    public Output() {}

    public Output(String s3Uri) {
      this.s3Uri = s3Uri;
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Resources {
    @Required
    @Pattern(INSTANCE_TYPE_PATTERN)
    @Size(max = 64)
    @JsonPropertyDescription("SageMaker instance type, e.g. ml.m5.xlarge.")
    public String instanceType;

    @Default("1")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Number of instances (default 1).")
    public Integer instanceCount = 1;

    @Default("30")
    @Min(1)
    @Max(16384)
    @JsonPropertyDescription("ML storage volume per instance in GB (default 30).")
    public Integer volumeSizeGB = 30;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Spot {
    @Default("false")
    @JsonPropertyDescription("Use managed spot capacity.")
    public Boolean enabled = false;

    @Pattern(Durations.PATTERN)
    @Size(max = Durations.MAX_LENGTH)
    @ValidationRule(value = "duration(self) >= duration('1s') && duration(self) <= duration('"
        + Durations.MAX_TEXT + "')", message = "must be between 1s and " + Durations.MAX_TEXT)
    @JsonPropertyDescription("Longest to wait for spot capacity plus runtime, e.g. 4h; at least "
        + "maxRuntime.")
    public String maxWait;

    @Pattern(S3_URI_PATTERN)
    @Size(max = 1024)
    @JsonPropertyDescription("S3 prefix for checkpoints, required with spot.")
    public String checkpointS3Uri;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Security {
    @JsonPropertyDescription("Network isolation; may be false only where the policy makes it "
        + "Optional.")
    public Boolean networkIsolation;

    @JsonPropertyDescription("Encryption between training instances; may be false only where "
        + "the policy makes it Optional.")
    public Boolean interContainerTrafficEncryption;

    @Size(max = 2048)
    @JsonPropertyDescription("Execution role. Leave empty: the policy's role is used, and any "
        + "other role is a violation.")
    public String roleArn;

    @Size(max = 2048)
    @JsonPropertyDescription("KMS key. Leave empty: the policy's key for the data "
        + "classification is used, and any other key is a violation.")
    public String kmsKeyId;
  }
}
