package dev.secureml.operator.policy.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a value against a structural openAPIV3Schema as the API server does: type (integer is
 * not number), required, properties and unknown fields, additionalProperties (maps), items,
 * sizes, lengths, pattern, bounds (exclusive too), enum, int-or-string and nullable; then the
 * node's CEL rules, but only on a subtree that passed, as a rule may assume its types.
 *
 * <p>Nulls are read as the API server reads them: a null in a nullable field is a value, any
 * other null is pruned, so a required field holding null is missing. Work is bounded: items of a
 * list that is already too long, and entries of a map that has too many, are not looked at.
 * One instance per check: it collects the errors.
 */
final class StructuralValidator {
  private final CrdRuleEvaluator rules;
  private final List<SchemaError> errors = new ArrayList<>();

  StructuralValidator(CrdRuleEvaluator rules) {
    this.rules = rules;
  }

  List<SchemaError> errors() {
    return errors;
  }

  /**
   * @param name the field's name or map key (for recognising secret-looking values)
   */
  void validate(JsonNode schema, JsonNode value, String path, String name) {
    int before = errors.size();
    if (!hasType(schema, value, path, name)) {
      return;
    }
    if (value.isObject()) {
      object(schema, value, path);
    } else if (value.isArray()) {
      array(schema, value, path, name);
    } else if (value.isTextual()) {
      string(schema, value.textValue(), path, name, value);
    } else if (value.isNumber()) {
      number(schema, value, path, name);
    }
    enumeration(schema, value, path, name);
    if (errors.size() == before) {
      errors.addAll(rules.evaluate(schema, value, path, name));
    }
  }

  private boolean hasType(JsonNode schema, JsonNode value, String path, String name) {
    String expected;
    boolean ok;
    if (SchemaNodes.intOrString(schema)) {
      expected = "integer or string";
      ok = value.isTextual() || isInteger(value);
    } else {
      expected = schema.path("type").asText("");
      ok = switch (expected) {
        case "object" -> value.isObject();
        case "array" -> value.isArray();
        case "string" -> value.isTextual();
        case "integer" -> isInteger(value);
        case "number" -> value.isNumber();
        case "boolean" -> value.isBoolean();
        default -> true;
      };
    }
    if (!ok) {
      invalid(path, name, value, "must be of type " + expected);
    }
    return ok;
  }

