package dev.secureml.operator.local.emulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects constraint failures and reports them in one exception worded as the live API words
 * them: "2 validation errors detected: Value 'x' at 'field' failed to satisfy constraint: ...;
 * Value ...". A field breaking two constraints is reported twice, as AWS does.
 */
final class ConstraintViolations {
  static final String NOT_NULL = "Member must not be null";

  private final String errorCode;
  private final List<String> messages = new ArrayList<>();

  /** @param errorCode ValidationException for SageMaker, InvalidParameterException for Logs */
  ConstraintViolations(String errorCode) {
    this.errorCode = errorCode;
  }

  ConstraintViolations() {
    this("ValidationException");
  }

  /** @param shown the value as AWS prints it, without quotes; null for a missing value */
  void add(String shown, String field, String constraint) {
    messages.add("Value " + (shown == null ? "null" : "'" + shown + "'") + " at '" + field
        + "' failed to satisfy constraint: " + constraint);
  }

  static String maxLength(Number max) {
    return "Member must have length less than or equal to " + plain(max);
  }

  static String minLength(Number min) {
    return "Member must have length greater than or equal to " + plain(min);
  }

  static String maxValue(Number max) {
    return "Member must have value less than or equal to " + plain(max);
  }

  static String minValue(Number min) {
    return "Member must have value greater than or equal to " + plain(min);
  }

  static String pattern(String regex) {
    return "Member must satisfy regular expression pattern: " + regex;
  }

  static String oneOf(List<String> values) {
    return "Member must satisfy enum value set: " + values;
  }

  /** Constraints on a list's elements or a map's keys or values, in one bracket. */
  static String each(String what, List<String> constraints) {
    return what + " must satisfy constraint: " + constraints;
  }

  private static String plain(Number n) {
    return n instanceof BigDecimal d ? d.toPlainString() : String.valueOf(n);
  }

  boolean isEmpty() {
    return messages.isEmpty();
  }

  void throwIfAny() {
    if (messages.isEmpty()) {
      return;
    }
    int n = messages.size();
    throw new AwsServiceException(errorCode, n + " validation error" + (n == 1 ? "" : "s")
        + " detected: " + String.join("; ", messages));
  }
}
