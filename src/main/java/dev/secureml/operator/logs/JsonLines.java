package dev.secureml.operator.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** The one JSON shape of a forwarded line, shared by every sink that writes JSON. */
final class JsonLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLines() {}

  static String json(ForwardedLine line) {
    ObjectNode node = JSON.createObjectNode()
        .put("namespace", line.namespace())
        .put("kind", line.kind())
        .put("name", line.name())
        .put("sageMakerResource", line.sageMakerResource())
        .put("group", line.group())
        .put("stream", line.stream())
        .put("timestamp", Instant.ofEpochMilli(line.timestampMillis()).toString())
        .put("eventId", line.eventId())
        .put("message", line.message());
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a log line", e);
    }
  }

  /** One JSON object a line, each line ending in a newline. */
  static String ndjson(List<ForwardedLine> lines) {
    StringBuilder out = new StringBuilder(lines.size() * 256);
    lines.forEach(l -> out.append(json(l)).append('\n'));
    return out.toString();
  }
}
