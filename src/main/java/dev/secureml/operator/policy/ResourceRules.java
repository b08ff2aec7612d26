package dev.secureml.operator.policy;

import dev.secureml.operator.api.CompliancePolicySpec;
import java.util.List;

/**
 * The allow-list checks every kind shares: instance types and counts, images, S3 locations,
 * and required fields. Each adds its violations to a caller's list, so a kind's rules read as
 * one check per field in the order they are reported.
 */
final class ResourceRules {
  /**
   * The instance limits for one use of compute.
   *
   * @param allowedTypes globs; empty admits every type
   * @param maxCount null when the policy sets no limit
   */
  record InstanceLimits(List<String> allowedTypes, Integer maxCount) {
    static final InstanceLimits NONE = new InstanceLimits(List.of(), null);

    /** {@code instances}: the limits of training. */
    static InstanceLimits training(CompliancePolicySpec policy) {
      CompliancePolicySpec.Instances i = policy.instances;
      return i == null ? NONE : new InstanceLimits(i.allowedTypes, i.maxCount);
    }

    /**
     * {@code instances.hosting} when the policy has it, as a whole; otherwise the training
     * limits, as the CRD documents. A hosting block without maxCount therefore sets no count
     * limit: the platform team wrote a hosting rule and left the count open.
     */
    static InstanceLimits hosting(CompliancePolicySpec policy) {
      CompliancePolicySpec.Hosting h = policy.instances == null ? null : policy.instances.hosting;
      return h == null ? training(policy) : new InstanceLimits(h.allowedTypes, h.maxCount);
    }
  }

  private ResourceRules() {}

  static void instanceType(List<Violation> out, InstanceLimits limits, String field,
      String type) {
    // A blank type is MissingField's; no second message for it.
    if (!blank(type) && !GlobMatcher.matchesAny(limits.allowedTypes(), type)) {
      out.add(new Violation(field, "InstanceTypeNotAllowed", "instance type " + type
          + " is not allowed; allowed: " + String.join(", ", limits.allowedTypes())));
    }
  }

  /** An instance count: at least 1, and at most the policy's maximum. */
  static void instanceCount(List<Violation> out, InstanceLimits limits, String field,
      int count) {
    if (count < 1) {
      out.add(new Violation(field, "InvalidInstanceCount",
          "instance count " + count + " must be at least 1"));
    } else {
      maxCount(out, limits, field, "instance count", count);
    }
  }

  /** A count that may not exceed the policy's maximum; {@code what} names it in the message. */
  static void maxCount(List<Violation> out, InstanceLimits limits, String field, String what,
      int count) {
    if (limits.maxCount() != null && count > limits.maxCount()) {
      out.add(new Violation(field, "InstanceCountExceeded",
          what + " " + count + " exceeds the maximum of " + limits.maxCount()));
    }
  }

  static void image(List<Violation> out, CompliancePolicySpec policy, String field,
      String image) {
    List<String> prefixes = policy.images == null ? List.of() : policy.images.allowedPrefixes;
    if (image != null
        && !PrefixMatcher.insideAny(prefixes, image, PrefixMatcher.IMAGE_BOUNDARIES)) {
      out.add(new Violation(field, "ImageNotAllowed", "image " + image
          + " is not allowed; allowed prefixes: " + String.join(", ", prefixes)));
    }
  }

  static void s3Location(List<Violation> out, CompliancePolicySpec policy, String field,
      String uri) {
    List<String> prefixes = policy.data == null ? List.of() : policy.data.allowedS3Prefixes;
    if (uri != null && !PrefixMatcher.insideAny(prefixes, uri, PrefixMatcher.S3_BOUNDARIES)) {
      out.add(new Violation(field, "S3LocationNotAllowed", "S3 location " + uri
          + " is not allowed; allowed prefixes: " + String.join(", ", prefixes)));
    }
  }

  /** Adds a MissingField violation when the value is blank. */
  static void require(List<Violation> out, String field, String value) {
    if (blank(value)) {
      out.add(missing(field));
    }
  }

  static Violation missing(String field) {
    return new Violation(field, "MissingField", field + " is required");
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
