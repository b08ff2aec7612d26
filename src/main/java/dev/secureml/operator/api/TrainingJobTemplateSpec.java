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
  public static final String S3_URI_PATTERN = "^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$";
  public static final String INSTANCE_TYPE_PATTERN = "^ml\\.[a-z0-9]+\\.[a-z0-9]+$";

  @Required
  @Size(min = 1, max = 255)
  @JsonPropertyDescription("Training image URI, e.g. "
      + "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/xgboost:1.7-1. Must start with "
      + "a prefix the policy allows.")
  public String image;

  @Size(max = 100)
  @JsonPropertyDescription("Hyperparameters passed to the algorithm (at most 100).")
  public Map<String, String> hyperparameters = new LinkedHashMap<>();

  @Size(max = 48)
  @JsonPropertyDescription("Environment variables for the training container.")
  public Map<String, String> environment = new LinkedHashMap<>();

  @Required
  @Size(min = 1, max = 20)
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
  @JsonPropertyDescription("Longest the job may run, e.g. 2h (default: the policy's limit, "
      + "else 24h). Jobs running longer are stopped by SageMaker.")
  public String maxRuntime;

  @JsonPropertyDescription("Managed spot training.")
  public Spot spot;

  @Required
  @Pattern("^[A-Za-z][A-Za-z0-9-]*$")
  @JsonPropertyDescription("Data classification, e.g. Internal or HighlyConfidential. Chooses "
      + "the KMS key from the policy.")
  public String dataClassification;

  @JsonPropertyDescription("Security switches. Leave empty to get the policy's settings.")
  public Security security;

  @Size(max = 40)
  @JsonPropertyDescription("Extra tags for the SageMaker job. Cannot override the policy's "
      + "required tags or the secureml.dev/ ownership tags.")
  public Map<String, String> tags = new LinkedHashMap<>();

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

    @JsonPropertyDescription("MIME type of the data, e.g. text/csv.")
    public String contentType;

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
    @JsonPropertyDescription("Longest to wait for spot capacity plus runtime, e.g. 4h; at least "
        + "maxRuntime.")
    public String maxWait;

    @Pattern(S3_URI_PATTERN)
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

    @JsonPropertyDescription("Execution role. Leave empty: the policy's role is used, and any "
        + "other role is a violation.")
    public String roleArn;

    @JsonPropertyDescription("KMS key. Leave empty: the policy's key for the data "
        + "classification is used, and any other key is a violation.")
    public String kmsKeyId;
  }
}
