package dev.secureml.operator.controller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A stable hash of a value as JSON, map keys sorted: re-applying the same YAML gives the same
 * spec hash (spec immutability), and a status that did not change gives the same status hash
 * (no status patch).
 */
public final class StableHash {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private StableHash() {}

  public static String of(Object value) {
    try {
      byte[] json = MAPPER.writeValueAsString(MAPPER.convertValue(value, Object.class)).getBytes(
          StandardCharsets.UTF_8);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash value", e);
    }
  }
}
