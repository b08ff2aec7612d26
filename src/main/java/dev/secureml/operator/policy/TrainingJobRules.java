package dev.secureml.operator.policy;

import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.SecureTrainingJobSpec;
import dev.secureml.operator.api.SecureTrainingJobSpec.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The training job's allow-list checks: required fields, instance type and count, image, S3
 * locations and hyperparameters. Runtime, spot, security and tags have their own classes.
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
    if (blank(spec.image)) {
      out.add(missing("spec.image"));
    }
    if (spec.inputs == null || spec.inputs.isEmpty()) {
      out.add(missing("spec.inputs"));
    }
    if (spec.output == null || blank(spec.output.s3Uri)) {
      out.add(missing("spec.output.s3Uri"));
    }
    if (spec.resources == null || blank(spec.resources.instanceType)) {
      out.add(missing("spec.resources.instanceType"));
    }
    if (blank(spec.dataClassification)) {
      out.add(missing("spec.dataClassification"));
    }
    return out;
  }

  static List<Violation> instances(CompliancePolicySpec policy, SecureTrainingJobSpec spec) {
    List<Violation> out = new ArrayList<>();
    CompliancePolicySpec.Instances limits = policy.instances;
    String type = spec.resources == null ? null : spec.resources.instanceType;
    if (type != null && limits != null && !GlobMatcher.matchesAny(limits.allowedTypes, type)) {
      out.add(new Violation("spec.resources.instanceType", "InstanceTypeNotAllowed",
          "instance type " + type + " is not allowed; allowed: "
              + String.join(", ", limits.allowedTypes)));
    }
    int count = instanceCount(spec);
    if (count < 1) {
      out.add(new Violation("spec.resources.instanceCount", "InvalidInstanceCount",
          "instance count " + count + " must be at least 1"));
    } else if (limits != null && limits.maxCount != null && count > limits.maxCount) {
      out.add(new Violation("spec.resources.instanceCount", "InstanceCountExceeded",
          "instance count " + count + " exceeds the maximum of " + limits.maxCount));
    }
    return out;
  }

  static List<Violation> image(CompliancePolicySpec policy, SecureTrainingJobSpec spec) {
    List<String> prefixes = policy.images == null ? List.of() : policy.images.allowedPrefixes;
    if (spec.image == null
        || PrefixMatcher.insideAny(prefixes, spec.image, PrefixMatcher.IMAGE_BOUNDARIES)) {
      return List.of();
    }
    return List.of(new Violation("spec.image", "ImageNotAllowed", "image " + spec.image
        + " is not allowed; allowed prefixes: " + String.join(", ", prefixes)));
  }

  /** Every S3 URI the job reads or writes, inputs first, then output, then checkpoints. */
  static List<Violation> s3Locations(CompliancePolicySpec policy, SecureTrainingJobSpec spec) {
    List<String> prefixes = policy.data == null ? List.of() : policy.data.allowedS3Prefixes;
    List<Violation> out = new ArrayList<>();
    if (spec.inputs != null) {
      for (int i = 0; i < spec.inputs.size(); i++) {
        Channel c = spec.inputs.get(i);
        checkS3(out, prefixes, "spec.inputs[" + i + "].s3Uri", c == null ? null : c.s3Uri);
      }
    }
    checkS3(out, prefixes, "spec.output.s3Uri", spec.output == null ? null : spec.output.s3Uri);
    checkS3(out, prefixes, "spec.spot.checkpointS3Uri",
        spec.spot == null ? null : spec.spot.checkpointS3Uri);
    return out;
  }

  private static void checkS3(List<Violation> out, List<String> prefixes, String field,
      String uri) {
    if (uri != null && !PrefixMatcher.insideAny(prefixes, uri, PrefixMatcher.S3_BOUNDARIES)) {
      out.add(new Violation(field, "S3LocationNotAllowed", "S3 location " + uri
          + " is not allowed; allowed prefixes: " + String.join(", ", prefixes)));
    }
  }

  /** SageMaker's HyperParameters limits: at most 100 entries, keys 256, values 2500 chars. */
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
    return out;
  }

  static int instanceCount(SecureTrainingJobSpec spec) {
    return spec.resources == null || spec.resources.instanceCount == null
        ? 1 : spec.resources.instanceCount;
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static Violation missing(String field) {
    return new Violation(field, "MissingField", field + " is required");
  }
}
