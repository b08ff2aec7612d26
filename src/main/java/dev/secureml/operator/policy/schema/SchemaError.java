package dev.secureml.operator.policy.schema;

/**
 * One way a resource breaks its CRD's schema, worded as the API server words it.
 *
 * @param field JSON path of the offending field, e.g. {@code spec.resources.volumeSizeGB}
 * @param message what is wrong and what is allowed, e.g. {@code Invalid value: 999999: must be
 *     less than or equal to 16384}; never a secret, never a long value in full
 */
public record SchemaError(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
