package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Renders an {@link AwsServiceException} the way each AWS protocol does on the wire. */
final class AwsErrorResponse {
  private AwsErrorResponse() {}

  /** JSON 1.1 services: {@code {"__type": code, "message": text}} plus x-amzn-RequestId. */
  static HttpReply json(AwsServiceException error, String requestId) {
    ObjectNode body = Json.object();
    body.put("__type", error.code());
    body.put("message", error.getMessage());
    return HttpReply.json(error.httpStatus(), Json.write(body))
        .withHeader("x-amzn-RequestId", requestId);
  }

  /** S3: an XML error document, except for HEAD, which carries no body at all. */
  static HttpReply s3(AwsServiceException error, String requestId, boolean head) {
    if (head) {
      return HttpReply.empty(error.httpStatus()).withHeader("x-amz-request-id", requestId);
    }
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>");
    S3Xml.element(xml, "Code", error.code());
    S3Xml.element(xml, "Message", error.getMessage());
    for (Map.Entry<String, String> detail : error.details().entrySet()) {
      S3Xml.element(xml, detail.getKey(), detail.getValue());
    }
    S3Xml.element(xml, "RequestId", requestId);
    xml.append("</Error>");
    return HttpReply.xml(error.httpStatus(), xml.toString())
        .withHeader("x-amz-request-id", requestId);
  }
}
