package dev.secureml.operator.policy.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value as the API server hands it to a CEL rule: objects as maps, arrays as lists,
 * {@code integer} fields as int (Long), {@code number} fields as double even when written
 * without a fraction, and null fields left out (so {@code has()} says false).
 */
final class CelValues {
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private CelValues() {}

  static Object of(JsonNode value, JsonNode schema) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (value.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      value.fields().forEachRemaining(e -> {
        Object child = of(e.getValue(), SchemaNodes.child(schema, e.getKey()));
        if (child != null) {
          map.put(e.getKey(), child);
        }
      });
      return map;
    }
    if (value.isArray()) {
      List<Object> list = new ArrayList<>();
      JsonNode items = schema == null ? null : schema.get("items");
      value.forEach(v -> list.add(of(v, items)));
      return list;
    }
    if (value.isNumber()) {
      return number(value, schema);
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    return value.asText();
  }

  private static Object number(JsonNode value, JsonNode schema) {
    boolean declaredNumber = schema != null && "number".equals(schema.path("type").asText());
    if (declaredNumber || !value.isIntegralNumber()) {
      return value.doubleValue();
    }
    BigInteger big = value.bigIntegerValue();
    return big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0
        ? (Object) big.longValue() : (Object) value.doubleValue();
  }
}
