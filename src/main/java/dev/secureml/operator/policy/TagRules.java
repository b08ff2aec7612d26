package dev.secureml.operator.policy;

import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.TagKeys;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks user tags against the policy and AWS, and merges them with the required tags.
 *
 * <p>Merge order (deterministic, so the request and status never flap): the policy's required
 * tags first, in the policy's order, then the remaining user tags sorted by key. Required tags
 * always win over a user tag with the same key, in any case. User tags with the reserved
 * {@code secureml.dev/} prefix, in any case, never reach the result, even under Audit: they
 * would let a user forge the ownership tags the operator uses to adopt SageMaker resources.
 *
 * <p>Keys are compared with reserved and required keys after {@link TagKeys#fold folding} case and
 * character width: {@code SecureML.dev/namespace} or {@code Cost-Center} beside a required
 * {@code cost-center} are different keys to AWS, but look the same to a person reading a bill or
 * an audit report, and to tools that compare keys case-insensitively.
 */
final class TagRules {
  static final String TAG_KEY_CASE = "TagKeyCaseConflict";
  /** SageMaker allows 50 tags; the request mappers add 3 ownership tags. */
  static final int MAX_MERGED_TAGS = 47;
  static final int MAX_KEY = 128;
  static final int MAX_VALUE = 256;
  private static final Pattern TAG_CHARS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

  private TagRules() {}

  static Map<String, String> merge(Map<String, String> required, Map<String, String> user) {
    Map<String, String> merged = new LinkedHashMap<>();
    if (required != null) {
      merged.putAll(required);
    }
    Set<String> requiredKeys = new HashSet<>();
    merged.keySet().forEach(k -> requiredKeys.add(TagKeys.fold(k)));
    for (Map.Entry<String, String> e : sorted(user).entrySet()) {
      if (!TagKeys.reserved(e.getKey()) && !requiredKeys.contains(TagKeys.fold(e.getKey()))) {
        merged.put(e.getKey(), e.getValue() == null ? "" : e.getValue());
      }
    }
    return merged;
  }

  /** The policy's required tags; empty when it has none. */
  static Map<String, String> required(CompliancePolicySpec policy) {
    return policy.tags == null || policy.tags.required == null ? Map.of() : policy.tags.required;
  }

  /**
   * @param resource what carries the tags, for the message on their number ("job",
   *     "endpoint")
   */
  static List<Violation> check(Map<String, String> required, Map<String, String> user,
      String resource) {
    List<Violation> out = new ArrayList<>();
    Map<String, String> req = required == null ? Map.of() : required;
    Map<String, String> tags = sorted(user);
    Map<String, String> requiredByFold = new TreeMap<>();
    req.keySet().forEach(k -> requiredByFold.putIfAbsent(TagKeys.fold(k), k));
    for (Map.Entry<String, String> e : tags.entrySet()) {
      String want = req.get(e.getKey());
      String lookalike = requiredByFold.get(TagKeys.fold(e.getKey()));
      if (want != null && !want.equals(valueOf(e))) {
        out.add(new Violation(field(e.getKey()), "RequiredTagOverridden", "tag " + e.getKey()
            + " is required by the CompliancePolicy with value " + want
            + "; remove it or use that value"));
      } else if (want == null && lookalike != null) {
        out.add(new Violation(field(e.getKey()), TAG_KEY_CASE, "tag key " + e.getKey()
            + " differs from the required tag key " + lookalike + " only by case or character "
            + "width; remove it (the CompliancePolicy sets " + lookalike + ") or choose "
            + "another key"));
      }
    }
    for (String key : tags.keySet()) {
      if (key.startsWith(TagKeys.RESERVED_PREFIX)) {
        out.add(new Violation(field(key), "ReservedTag", "tag key " + key + " uses the reserved "
            + "prefix " + TagKeys.RESERVED_PREFIX + "; the operator sets those tags"));
      } else if (TagKeys.reserved(key)) {
        out.add(new Violation(field(key), "ReservedTag", "tag key " + key + " differs from the "
            + "reserved prefix " + TagKeys.RESERVED_PREFIX + " only by case or character width; "
            + "the operator sets those tags"));
      }
    }
    for (Map.Entry<String, String> e : tags.entrySet()) {
      String problem = problem(e.getKey(), valueOf(e));
      if (problem != null) {
        out.add(new Violation(field(e.getKey()), "InvalidTag", problem));
      }
    }
    int total = merge(required, user).size();
    if (total > MAX_MERGED_TAGS) {
      out.add(new Violation("spec.tags", "InvalidTag", "the " + resource + " would carry " + total
          + " tags with the required ones; at most " + MAX_MERGED_TAGS + " are allowed (SageMaker "
          + "allows 50 and the operator adds 3 ownership tags)"));
    }
    return out;
  }

  /** Why a tag breaks AWS's tag constraints, or null when it is fine. */
  static String problem(String key, String value) {
    if (key.isEmpty() || key.length() > MAX_KEY) {
      return "tag key " + shorten(key) + " must be 1-" + MAX_KEY + " characters long";
    }
    if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
      return "tag key " + key + " may not start with aws:, which AWS reserves";
    }
    if (!TAG_CHARS.matcher(key).matches()) {
      return "tag key " + key + " may only contain letters, digits, spaces and _ . : / = + - @";
    }
    if (value.length() > MAX_VALUE) {
      return "value of tag " + key + " is " + value.length() + " characters long; at most "
          + MAX_VALUE + " are allowed";
    }
    if (!TAG_CHARS.matcher(value).matches()) {
      return "value of tag " + key
          + " may only contain letters, digits, spaces and _ . : / = + - @";
    }
    return null;
  }

  private static TreeMap<String, String> sorted(Map<String, String> tags) {
    TreeMap<String, String> out = new TreeMap<>();
    if (tags != null) {
      tags.forEach((k, v) -> {
        if (k != null) {
          out.put(k, v);
        }
      });
    }
    return out;
  }

  private static String valueOf(Map.Entry<String, String> e) {
    return e.getValue() == null ? "" : e.getValue();
  }

  private static String field(String key) {
    return "spec.tags." + key;
  }

  static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
