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
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a team may run in SageMaker, and the settings the operator enforces for it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CompliancePolicySpec {
  public static final String ROLE_ARN_PATTERN = "^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$";
  public static final String KMS_KEY_PATTERN = "^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/.+$";

  @Required
  @JsonPropertyDescription("Namespaces this policy governs. Exactly one policy must select a "
      + "namespace for SageMaker resources to be admitted there.")
  public LabelSelector namespaceSelector;

  @Default("Enforce")
  @JsonPropertyDescription("Enforce rejects violating resources; Audit admits them and reports "
      + "every violation in the Compliant condition.")
  public Enforcement enforcement = Enforcement.Enforce;

  @Pattern("^[a-z]{2}(-[a-z]+)+-[0-9]$")
  @JsonPropertyDescription("AWS region of the team's SageMaker resources, e.g. us-east-1. "
      + "Informational unless the operator runs against several regions.")
  public String region;

  @Required
  @Pattern(ROLE_ARN_PATTERN)
  @Size(min = 20, max = 2048)
  @JsonPropertyDescription("IAM role SageMaker assumes for this team's resources. Users cannot "
      + "choose another role.")
  public String executionRoleArn;

  @Required
  @JsonPropertyDescription("Network settings applied to every resource.")
  public Network network;

  @Required
  @JsonPropertyDescription("KMS keys applied to volumes and outputs.")
  public Encryption encryption;

  @JsonPropertyDescription("Allowed instance types and counts.")
  public Instances instances;

  @JsonPropertyDescription("Allowed container images.")
  public Images images;

  @JsonPropertyDescription("Allowed S3 locations for inputs, outputs and checkpoints.")
  public Data data;

  @JsonPropertyDescription("Runtime limits.")
  public Limits limits;

  @JsonPropertyDescription("Managed spot training rules.")
  public Spot spot;

  @JsonPropertyDescription("Tags added to every SageMaker resource.")
  public Tags tags;

  @Size(max = 100)
  @JsonPropertyDescription("Custom rules in CEL, evaluated against the resource as "
      + "{apiVersion, kind, metadata: {name, namespace, labels, annotations}, spec}. A rule "
      + "passes when its expression is true.")
  public List<Rule> rules = new ArrayList<>();

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Network {
    @Required
    @Size(min = 1, max = 16)
    @JsonPropertyDescription("Private subnets (1-16) the resources run in.")
    public List<@Pattern("^subnet-[0-9a-f]+$") String> subnets = new ArrayList<>();

    @Required
    @Size(min = 1, max = 5)
    @JsonPropertyDescription("Security groups (1-5) attached to the resources.")
    public List<@Pattern("^sg-[0-9a-f]+$") String> securityGroupIds = new ArrayList<>();

    @Default("Required")
    @JsonPropertyDescription("Required: containers never reach the network. Optional: on unless "
        + "the resource turns it off.")
    public Requirement networkIsolation = Requirement.Required;

    @Default("Required")
    @JsonPropertyDescription("Required: traffic between training instances is encrypted. "
        + "Optional: on unless the resource turns it off.")
    public Requirement interContainerTrafficEncryption = Requirement.Required;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Encryption {
    @Required
    @JsonPropertyDescription("KMS key ARN per data classification, e.g. {Internal: arn:..., "
        + "HighlyConfidential: arn:...}. A resource whose classification has no key here is "
        + "rejected. The key encrypts the output data and the ML storage volume (instance types "
        + "with local NVMe storage get no volume key: AWS encrypts NVMe disks itself).")
    public Map<String, @Pattern(KMS_KEY_PATTERN) String> kmsKeyByClassification =
        new LinkedHashMap<>();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Instances {
    @JsonPropertyDescription("Allowed training instance types as globs, e.g. ml.m5.* "
        + "(empty: all).")
    public List<String> allowedTypes = new ArrayList<>();

    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("Largest instance count a resource may ask for.")
    public Integer maxCount;

    @JsonPropertyDescription("Instance rules for hosting (ModelEndpoint); when absent, "
        + "allowedTypes and maxCount apply to hosting too.")
    public Hosting hosting;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Hosting {
    @JsonPropertyDescription("Allowed hosting instance types as globs, e.g. ml.m5.* (empty: all).")
    public List<String> allowedTypes = new ArrayList<>();

    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("Largest instance count per variant, autoscaling maximum included.")
    public Integer maxCount;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Images {
    @JsonPropertyDescription("Allowed image prefixes, e.g. "
        + "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/ (empty: all).")
    public List<String> allowedPrefixes = new ArrayList<>();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Data {
    @JsonPropertyDescription("Allowed S3 prefixes, e.g. s3://fraud-data/. Every input, output "
        + "and checkpoint URI must start with one of them (empty: all).")
    public List<@Pattern("^s3://.+") String> allowedS3Prefixes = new ArrayList<>();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Limits {
    @Pattern(Durations.PATTERN)
    @Size(max = Durations.MAX_LENGTH)
    @ValidationRule(value = TrainingJobTemplateSpec.TRAINING_RUNTIME_RULE,
        message = TrainingJobTemplateSpec.TRAINING_RUNTIME_MESSAGE)
    @JsonPropertyDescription("Longest runtime a training job may ask for, 1s to 672h, e.g. 24h. "
        + "Also the runtime of jobs that do not say.")
    public String maxRuntime;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Spot {
    @Default("true")
    @JsonPropertyDescription("Whether managed spot training may be used.")
    public Boolean allowed = true;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Tags {
    @Size(max = 40)
    @ValidationRule(value = TrainingJobTemplateSpec.TAG_KEYS_RULE,
        message = TrainingJobTemplateSpec.TAG_KEYS_MESSAGE)
    @JsonPropertyDescription("Tags every resource carries; users cannot override them.")
    public Map<String, @Size(max = 256) @Pattern(TrainingJobTemplateSpec.TAG_VALUE_PATTERN)
        String> required = new LinkedHashMap<>();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Rule {
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of the rule, shown in violations.")
    public String name;

    @Required
    @Size(min = 1, max = 4096)
    @JsonPropertyDescription("CEL expression that must be true, e.g. "
        + "\"!spec.resources.instanceType.startsWith('ml.g') || spec.spot.enabled\".")
    public String expression;

    @Required
    @Size(min = 1, max = 1024)
    @JsonPropertyDescription("Message shown when the rule is broken.")
    public String message;

    @JsonPropertyDescription("Kinds the rule applies to (empty: all).")
    public List<String> kinds = new ArrayList<>();

    public Rule() {}

    public Rule(String name, String expression, String message) {
      this.name = name;
      this.expression = expression;
      this.message = message;
    }
  }
}
