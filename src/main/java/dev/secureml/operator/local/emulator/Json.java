package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;

/** Shared Jackson mapper and the few JSON conventions the AWS JSON protocols use. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** Parses a request body; an empty body is an empty object, as the SDKs treat it. */
  static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return object();
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || !node.isObject()) {
        throw new AwsServiceException("SerializationException", "Request body is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new AwsServiceException("SerializationException", "Malformed JSON: " + e.getMessage());
    }
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * SageMaker's timestamps: epoch seconds with a millisecond fraction. A BigDecimal keeps
   * Jackson from printing {@code 1.7E9}, which some parsers refuse.
   */
  static BigDecimal epochSeconds(Instant time) {
    return BigDecimal.valueOf(time.toEpochMilli(), 3);
  }

  /** Reads an epoch-seconds number (as the SDK sends timestamps) back into an Instant. */
  static Instant fromEpochSeconds(JsonNode node) {
    return Instant.ofEpochMilli(node.decimalValue().movePointRight(3).longValue());
  }

  /** Text of a field, or null when it is absent or JSON null. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
