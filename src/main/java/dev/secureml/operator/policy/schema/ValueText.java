package dev.secureml.operator.policy.schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a rejected value is shown in a message: numbers and booleans as they are, strings in
 * quotes with control characters escaped, long values cut, objects and arrays by their type, and
 * anything that looks like a secret not at all.
 */
final class ValueText {
  static final String HIDDEN = "\"<hidden: looks like a secret>\"";
  /** Longer strings are cut to their first {@link #KEPT} characters. */
  static final int MAX_SHOWN = 64;
  static final int KEPT = 40;

  private ValueText() {}

  /** The value under the field named {@code name} (the last path segment), for a message. */
  static String of(String name, JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "null";
    }
    if (value.isTextual()) {
      String text = value.textValue();
      return SecretLikeness.hides(name, text) ? HIDDEN : quoted(text);
    }
    if (value.isNumber() || value.isBoolean() || value.isNull()) {
      String text = value.asText();
      if (value.isNull()) {
        text = "null";
      }
      // A PIN or numeric password written unquoted under a secret name is still the secret.
      if (value.isNumber() && SecretLikeness.hides(name, text)) {
        return HIDDEN;
      }
      return text.length() <= MAX_SHOWN ? text
          : text.substring(0, KEPT) + "... (" + text.length() + " characters)";
    }
    return "\"" + typeName(value) + "\"";
  }

  /** A string in double quotes, escaped and cut, for values and map keys alike. */
  static String quoted(String text) {
    int shown = text.length() <= MAX_SHOWN ? text.length() : KEPT;
    StringBuilder sb = new StringBuilder("\"");
    escape(text.substring(0, shown), sb);
    sb.append('"');
    if (shown < text.length()) {
      sb.append("... (").append(text.length()).append(" characters)");
    }
    return sb.toString();
  }

  /** A map key as a path segment: escaped and cut, never quoted; hidden if it looks secret. */
  static String key(String key) {
    if (SecretLikeness.hides(null, key)) {
      return "<hidden>";
    }
    StringBuilder sb = new StringBuilder();
    escape(key.length() <= MAX_SHOWN ? key : key.substring(0, KEPT) + "...", sb);
    return sb.toString();
  }

  /** The JSON type of a value, as the API server names it. */
  static String typeName(JsonNode value) {
    if (value.isObject()) {
      return "object";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isTextual()) {
      return "string";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    return "null";
  }

  private static void escape(String text, StringBuilder sb) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          int type = Character.getType(c);
          boolean invisible = Character.isISOControl(c) || type == Character.FORMAT
              || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
              || (Character.isSpaceChar(c) && c != ' ');
          sb.append(invisible ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
      }
    }
  }
}
