package dev.secureml.operator.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON lines: one flat JSON object per line. Numbers, strings and booleans become their
 * text; null is a missing value; a nested object or array is kept as its JSON text (a String).
 */
public final class JsonLinesRecordReader extends RecordReader.LineReader {
  static final ObjectMapper MAPPER = new ObjectMapper();

  public JsonLinesRecordReader(BufferedReader in, String source) {
    super(in, source);
  }

  @Override
  protected List<Map<String, String>> parse(String line) {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw error("not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw error("expected a JSON object");
    }
    return List.of(flat(node));
  }

  /** The fields of a flat JSON object as a record. */
  static Map<String, String> flat(JsonNode object) {
    Map<String, String> record = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      record.put(f.getKey(), text(f.getValue()));
    }
    return record;
  }

  static String text(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (value.isValueNode()) {
      return value.asText();
    }
    return value.toString();
  }
}
