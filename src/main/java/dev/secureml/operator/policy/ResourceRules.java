package dev.secureml.operator.policy;

import dev.secureml.operator.api.CompliancePolicySpec;
import java.util.List;
import java.util.function.Supplier;

/**
 * The allow-list checks every kind shares: instance types and counts, images, S3 locations,
 * and required fields. Each adds its violations to a caller's list, so a kind's rules read as
 * one check per field in the order they are reported.
 */
final class ResourceRules {
  static final String INVALID_IMAGE = "InvalidImage";
  static final String INVALID_S3_URI = "InvalidS3Uri";

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

  /**
   * An image: parsed as an OCI reference first (InvalidImage says what is wrong), then matched
   * on its registry and path components against the allowed prefixes. A blank image is
   * MissingField's or the model source's to report.
   */
  static void image(List<Violation> out, CompliancePolicySpec policy, String field,
      String image) {
    if (blank(image)) {
      return;
    }
    ImageReference reference =
        parsed(out, field, INVALID_IMAGE, () -> ImageReference.parse(image));
    if (reference == null) {
      return;
    }
    List<String> prefixes = policy.images == null ? List.of() : policy.images.allowedPrefixes;
    if (!PrefixMatcher.admitsImage(prefixes, reference)) {
      out.add(new Violation(field, "ImageNotAllowed", "image " + QuotedValue.of(image)
          + " is not allowed; allowed prefixes: " + quoted(prefixes)));
    }
  }

  /**
   * An S3 URI: parsed strictly first (InvalidS3Uri says what is wrong), then matched on its
   * bucket and key segments against the allowed prefixes. A blank URI is MissingField's to
   * report, or stands for an absent optional location.
   */
  static void s3Location(List<Violation> out, CompliancePolicySpec policy, String field,
      String uri) {
    if (blank(uri)) {
      return;
    }
    S3Uri parsed = parsed(out, field, INVALID_S3_URI, () -> S3Uri.parse(uri));
    if (parsed == null) {
      return;
    }
    List<String> prefixes = policy.data == null ? List.of() : policy.data.allowedS3Prefixes;
    if (!PrefixMatcher.admitsS3(prefixes, parsed)) {
      String hint = PrefixMatcher.admitsS3AsFolder(prefixes, parsed) ? "; end it with '/': "
          + "without it the URI is a key prefix that also selects siblings such as "
          + QuotedValue.of(uri) + "-other/" : "";
      out.add(new Violation(field, "S3LocationNotAllowed", "S3 location " + QuotedValue.of(uri)
          + " is not allowed; allowed prefixes: " + quoted(prefixes) + hint));
    }
  }

  /**
   * Whether a value did not parse. SageMaker would get a location nobody vetted, so such a
   * resource is denied even under Audit.
   */
  static boolean malformed(List<Violation> violations) {
    return violations.stream().anyMatch(v -> INVALID_IMAGE.equals(v.rule())
        || INVALID_S3_URI.equals(v.rule()));
  }

  /** The parsed value, or null after adding the violation that says why it does not parse. */
  private static <T> T parsed(List<Violation> out, String field, String rule, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (InvalidReferenceException e) {
      out.add(new Violation(field, rule, e.getMessage()));
      return null;
    }
  }

  private static String quoted(List<String> values) {
    return String.join(", ", values.stream().map(QuotedValue::of).toList());
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
