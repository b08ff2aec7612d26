package dev.secureml.operator.policy;

/**
 * One broken rule.
 *
 * @param field JSON path of the offending field, e.g. {@code spec.resources.instanceType}
 * @param rule short rule id, e.g. {@code InstanceTypeNotAllowed} or a custom rule's name
 * @param message what is wrong and what is allowed
 */
public record Violation(String field, String rule, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
