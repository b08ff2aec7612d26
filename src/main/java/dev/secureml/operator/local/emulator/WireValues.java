package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How AWS's JSON services read a request value for a shape, and print it back in an error.
 * A value of the wrong JSON type never reaches validation: the service refuses the whole
 * request with a SerializationException, as AWS's deserializer does.
 */
final class WireValues {
  private WireValues() {}

  /** @throws AwsServiceException SerializationException when the JSON type does not fit */
  static void checkType(ModelShape shape, JsonNode node) {
    boolean fits = switch (shape.type()) {
      case "structure", "map" -> node.isObject();
      case "list" -> node.isArray();
      case "string", "blob" -> node.isTextual();
      case "boolean" -> node.isBoolean();
      case "integer" -> node.isIntegralNumber() && node.canConvertToInt();
      case "long" -> node.isIntegralNumber() && node.canConvertToLong();
      case "float", "double" -> node.isNumber();
      case "timestamp" -> node.isNumber();
      default -> true;
    };
    if (fits) {
      return;
    }
    String problem;
    if (node.isObject()) {
      problem = "Start of structure or map found where not expected.";
    } else if (node.isArray()) {
      problem = "Start of list found where not expected.";
    } else {
      problem = kind(node) + " can not be converted to " + article(shape.type());
    }
    throw new AwsServiceException("SerializationException", problem);
  }

  private static String kind(JsonNode node) {
    return node.isTextual() ? "STRING_VALUE" : node.isBoolean() ? "BOOLEAN_VALUE"
        : "NUMBER_VALUE";
  }

  private static String article(String type) {
    String named = Character.toUpperCase(type.charAt(0)) + type.substring(1);
    return ("integer".equals(type) ? "an " : "a ") + named;
  }

  /**
   * A value as AWS's Java services print it after "Value": text as is, lists as
   * {@code [a, b]}, maps and structures as {@code {k=v}}.
   */
  static String show(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(show(item)));
      return items.toString();
    }
    if (node.isObject()) {
      List<String> entries = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>)
          node::fields) {
        entries.add(e.getKey() + "=" + show(e.getValue()));
      }
      return "{" + String.join(", ", entries) + "}";
    }
    return node.asText();
  }

  /** The constraints of a scalar shape that the value breaks, in {@link ModelShape} order. */
  static List<String> broken(ModelShape shape, JsonNode node) {
    List<String> broken = new ArrayList<>();
    if (node.isTextual()) {
      String text = node.asText();
      BigDecimal length = BigDecimal.valueOf(text.codePointCount(0, text.length()));
      if (shape.max() != null && !shape.isNumber() && length.compareTo(shape.max()) > 0) {
        broken.add(ConstraintViolations.maxLength(shape.max()));
      }
      if (shape.min() != null && !shape.isNumber() && length.compareTo(shape.min()) < 0) {
        broken.add(ConstraintViolations.minLength(shape.min()));
      }
      if (shape.compiled() != null && !matches(shape, text)) {
        broken.add(ConstraintViolations.pattern(shape.pattern()));
      }
      if (!shape.enumValues().isEmpty() && !shape.enumValues().contains(text)) {
        broken.add(ConstraintViolations.oneOf(shape.enumValues()));
      }
    } else if (node.isNumber() && shape.isNumber()) {
      BigDecimal value = node.decimalValue();
      if (shape.max() != null && value.compareTo(shape.max()) > 0) {
        broken.add(ConstraintViolations.maxValue(shape.max()));
      }
      if (shape.min() != null && value.compareTo(shape.min()) < 0) {
        broken.add(ConstraintViolations.minValue(shape.min()));
      }
    }
    return broken;
  }

  /** Whole-value match, as AWS's services apply the model's patterns. */
  private static boolean matches(ModelShape shape, String text) {
    try {
      return shape.compiled().matcher(text).matches();
    } catch (StackOverflowError e) {
      // Java's regex engine recurses per repetition of a group, so a hostile value of some
      // hundred thousand characters exhausts the stack; such a value is refused, not a crash.
      return false;
    }
  }
}
