package dev.secureml.operator.local.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The term form of CloudWatch Logs filter patterns: {@code ERROR Exception} (all terms),
 * {@code ?ERROR ?WARN} (any of them), {@code "exact phrase"}, {@code -term} (must not occur).
 * Matching is case-sensitive, as in CloudWatch. JSON and space-delimited patterns are refused
 * rather than guessed at.
 */
final class LogFilterPattern {
  private final List<String> required = new ArrayList<>();
  private final List<String> anyOf = new ArrayList<>();
  private final List<String> excluded = new ArrayList<>();

  private LogFilterPattern() {}

  static LogFilterPattern parse(String pattern) {
    LogFilterPattern parsed = new LogFilterPattern();
    if (pattern == null || pattern.isBlank()) {
      return parsed;
    }
    String trimmed = pattern.trim();
    if (trimmed.startsWith("{") || trimmed.startsWith("[") || trimmed.startsWith("%")) {
      throw new AwsServiceException("InvalidParameterException",
          "The emulator supports only term filter patterns, not: " + pattern);
    }
    for (String token : tokens(trimmed)) {
      if (token.startsWith("?") && token.length() > 1) {
        parsed.anyOf.add(unquote(token.substring(1)));
      } else if (token.startsWith("-") && token.length() > 1) {
        parsed.excluded.add(unquote(token.substring(1)));
      } else {
        parsed.required.add(unquote(token));
      }
    }
    return parsed;
  }

  boolean matches(String message) {
    for (String term : excluded) {
      if (message.contains(term)) {
        return false;
      }
    }
    for (String term : required) {
      if (!message.contains(term)) {
        return false;
      }
    }
    return anyOf.isEmpty() || anyOf.stream().anyMatch(message::contains);
  }

  /** Splits on spaces, keeping double-quoted phrases (with their quotes) together. */
  private static List<String> tokens(String pattern) {
    List<String> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (char c : pattern.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        current.append(c);
      } else if (Character.isWhitespace(c) && !quoted) {
        if (current.length() > 0) {
          tokens.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (current.length() > 0) {
      tokens.add(current.toString());
    }
    return tokens;
  }

  private static String unquote(String term) {
    return term.length() >= 2 && term.startsWith("\"") && term.endsWith("\"")
        ? term.substring(1, term.length() - 1) : term;
  }
}
