package dev.secureml.operator.policy.schema;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The schema's {@code pattern}s as the API server reads them (Go's RE2): unanchored unless the
 * pattern anchors itself, and {@code $} only at the very end of the text. Java's {@code $} also
 * matches before a final line break, so {@code "ml.m5.xlarge\n"} would pass
 * {@code ^ml\.[a-z0-9]+\.[a-z0-9]+$}; it is rewritten to {@code \z}.
 */
final class SchemaPatterns {
  /** Schemas are few and fixed; the bound only guards against a schema built from input. */
  private static final int MAX_CACHED = 512;
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private SchemaPatterns() {}

  /** Whether the value contains a match; PatternSyntaxException when the pattern is not valid. */
  static boolean matches(String pattern, String value) {
    if (CACHE.size() >= MAX_CACHED) {
      CACHE.clear();
    }
    return CACHE.computeIfAbsent(pattern, p -> Pattern.compile(toJava(p))).matcher(value).find();
  }

  /** Go RE2 syntax to Java: {@code $} -> {@code \z} outside classes, {@code (?P<} -> {@code (?<}. */
  static String toJava(String goPattern) {
    StringBuilder out = new StringBuilder(goPattern.length() + 8);
    boolean inClass = false;
    for (int i = 0; i < goPattern.length(); i++) {
      char c = goPattern.charAt(i);
      if (c == '\\' && i + 1 < goPattern.length()) {
        out.append(c).append(goPattern.charAt(++i));
      } else if (inClass) {
        inClass = c != ']';
        out.append(c);
      } else if (c == '[') {
        inClass = true;
        out.append(c);
        // A ']' right after '[' or '[^' is a literal member, not the end of the class.
        if (i + 1 < goPattern.length() && goPattern.charAt(i + 1) == '^') {
          out.append(goPattern.charAt(++i));
        }
        if (i + 1 < goPattern.length() && goPattern.charAt(i + 1) == ']') {
          out.append("\\]");
          i++;
        }
      } else if (c == '$') {
        out.append("\\z");
      } else if (goPattern.startsWith("(?P<", i)) {
        out.append("(?<");
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Null when the pattern compiles, else why not. */
  static String problem(String pattern) {
    try {
      Pattern.compile(toJava(pattern));
      return null;
    } catch (PatternSyntaxException e) {
      return e.getDescription();
    }
  }
}
