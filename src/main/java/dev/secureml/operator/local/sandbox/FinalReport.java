package dev.secureml.operator.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secureml.operator.logs.DeclaredSecrets;
import dev.secureml.operator.logs.LogRedactor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.PrintStream;
import java.util.List;

/**
 * What the sandbox prints at the end: a table, or the objects as one JSON array, with every
 * secret the resources declared masked.
 */
final class FinalReport {
  private FinalReport() {}

  static void printTable(List<HasMetadata> objects, PrintStream out) {
    String format = "%-18s %-40s %-12s %-6s %-8s %s%n";
    out.println();
    out.printf(format, "KIND", "NAME", "PHASE", "READY", "STALLED", "MESSAGE");
    LogRedactor redactor = redactor(objects);
    for (ResourceState r : objects.stream().map(ResourceState::of).toList()) {
      out.printf(format, r.kind(), r.qualifiedName(), r.phase(), r.ready(), r.stalled(),
          redactor.redact(r.summary()));
    }
  }

  static String toJson(List<HasMetadata> objects) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ArrayNode array = mapper.createArrayNode();
    for (HasMetadata obj : objects) {
      JsonNode full = mapper.valueToTree(obj);
      ObjectNode item = array.addObject();
      item.set("apiVersion", full.get("apiVersion"));
      item.set("kind", full.get("kind"));
      ObjectNode meta = item.putObject("metadata");
      for (String field : List.of("name", "namespace", "uid", "generation", "creationTimestamp",
          "labels")) {
        if (full.path("metadata").has(field)) {
          meta.set(field, full.path("metadata").get(field));
        }
      }
      item.set("spec", full.get("spec"));
      item.set("status", full.get("status"));
    }
    return redactor(objects).redact(array.toPrettyString());
  }

  /**
   * Masks what any of the resources declared as secret: the JSON shows their specs, where
   * hyperparameters and environment stand in clear text.
   */
  private static LogRedactor redactor(List<HasMetadata> objects) {
    return objects.stream().map(DeclaredSecrets::of)
        .reduce(DeclaredSecrets.NONE, DeclaredSecrets::and)
        .applyTo(LogRedactor.defaults());
  }
}
