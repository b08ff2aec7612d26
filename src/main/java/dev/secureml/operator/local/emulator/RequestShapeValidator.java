package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a request against its operation's input shape in the service model, as AWS does
 * before the operation runs: required members, enums, patterns, lengths, list and map sizes,
 * value ranges, at any depth. All failures are reported together, each at its member path in
 * AWS's form: lowerCamelCase names joined by dots, list elements as {@code tags.2.member.key}.
 * Members the model does not know are ignored, as AWS's JSON services ignore them.
 */
final class RequestShapeValidator {
  private final ServiceModel model;
  private final String errorCode;

  /** @param errorCode the service's code for a constraint failure */
  RequestShapeValidator(ServiceModel model, String errorCode) {
    this.model = model;
    this.errorCode = errorCode;
  }

  /**
   * @throws AwsServiceException the service's validation error naming every failure, or a
   *     SerializationException for a value of the wrong JSON type
   */
  void validate(String operation, JsonNode request) {
    model.input(operation).ifPresent(input -> {
      ConstraintViolations v = new ConstraintViolations(errorCode);
      value(input, request, "", v);
      v.throwIfAny();
    });
  }

  private void value(ModelShape shape, JsonNode node, String at, ConstraintViolations v) {
    WireValues.checkType(shape, node);
    switch (shape.type()) {
      case "structure" -> structure(shape, node, at, v);
      case "list" -> list(shape, node, at, v);
      case "map" -> map(shape, node, at, v);
      default -> WireValues.broken(shape, node)
          .forEach(c -> v.add(WireValues.show(node), at, c));
    }
  }

  private void structure(ModelShape shape, JsonNode node, String at, ConstraintViolations v) {
    for (Map.Entry<String, String> member : shape.members().entrySet()) {
      String path = (at.isEmpty() ? "" : at + ".") + wireName(member.getKey());
      JsonNode value = node.get(member.getKey());
      if (value == null || value.isNull()) {
        if (shape.required().contains(member.getKey())) {
          v.add(null, path, ConstraintViolations.NOT_NULL);
        }
      } else {
        value(model.shape(member.getValue()), value, path, v);
      }
    }
  }

  private void list(ModelShape shape, JsonNode node, String at, ConstraintViolations v) {
    size(shape, node, at, v);
    ModelShape element = model.shape(shape.member());
    if (element.isComposite()) {
      for (int i = 0; i < node.size(); i++) {
        String path = at + "." + (i + 1) + ".member";
        if (node.get(i).isNull()) {
          v.add(null, path, ConstraintViolations.NOT_NULL);
        } else {
          value(element, node.get(i), path, v);
        }
      }
    } else if (anyBroken(element, node.elements())) {
      v.add(WireValues.show(node), at, ConstraintViolations.each("Member",
          element.constraints()));
    }
  }

  private void map(ModelShape shape, JsonNode node, String at, ConstraintViolations v) {
    size(shape, node, at, v);
    ModelShape key = model.shape(shape.key());
    List<JsonNode> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(name -> keys.add(TextNode.valueOf(name)));
    if (anyBroken(key, keys.iterator())) {
      v.add(WireValues.show(node), at, ConstraintViolations.each("Map keys", key.constraints()));
    }
    ModelShape value = model.shape(shape.value());
    if (value.isComposite()) {
      node.fields().forEachRemaining(e -> value(value, e.getValue(), at + "." + e.getKey(), v));
    } else if (anyBroken(value, node.elements())) {
      v.add(WireValues.show(node), at, ConstraintViolations.each("Map value",
          value.constraints()));
    }
  }

  /** The length constraint of a list or map, on its number of entries. */
  private static void size(ModelShape shape, JsonNode node, String at, ConstraintViolations v) {
    BigDecimal size = BigDecimal.valueOf(node.size());
    if (shape.max() != null && size.compareTo(shape.max()) > 0) {
      v.add(WireValues.show(node), at, ConstraintViolations.maxLength(shape.max()));
    }
    if (shape.min() != null && size.compareTo(shape.min()) < 0) {
      v.add(WireValues.show(node), at, ConstraintViolations.minLength(shape.min()));
    }
  }

  /** Whether any scalar element is null or breaks a constraint (type errors throw). */
  private static boolean anyBroken(ModelShape shape, Iterator<JsonNode> elements) {
    boolean broken = false;
    while (elements.hasNext()) {
      JsonNode element = elements.next();
      if (element.isNull()) {
        broken = true;
      } else {
        WireValues.checkType(shape, element);
        broken |= !WireValues.broken(shape, element).isEmpty();
      }
    }
    return broken;
  }

  /** AWS names a member in errors with a lower-case first letter: volumeSizeInGB. */
  static String wireName(String member) {
    return Character.toLowerCase(member.charAt(0)) + member.substring(1);
  }
}
