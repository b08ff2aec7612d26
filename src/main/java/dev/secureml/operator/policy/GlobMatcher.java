package dev.secureml.operator.policy;

import java.util.List;

/**
 * Matches instance types against allow-list globs such as {@code ml.m5.*}.
 *
 * <p>Only {@code *} is special (any run of characters, possibly empty); every other character,
 * including {@code .}, is literal. A hand-written matcher instead of a regex so that a policy
 * author cannot smuggle regex syntax into the allow-list.
 */
final class GlobMatcher {
  private GlobMatcher() {}

  /** True when the list is empty (everything allowed) or any glob matches the value. */
  static boolean matchesAny(List<String> globs, String value) {
    if (globs == null || globs.isEmpty()) {
      return true;
    }
    return value != null && globs.stream().anyMatch(g -> matches(g, value));
  }

  /** Whole-string match of one glob; an empty or null glob matches nothing. */
  static boolean matches(String glob, String value) {
    if (glob == null || glob.isEmpty() || value == null) {
      return false;
    }
    // Classic greedy matcher with backtracking to the last '*': linear in practice and no
    // catastrophic backtracking, unlike a naively translated regex.
    int g = 0, v = 0, starG = -1, starV = 0;
    while (v < value.length()) {
      if (g < glob.length() && glob.charAt(g) == '*') {
        starG = g++;
        starV = v;
      } else if (g < glob.length() && glob.charAt(g) == value.charAt(v)) {
        g++;
        v++;
      } else if (starG >= 0) {
        g = starG + 1;
        v = ++starV;
      } else {
        return false;
      }
    }
    while (g < glob.length() && glob.charAt(g) == '*') {
      g++;
    }
    return g == glob.length();
  }
}
