package dev.secureml.operator.api;

import static dev.secureml.operator.api.TrainingJobTemplateSpec.CLASSIFICATION_MAX_LENGTH;
import static dev.secureml.operator.api.TrainingJobTemplateSpec.CLASSIFICATION_PATTERN;
import static dev.secureml.operator.api.TrainingJobTemplateSpec.INSTANCE_TYPE_PATTERN;
import static dev.secureml.operator.api.TrainingJobTemplateSpec.NO_WHITESPACE_PATTERN;
import static dev.secureml.operator.api.TrainingJobTemplateSpec.S3_URI_PATTERN;
import static dev.secureml.operator.api.TrainingJobTemplateSpec.TAG_KEYS_MESSAGE;
import static dev.secureml.operator.api.TrainingJobTemplateSpec.TAG_KEYS_RULE;
import static dev.secureml.operator.api.TrainingJobTemplateSpec.TAG_VALUE_PATTERN;

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

/** What to serve and on what. The operator fills in network, encryption, role and tags. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.variants) && size(self.variants) > 0 || has(self.instanceType)",
    message = "set instanceType (one variant) or variants", reason = "FieldValueRequired")
@ValidationRule(value = "!has(self.autoscaling) || self.autoscaling.minInstances <= "
    + "self.autoscaling.maxInstances",
    message = "autoscaling.minInstances must not exceed autoscaling.maxInstances",
    fieldPath = ".autoscaling", reason = "FieldValueInvalid")
public class ModelEndpointSpec {
  @Required
  @JsonPropertyDescription("The model every variant serves unless the variant names its own.")
  public ModelSource model;

  @Size(max = 48)
  @ValidationRule(value = "self.all(k, size(k) >= 1 && size(k) <= 1024)",
      message = "environment variable names must be 1-1024 characters long")
  @JsonPropertyDescription("Environment variables for the serving container (values up to 1024 "
      + "characters).")
  public Map<String, @Size(max = 1024) String> environment = new LinkedHashMap<>();

  @Pattern(INSTANCE_TYPE_PATTERN)
  @Size(max = 64)
  @JsonPropertyDescription("Instance type of the single variant, e.g. ml.m5.large (ignored when "
      + "variants are given).")
  public String instanceType;

  @Default("1")
  @Min(1)
  @Max(100)
  @JsonPropertyDescription("Instance count of the single variant (default 1).")
  public Integer instanceCount = 1;

  @Size(max = 10)
  @JsonPropertyDescription("Several production variants with traffic weights, for canaries and "
      + "A/B tests. A change of weights or counts alone is applied without a new config.")
  public List<Variant> variants = new ArrayList<>();

  @JsonPropertyDescription("Target-tracking autoscaling of every variant on invocations per "
      + "instance (Application Auto Scaling).")
  public Autoscaling autoscaling;

  @JsonPropertyDescription("Capture requests and responses to S3 (needed by "
      + "DataQualityMonitor).")
  public DataCapture dataCapture;

  @Required
  @Pattern(CLASSIFICATION_PATTERN)
  @Size(max = CLASSIFICATION_MAX_LENGTH)
  @JsonPropertyDescription("Data classification; chooses the KMS keys from the policy.")
  public String dataClassification;

  @Size(max = 40)
  @ValidationRule(value = TAG_KEYS_RULE, message = TAG_KEYS_MESSAGE)
  @JsonPropertyDescription("Extra tags for the Model, EndpointConfig and Endpoint. Changes are "
      + "applied to SageMaker.")
  public Map<String, @Size(max = 256) @Pattern(TAG_VALUE_PATTERN) String> tags = new LinkedHashMap<>();

  @JsonPropertyDescription("Log forwarding of the endpoint's CloudWatch logs (on by default).")
  public LogForwarding logs;

  @Default("Delete")
  @JsonPropertyDescription("Delete (default) deletes the endpoint, its configs and models with "
      + "this resource; Retain leaves them.")
  public DeletionPolicy deletionPolicy = DeletionPolicy.Delete;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(value = "has(self.fromTrainingJob) != (has(self.image) && "
      + "has(self.modelDataUrl))",
      message = "set either fromTrainingJob, or image and modelDataUrl", reason = "FieldValueInvalid")
  public static class ModelSource {
    @Size(max = KubernetesNames.MAX_NAME_LENGTH)
    @ValidationRule(value = ObjectReferences.NO_NAMESPACE_RULE,
        message = ObjectReferences.TRAINING_JOB_NO_NAMESPACE)
    @ValidationRule(value = ObjectReferences.NAME_RULE,
        message = ObjectReferences.TRAINING_JOB_NAME)
    @JsonPropertyDescription("The name of a SecureTrainingJob in this namespace (references are "
        + "resolved in the resource's own namespace only): the endpoint waits until it has "
        + "Completed and serves its model artifacts with its image (unless image is set).")
    public String fromTrainingJob;

    @Size(min = 1, max = 255)
    @Pattern(NO_WHITESPACE_PATTERN)
    @JsonPropertyDescription("Serving image, from a prefix the policy allows.")
    public String image;

    @Pattern(S3_URI_PATTERN)
    @Size(max = 1024)
    @JsonPropertyDescription("S3 URI of model.tar.gz, inside the policy's allowed prefixes.")
    public String modelDataUrl;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Variant {
    @Required
    @Pattern("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")
    @JsonPropertyDescription("Variant name, e.g. blue or canary.")
    public String name;

    @JsonPropertyDescription("The variant's own model (default: spec.model).")
    public ModelSource model;

    @Required
    @Pattern(INSTANCE_TYPE_PATTERN)
    @Size(max = 64)
    @JsonPropertyDescription("Instance type, e.g. ml.m5.large.")
    public String instanceType;

    @Default("1")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Initial instance count.")
    public Integer instanceCount = 1;

    @Default("1")
    @Min(0)
    @Max(1000)
    @JsonPropertyDescription("Relative traffic weight, 0-1000 (default 1).")
    public Double weight = 1.0;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Autoscaling {
    @Required
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Fewest instances per variant.")
    public Integer minInstances;

    @Required
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Most instances per variant.")
    public Integer maxInstances;

    @Required
    @Min(1)
    @Max(1000000)
    @JsonPropertyDescription("Target of SageMakerVariantInvocationsPerInstance (per minute).")
    public Integer targetInvocationsPerInstance;

    @Default("300")
    @Min(0)
    @Max(86400)
    @JsonPropertyDescription("Seconds after a scale-in before another, at most a day (default "
        + "300).")
    public Integer scaleInCooldownSeconds = 300;

    @Default("60")
    @Min(0)
    @Max(86400)
    @JsonPropertyDescription("Seconds after a scale-out before another, at most a day (default "
        + "60).")
    public Integer scaleOutCooldownSeconds = 60;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class DataCapture {
    @Default("true")
    @JsonPropertyDescription("Capture on (default) or off.")
    public Boolean enabled = true;

    @Default("100")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Percentage of requests captured (0-100).")
    public Integer samplingPercentage = 100;

    @Required
    @Pattern(S3_URI_PATTERN)
    @Size(max = 512)
    @JsonPropertyDescription("S3 prefix for captured data, inside the policy's allowed prefixes.")
    public String destinationS3Uri;
  }
}
