package dev.secureml.operator.policy.schema;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading an openAPIV3Schema node: the schema of a child, nullability, extensions. */
final class SchemaNodes {
  private SchemaNodes() {}

  /** The schema of an object's field: a declared property, else additionalProperties, else null. */
  static JsonNode child(JsonNode schema, String name) {
    if (schema == null) {
      return null;
    }
    JsonNode property = schema.path("properties").get(name);
    if (property != null) {
      return property;
    }
    JsonNode additional = schema.get("additionalProperties");
    return additional != null && additional.isObject() ? additional : null;
  }

  static boolean nullable(JsonNode schema) {
    return schema != null && schema.path("nullable").asBoolean(false);
  }

  static boolean preservesUnknownFields(JsonNode schema) {
    return schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
  }

  static boolean intOrString(JsonNode schema) {
    return schema.path("x-kubernetes-int-or-string").asBoolean(false);
  }

  /** A schema that says which fields an object has: unknown ones are then refused. */
  static boolean closed(JsonNode schema) {
    JsonNode additional = schema.get("additionalProperties");
    if (preservesUnknownFields(schema)) {
      return false;
    }
    if (additional != null) {
      return additional.isBoolean() && !additional.booleanValue();
    }
    return schema.has("properties");
  }
}
