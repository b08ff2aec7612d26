package dev.secureml.operator.policy;

import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.SecureTrainingJobSpec;
import dev.secureml.operator.api.TrainingJobTemplateSpec.Channel;
import dev.secureml.operator.policy.ResourceRules.InstanceLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The training job's checks: required fields, instance type and count, image, S3 locations
 * (through {@link ResourceRules}, shared with hosting), hyperparameters and environment (with
 * {@link InlineSecrets}). Runtime, spot, security and tags have their own classes.
 */
final class TrainingJobRules {
  static final int MAX_HYPERPARAMETERS = 100;
  static final int MAX_HYPERPARAMETER_KEY = 256;
  static final int MAX_HYPERPARAMETER_VALUE = 2500;

  private TrainingJobRules() {}

  /**
   * Fields the CRD schema requires. The engine does not rely on the API server having checked
   * them (tests, the CLI's policy check and older CRD versions bypass it), and without them no
   * SageMaker request can be built, so these deny even under Audit.
   */
  static List<Violation> missingFields(SecureTrainingJobSpec spec) {
    List<Violation> out = new ArrayList<>();
    ResourceRules.require(out, "spec.image", spec.image);
    if (spec.inputs == null || spec.inputs.isEmpty()) {
      out.add(ResourceRules.missing("spec.inputs"));
    }
    ResourceRules.require(out, "spec.output.s3Uri",
        spec.output == null ? null : spec.output.s3Uri);
    ResourceRules.require(out, "spec.resources.instanceType",
        spec.resources == null ? null : spec.resources.instanceType);
    ResourceRules.require(out, "spec.dataClassification", spec.dataClassification);
    return out;
  }

  static List<Violation> instances(CompliancePolicySpec policy, SecureTrainingJobSpec spec) {
    List<Violation> out = new ArrayList<>();
    InstanceLimits limits = InstanceLimits.training(policy);
    ResourceRules.instanceType(out, limits, "spec.resources.instanceType",
        spec.resources == null ? null : spec.resources.instanceType);
    ResourceRules.instanceCount(out, limits, "spec.resources.instanceCount",
        instanceCount(spec));
    return out;
  }

  static List<Violation> image(CompliancePolicySpec policy, SecureTrainingJobSpec spec) {
    List<Violation> out = new ArrayList<>();
    ResourceRules.image(out, policy, "spec.image", spec.image);
    return out;
  }

  /** Every S3 URI the job reads or writes, inputs first, then output, then checkpoints. */
  static List<Violation> s3Locations(CompliancePolicySpec policy, SecureTrainingJobSpec spec) {
    List<Violation> out = new ArrayList<>();
    if (spec.inputs != null) {
      for (int i = 0; i < spec.inputs.size(); i++) {
        Channel c = spec.inputs.get(i);
        ResourceRules.s3Location(out, policy, "spec.inputs[" + i + "].s3Uri",
            c == null ? null : c.s3Uri);
      }
    }
    ResourceRules.s3Location(out, policy, "spec.output.s3Uri",
        spec.output == null ? null : spec.output.s3Uri);
    ResourceRules.s3Location(out, policy, "spec.spot.checkpointS3Uri",
        spec.spot == null ? null : spec.spot.checkpointS3Uri);
    return out;
  }

  /**
   * SageMaker's HyperParameters limits (at most 100 entries, keys 256, values 2500 chars), then
   * secrets written inline, which DescribeTrainingJob would show to anyone allowed to call it.
   */
  static List<Violation> hyperparameters(SecureTrainingJobSpec spec) {
    List<Violation> out = new ArrayList<>();
    Map<String, String> hp = spec.hyperparameters == null ? Map.of() : spec.hyperparameters;
    if (hp.size() > MAX_HYPERPARAMETERS) {
      out.add(new Violation("spec.hyperparameters", "InvalidHyperparameter", hp.size()
          + " hyperparameters given; at most " + MAX_HYPERPARAMETERS + " are allowed"));
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    hp.forEach((k, v) -> sorted.put(k == null ? "" : k, v == null ? "" : v));
    sorted.forEach((k, v) -> {
      if (k.isEmpty() || k.length() > MAX_HYPERPARAMETER_KEY) {
        out.add(new Violation("spec.hyperparameters", "InvalidHyperparameter",
            "hyperparameter key " + TagRules.shorten(k) + " must be 1-"
                + MAX_HYPERPARAMETER_KEY + " characters long"));
      } else if (v.length() > MAX_HYPERPARAMETER_VALUE) {
        out.add(new Violation("spec.hyperparameters." + k, "InvalidHyperparameter",
            "value of hyperparameter " + k + " is " + v.length() + " characters long; at most "
                + MAX_HYPERPARAMETER_VALUE + " are allowed"));
      }
    });
    out.addAll(InlineSecrets.check(hp, InlineSecrets.HYPERPARAMETERS));
    return out;
  }

  /** Secrets written inline into the container's environment. */
  static List<Violation> environment(SecureTrainingJobSpec spec) {
    return InlineSecrets.check(spec.environment, InlineSecrets.TRAINING_ENVIRONMENT);
  }

  static int instanceCount(SecureTrainingJobSpec spec) {
    return spec.resources == null || spec.resources.instanceCount == null
        ? 1 : spec.resources.instanceCount;
  }
}
