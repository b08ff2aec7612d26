package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects model-constraint failures and reports them in one ValidationException worded as the
 * live API words them: "2 validation errors detected: Value 'x' at 'field' failed to satisfy
 * constraint: ...; Value ...". One failure is reported per field, the first one found.
 */
final class ConstraintViolations {
  static final String NOT_NULL = "Member must not be null";

  private final List<String> messages = new ArrayList<>();
  private final List<String> fields = new ArrayList<>();

  /** Records a failure unless the field already has one. */
  void add(Object value, String field, String constraint) {
    if (fields.contains(field)) {
      return;
    }
    fields.add(field);
    String shown = value == null ? "null" : "'" + value + "'";
    messages.add("Value " + shown + " at '" + field + "' failed to satisfy constraint: "
        + constraint);
  }

  /**
   * The text of an enum-valued field of {@code parent}, or null; a value outside
   * {@code allowed} is recorded.
   *
   * @param at the wire path of {@code parent}, e.g. {@code "dataQualityJobInput.endpointInput."};
   *     empty for the request itself
   */
  String enumValue(JsonNode parent, String field, List<String> allowed, String at) {
    String value = Json.text(parent, field);
    if (value != null && !allowed.contains(value)) {
      add(value, at + Character.toLowerCase(field.charAt(0)) + field.substring(1),
          oneOf(allowed));
    }
    return value;
  }

  static String maxLength(int max) {
    return "Member must have length less than or equal to " + max;
  }

  static String minLength(int min) {
    return "Member must have length greater than or equal to " + min;
  }

  static String minValue(long min) {
    return "Member must have value greater than or equal to " + min;
  }

  static String pattern(String regex) {
    return "Member must satisfy regular expression pattern: " + regex;
  }

  static String oneOf(List<String> values) {
    return "Member must satisfy enum value set: " + values;
  }

  boolean isEmpty() {
    return messages.isEmpty();
  }

  void throwIfAny() {
    if (messages.isEmpty()) {
      return;
    }
    int n = messages.size();
    throw AwsServiceException.validation(n + " validation error" + (n == 1 ? "" : "s")
        + " detected: " + String.join("; ", messages));
  }
}
