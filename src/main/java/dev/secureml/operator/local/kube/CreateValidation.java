package dev.secureml.operator.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The embedded API server's checks of an object being created (POST), which Fabric8's mock
 * does not make: metadata.name and metadata.namespace must be names a real API server accepts,
 * and the object's namespace must be the one in the URL. A refusal is the API server's Status.
 */
final class CreateValidation {
  /** A refusal: the HTTP status and the Status object to send. */
  record Refusal(int code, String body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private CreateValidation() {}

  static Optional<Refusal> check(String path, byte[] body) {
    JsonNode object = parse(body);
    if (object == null || !object.path("metadata").isObject()) {
      return Optional.empty(); // not an object; the mock answers as it would
    }
    String apiVersion = object.path("apiVersion").asText("");
    String kind = object.path("kind").asText("");
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/'))
        : "";
    JsonNode meta = object.path("metadata");
    String name = text(meta, "name");
    String namespace = text(meta, "namespace");
    String urlNamespace = namespaceInPath(path);
    if (urlNamespace != null && namespace != null && !namespace.isEmpty()
        && !namespace.equals(urlNamespace)) {
      return Optional.of(new Refusal(400, status(400, "BadRequest", "the namespace of the "
          + "provided object does not match the namespace sent on the request", null)));
    }
    String checked = urlNamespace != null ? urlNamespace
        : namespace == null || namespace.isEmpty() ? null : namespace;
    boolean namespaceObject = kind.equals("Namespace") && group.isEmpty();
    List<ObjectMetaRules.FieldError> errors = ObjectMetaRules.check(namespaceObject, name,
        text(meta, "generateName"), namespaceObject ? null : checked);
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode details = JSON.createObjectNode();
    details.put("name", name == null ? "" : name);
    if (!group.isEmpty()) {
      details.put("group", group);
    }
    details.put("kind", kind);
    ArrayNode causes = details.putArray("causes");
    errors.forEach(e -> causes.addObject().put("reason", e.reason()).put("message", e.detail())
        .put("field", e.field()));
    return Optional.of(new Refusal(422, status(422, "Invalid",
        ObjectMetaRules.invalidMessage(kind, group, name, errors), details)));
  }

  /** The namespace of {@code /api/v1/namespaces/<ns>/<plural>} or the /apis/ form, else null. */
  static String namespaceInPath(String path) {
    String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    String[] s = p.split("/", -1);
    int rest = s.length > 1 && s[1].equals("api") ? 3 : s.length > 1 && s[1].equals("apis") ? 4
        : -1;
    if (rest < 0 || s.length != rest + 3 || !s[rest].equals("namespaces")) {
      return null;
    }
    return s[rest + 1];
  }

  private static String status(int code, String reason, String message, ObjectNode details) {
    ObjectNode status = JSON.createObjectNode();
    status.put("apiVersion", "v1").put("kind", "Status");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", message).put("reason", reason);
    if (details != null) {
      status.set("details", details);
    }
    status.put("code", code);
    return status.toString();
  }

  private static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String text(JsonNode meta, String field) {
    JsonNode v = meta.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
