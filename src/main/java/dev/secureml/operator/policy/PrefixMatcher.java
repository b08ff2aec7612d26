package dev.secureml.operator.policy;

import java.util.List;

/**
 * Path-safe prefix matching for S3 URIs and image references.
 *
 * <p>A plain {@code startsWith} would let {@code s3://fraud-data} admit
 * {@code s3://fraud-data-evil/x}, another team's (or an attacker's) bucket. So a prefix that does
 * not already end at a boundary only matches the value itself or the value followed by a
 * boundary character.
 */
final class PrefixMatcher {
  /** S3: only '/' separates bucket and key segments. */
  static final String S3_BOUNDARIES = "/";
  /** Images: '/' separates repository path segments, ':' starts a tag, '@' a digest. */
  static final String IMAGE_BOUNDARIES = "/:@";

  private PrefixMatcher() {}

  /** True when the list is empty (everything allowed) or the value lies inside a prefix. */
  static boolean insideAny(List<String> prefixes, String value, String boundaries) {
    if (prefixes == null || prefixes.isEmpty()) {
      return true;
    }
    return value != null && prefixes.stream().anyMatch(p -> inside(p, value, boundaries));
  }

  static boolean inside(String prefix, String value, String boundaries) {
    if (prefix == null || prefix.isEmpty() || value == null || !value.startsWith(prefix)) {
      return false;
    }
    if (value.length() == prefix.length()) {
      return true;
    }
    char last = prefix.charAt(prefix.length() - 1);
    char next = value.charAt(prefix.length());
    return boundaries.indexOf(last) >= 0 || boundaries.indexOf(next) >= 0;
  }
}
