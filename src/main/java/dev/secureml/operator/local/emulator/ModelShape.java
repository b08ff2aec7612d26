package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One shape of an AWS service model (botocore's service-2.json): its type, its members or
 * element shapes, and the constraints AWS checks before an operation runs.
 *
 * @param type structure, list, map, string, integer, long, float, double, boolean,
 *     timestamp or blob
 * @param members a structure's member names (wire spelling) and their shapes, in model order,
 *     which is the order errors are reported in
 * @param min minimum length (string, list, map) or value (numbers); null when unbounded
 * @param pattern the model's regular expression, matched against the whole value
 */
record ModelShape(String name, String type, Map<String, String> members, Set<String> required,
    List<String> enumValues, String pattern, Pattern compiled, BigDecimal min, BigDecimal max,
    String member, String key, String value) {

  static ModelShape from(String name, JsonNode json) {
    Map<String, String> members = new LinkedHashMap<>();
    json.path("members").fields().forEachRemaining(m -> members.put(m.getKey(),
        m.getValue().asText()));
    List<String> required = new ArrayList<>();
    json.path("required").forEach(r -> required.add(r.asText()));
    List<String> enumValues = new ArrayList<>();
    json.path("enum").forEach(e -> enumValues.add(e.asText()));
    String pattern = Json.text(json, "pattern");
    return new ModelShape(name, json.path("type").asText(), Collections.unmodifiableMap(members),
        Set.copyOf(required), List.copyOf(enumValues), pattern,
        pattern == null ? null : javaPattern(name, pattern), bound(json, "min"),
        bound(json, "max"), Json.text(json, "member"), Json.text(json, "key"),
        Json.text(json, "value"));
  }

  boolean isComposite() {
    return type.equals("structure") || type.equals("list") || type.equals("map");
  }

  boolean isNumber() {
    return switch (type) {
      case "integer", "long", "float", "double" -> true;
      default -> false;
    };
  }

  /**
   * Every constraint of a scalar shape, worded as AWS words them inside "Member must satisfy
   * constraint: [...]": enum, length (maximum first), pattern, value (maximum first).
   */
  List<String> constraints() {
    List<String> all = new ArrayList<>();
    if (!enumValues.isEmpty()) {
      all.add(ConstraintViolations.oneOf(enumValues));
    }
    if (!isNumber()) {
      if (max != null) {
        all.add(ConstraintViolations.maxLength(max));
      }
      if (min != null) {
        all.add(ConstraintViolations.minLength(min));
      }
    }
    if (pattern != null) {
      all.add(ConstraintViolations.pattern(pattern));
    }
    if (isNumber()) {
      if (max != null) {
        all.add(ConstraintViolations.maxValue(max));
      }
      if (min != null) {
        all.add(ConstraintViolations.minValue(min));
      }
    }
    return all;
  }

  private static BigDecimal bound(JsonNode json, String field) {
    JsonNode bound = json.get(field);
    return bound == null ? null : bound.decimalValue();
  }

  /**
   * The model's patterns are written for AWS's Java services, so Java compiles them as they
   * are, except the ECMAScript code point escape (backslash, u, {hex}), which becomes Java's
   * (backslash, x, {hex}). A pattern Java cannot compile fails loading, not a request.
   */
  static Pattern javaPattern(String shape, String pattern) {
    String java = pattern.replaceAll("\\\\u\\{([0-9A-Fa-f]+)}", "\\\\x{$1}");
    try {
      return Pattern.compile(java);
    } catch (PatternSyntaxException e) {
      throw new IllegalStateException("Shape " + shape + ": pattern " + pattern
          + " is not a Java regular expression: " + e.getDescription(), e);
    }
  }
}
