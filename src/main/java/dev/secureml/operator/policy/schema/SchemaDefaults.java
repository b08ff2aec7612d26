package dev.secureml.operator.policy.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills in the schema's {@code default}s where a field is absent (or null and not nullable),
 * as the API server does before validating, so CEL rules such as
 * {@code !self.spot.enabled || ...} see the defaulted value rather than fail on a missing one.
 */
final class SchemaDefaults {
  private SchemaDefaults() {}

  /** Changes the value in place. */
  static void apply(JsonNode schema, JsonNode value) {
    if (schema == null || value == null) {
      return;
    }
    if (value.isObject()) {
      ObjectNode object = (ObjectNode) value;
      schema.path("properties").fields().forEachRemaining(p -> {
        JsonNode present = object.get(p.getKey());
        boolean absent = present == null
            || (present.isNull() && !SchemaNodes.nullable(p.getValue()));
        if (absent && p.getValue().has("default")) {
          object.set(p.getKey(), p.getValue().get("default").deepCopy());
        }
      });
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        apply(SchemaNodes.child(schema, name), object.get(name));
      }
    } else if (value.isArray()) {
      JsonNode items = schema.get("items");
      value.forEach(item -> apply(items, item));
    }
  }
}
