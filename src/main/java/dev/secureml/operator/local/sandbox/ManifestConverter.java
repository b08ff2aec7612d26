package dev.secureml.operator.local.sandbox;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a manifest's tree into its typed object as strictly as kubectl and the API server
 * would: an unknown field is an error (a typo must not be dropped silently), and so is a value
 * of the wrong type: {@code version: 1.10} is the number 1.1, not the text "1.10", and
 * {@code name: no} is false. Messages name the field path and use the API server's words.
 */
final class ManifestConverter {
  private final ObjectMapper mapper = strictMapper();

  /** The typed object, or a {@link BadInputException} located in the document. */
  <T extends HasMetadata> T convert(YamlDocuments.Document doc, String base, JsonNode tree,
      Class<T> type) {
    List<String> unknown = new ArrayList<>();
    T object;
    try {
      object = mapper.readerFor(type).withHandler(new UnknownFields(base, unknown))
          .readValue(mapper.treeAsTokens(tree));
    } catch (JsonMappingException e) {
      String path = FieldPaths.join(base, FieldPaths.of(e.getPath()));
      String field = FieldPaths.of(e.getPath());
      throw doc.error(path, problem(doc, path, field, valueAt(tree, e.getPath()), e));
    } catch (IOException e) {
      throw doc.error(base, "cannot be read: " + firstLine(e.getMessage()));
    }
    if (object.getMetadata() != null) {
      object.getMetadata().getAdditionalProperties().keySet().forEach(k -> unknown.add(
          FieldPaths.child(FieldPaths.join(base, "metadata"), k)));
    }
    if (!unknown.isEmpty()) {
      throw doc.error(unknown.get(0), unknown.stream().map(f -> "unknown field \""
          + FieldPaths.relative(base, f) + "\"").collect(Collectors.joining(", ")));
    }
    return object;
  }

  /** The tree's value an error is about: fields and indexes followed from the top. */
  private static JsonNode valueAt(JsonNode tree, List<JsonMappingException.Reference> path) {
    JsonNode node = tree;
    for (JsonMappingException.Reference r : path) {
      if (node == null) {
        return null;
      }
      node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
    }
    return node;
  }

  /**
   * @param path where the value is in the document
   * @param field where it is in the object
   */
  private static String problem(YamlDocuments.Document doc, String path, String field,
      JsonNode value, JsonMappingException e) {
    if (e instanceof InvalidFormatException f && f.getTargetType() != null
        && f.getTargetType().isEnum()) {
      String supported = Arrays.stream(f.getTargetType().getEnumConstants())
          .map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
      return field + ": Unsupported value: " + text(doc, path, value) + ": supported values: "
          + supported;
    }
    String expected = expectedType(e);
    String actual = typeOf(value);
    if (expected.equals(actual) || expected.equals("number") && actual.equals("integer")) {
      // The right type, but too large for the field (an int: at most 2147483647).
      return field + ": Invalid value: " + text(doc, path, value) + ": " + field
          + " in body is out of range";
    }
    String hint = expected.equals("string") && value != null && value.isValueNode()
        && !value.isNull() ? " (quote it: " + text(doc, path, value) + ")" : "";
    return field + ": Invalid value: \"" + actual + "\": " + field + " in body must be of type "
        + expected + ": \"" + actual + "\"" + hint;
  }

  /** The value as written in the file, quoted. */
  private static String text(YamlDocuments.Document doc, String path, JsonNode value) {
    YamlDocuments.Position at = doc.positions().get(path);
    String raw = at != null && at.text() != null ? at.text()
        : value == null ? "" : value.asText();
    return "\"" + raw.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String expectedType(JsonMappingException e) {
    Class<?> target = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m
        ? m.getTargetType() : null;
    if (target == null) {
      return "object";
    }
    if (target == String.class) {
      return "string";
    }
    if (target == Integer.class || target == int.class || target == Long.class
        || target == long.class) {
      return "integer";
    }
    if (Number.class.isAssignableFrom(target) || target == double.class) {
      return "number";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "boolean";
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "array";
    }
    return "object";
  }

  private static String typeOf(JsonNode value) {
    if (value == null || value.isNull()) {
      return "null";
    }
    return value.isTextual() ? "string" : value.isIntegralNumber() ? "integer"
        : value.isNumber() ? "number" : value.isBoolean() ? "boolean"
        : value.isArray() ? "array" : "object";
  }

  private static String firstLine(String message) {
    return message == null ? "unknown error" : message.lines().findFirst().orElse("");
  }

  /** Records every unknown field instead of failing on the first. */
  private static final class UnknownFields extends DeserializationProblemHandler {
    private final String base;
    private final List<String> found;

    UnknownFields(String base, List<String> found) {
      this.base = base;
      this.found = found;
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
        JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName)
        throws IOException {
      found.add(FieldPaths.join(base, FieldPaths.of(p.getParsingContext())));
      p.skipChildren();
      return true;
    }
  }

  /** Fabric8's mapper for Kubernetes types, made strict about unknown fields and types. */
  private static ObjectMapper strictMapper() {
    ObjectMapper mapper = new ObjectMapper();
    new KubernetesSerialization(mapper, false); // registers Fabric8's modules on it
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Float)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    return mapper;
  }
}
