package dev.secureml.operator.local.emulator;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A path-style S3 request: {@code /bucket/key?query}. Bucket is null for {@code GET /}, key is
 * null for bucket-level calls.
 */
record S3Request(String method, String bucket, String key, Map<String, String> query,
    Headers headers, byte[] body) {

  static S3Request from(String method, URI uri, Headers headers, byte[] body) {
    String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    String bucket = null;
    String key = null;
    if (!trimmed.isEmpty()) {
      int slash = trimmed.indexOf('/');
      bucket = decode(slash < 0 ? trimmed : trimmed.substring(0, slash));
      if (slash >= 0 && slash + 1 < trimmed.length()) {
        key = decode(trimmed.substring(slash + 1));
      }
    }
    return new S3Request(method.toUpperCase(), bucket, key, parseQuery(uri.getRawQuery()),
        headers, body);
  }

  /** The S3 API operation this request calls, for routing and the journal. */
  String operation() {
    if (bucket == null) {
      return method.equals("GET") ? "ListBuckets" : "Unsupported";
    }
    if (key == null) {
      return switch (method) {
        case "PUT" -> "CreateBucket";
        case "HEAD" -> "HeadBucket";
        case "DELETE" -> "DeleteBucket";
        case "GET" -> "2".equals(query.get("list-type")) ? "ListObjectsV2"
            : query.containsKey("location") ? "GetBucketLocation" : "ListObjects";
        case "POST" -> query.containsKey("delete") ? "DeleteObjects" : "Unsupported";
        default -> "Unsupported";
      };
    }
    return switch (method) {
      case "PUT" -> headers.containsKey("x-amz-copy-source") ? "CopyObject"
          : query.containsKey("partNumber") ? "UploadPart" : "PutObject";
      case "GET" -> "GetObject";
      case "HEAD" -> "HeadObject";
      case "DELETE" -> "DeleteObject";
      case "POST" -> "CreateMultipartUpload";
      default -> "Unsupported";
    };
  }

  String header(String name) {
    return headers.getFirst(name);
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      query.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return query;
  }

  /** Percent-decoding only: a literal '+' in an S3 path or query is a plus, not a space. */
  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
