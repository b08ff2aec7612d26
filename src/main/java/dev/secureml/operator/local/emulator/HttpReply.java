package dev.secureml.operator.local.emulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response ready to be written: status, headers and body bytes. */
record HttpReply(int status, Map<String, String> headers, byte[] body) {

  static final String JSON_1_1 = "application/x-amz-json-1.1";

  HttpReply {
    headers = new LinkedHashMap<>(headers);
    body = body == null ? new byte[0] : body;
  }

  static HttpReply of(int status, String contentType, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    return new HttpReply(status, headers, body);
  }

  static HttpReply json(int status, String json) {
    return of(status, JSON_1_1, json.getBytes(StandardCharsets.UTF_8));
  }

  static HttpReply xml(int status, String xml) {
    return of(status, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
  }

  static HttpReply empty(int status) {
    return of(status, null, new byte[0]);
  }

  HttpReply withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