  /** As the API server: a whole number written with a fraction (2.0) is an integer too. */
  private static boolean isInteger(JsonNode value) {
    if (value.isIntegralNumber()) {
      return true;
    }
    if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
      return false;
    }
    return value.decimalValue().stripTrailingZeros().scale() <= 0;
  }

  private void object(JsonNode schema, JsonNode value, String path) {
    JsonNode properties = schema.path("properties");
    for (JsonNode required : schema.path("required")) {
      JsonNode child = value.get(required.asText());
      if (child == null || (child.isNull() && !SchemaNodes.nullable(properties.get(
          required.asText())))) {
        errors.add(new SchemaError(path + "." + required.asText(), "Required value"));
      }
    }
    int size = value.size();
    if (schema.has("maxProperties") && size > schema.get("maxProperties").asLong()) {
      errors.add(new SchemaError(path, "Too many: " + size + ": must have at most "
          + schema.get("maxProperties").asLong() + " entries"));
      return;
    }
    if (schema.has("minProperties") && size < schema.get("minProperties").asLong()) {
      errors.add(new SchemaError(path, "Invalid value: " + size + ": must have at least "
          + schema.get("minProperties").asLong() + " entries"));
    }
    boolean closed = SchemaNodes.closed(schema);
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode declared = properties.get(key);
      JsonNode childSchema = SchemaNodes.child(schema, key);
      String childPath = declared != null ? path + "." + key
          : childSchema != null ? path + "[" + ValueText.key(key) + "]"
          : path + "." + ValueText.key(key);
      JsonNode child = field.getValue();
      if (child.isNull() && !SchemaNodes.nullable(childSchema)) {
        continue; // pruned, as the API server prunes it; a required one was reported above
      }
      if (childSchema != null) {
        if (!child.isNull()) {
          validate(childSchema, child, childPath, key);
        }
      } else if (closed) {
        errors.add(new SchemaError(childPath, "Forbidden: unknown field, not in the schema"));
      }
    }
  }

  private void array(JsonNode schema, JsonNode value, String path, String name) {
    int size = value.size();
    if (schema.has("maxItems") && size > schema.get("maxItems").asLong()) {
      errors.add(new SchemaError(path, "Too many: " + size + ": must have at most "
          + schema.get("maxItems").asLong() + " items"));
      return;
    }
    if (schema.has("minItems") && size < schema.get("minItems").asLong()) {
      errors.add(new SchemaError(path, "Invalid value: " + size + ": must have at least "
          + schema.get("minItems").asLong() + " items"));
    }
    boolean unique = schema.path("uniqueItems").asBoolean(false)
        || "set".equals(schema.path("x-kubernetes-list-type").asText());
    Set<JsonNode> seen = new HashSet<>();
    JsonNode items = schema.get("items");
    for (int i = 0; i < size; i++) {
      JsonNode item = value.get(i);
      String itemPath = path + "[" + i + "]";
      if (unique && !seen.add(item)) {
        errors.add(new SchemaError(itemPath, "Duplicate value: " + ValueText.of(name, item)));
      }
      if (items != null && !(item.isNull() && SchemaNodes.nullable(items))) {
        if (item.isNull()) {
          invalid(itemPath, name, item, "must not be null");
        } else {
          validate(items, item, itemPath, name);
        }
      }
    }
  }

  private void string(JsonNode schema, String text, String path, String name, JsonNode value) {
    int length = text.codePointCount(0, text.length());
    boolean lengthOk = true;
    if (schema.has("maxLength") && length > schema.get("maxLength").asLong()) {
      errors.add(new SchemaError(path, "Too long: may not be longer than "
          + schema.get("maxLength").asLong() + " characters (has " + length + ")"));
      lengthOk = false;
    }
    if (schema.has("minLength") && length < schema.get("minLength").asLong()) {
      invalid(path, name, value, "must be at least " + schema.get("minLength").asLong()
          + " characters long");
      lengthOk = false;
    }
    // A value already too long is not also run through the pattern: bounded work.
    if (lengthOk && schema.has("pattern")) {
      String pattern = schema.get("pattern").asText();
      try {
        if (!SchemaPatterns.matches(pattern, text)) {
          invalid(path, name, value, "must match '" + pattern + "'");
        }
      } catch (PatternSyntaxException e) {
        invalid(path, name, value, "cannot be checked: the schema's pattern '" + pattern
            + "' is not valid");
      }
    }
  }

  private void number(JsonNode schema, JsonNode value, String path, String name) {
    if (!Double.isFinite(value.doubleValue()) && !value.isIntegralNumber()) {
      invalid(path, name, value, "must be a finite number");
      return;
    }
    BigDecimal n = value.decimalValue();
    if (schema.has("minimum")) {
      BigDecimal min = schema.get("minimum").decimalValue();
      boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
      int c = n.compareTo(min);
      if (exclusive ? c <= 0 : c < 0) {
        invalid(path, name, value, "must be greater than " + (exclusive ? "" : "or equal to ")
            + plain(min));
      }
    }
    if (schema.has("maximum")) {
      BigDecimal max = schema.get("maximum").decimalValue();
      boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
      int c = n.compareTo(max);
      if (exclusive ? c >= 0 : c > 0) {
        invalid(path, name, value, "must be less than " + (exclusive ? "" : "or equal to ")
            + plain(max));
      }
    }
    if (schema.has("multipleOf")) {
      BigDecimal step = schema.get("multipleOf").decimalValue();
      if (step.signum() > 0 && n.remainder(step).signum() != 0) {
        invalid(path, name, value, "must be a multiple of " + plain(step));
      }
    }
  }

  private void enumeration(JsonNode schema, JsonNode value, String path, String name) {
    JsonNode allowed = schema.get("enum");
    if (allowed == null || !allowed.isArray()) {
      return;
    }
    for (JsonNode a : allowed) {
      if (a.equals(value) || (a.isNumber() && value.isNumber()
          && a.decimalValue().compareTo(value.decimalValue()) == 0)) {
        return;
      }
    }
    List<String> names = new ArrayList<>();
    allowed.forEach(a -> names.add(a.isTextual() ? ValueText.quoted(a.textValue())
        : a.toString()));
    errors.add(new SchemaError(path, "Unsupported value: " + ValueText.of(name, value)
        + ": supported values: " + String.join(", ", names)));
  }

  private void invalid(String path, String name, JsonNode value, String detail) {
    errors.add(new SchemaError(path, "Invalid value: " + ValueText.of(name, value) + ": "
        + detail));
  }

  /** 16384.0 -> "16384", 0.5 -> "0.5". */
  private static String plain(BigDecimal n) {
    return n.stripTrailingZeros().toPlainString();
  }
}
