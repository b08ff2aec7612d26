package dev.secureml.operator.local.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Undoes the {@code aws-chunked} body encoding the SDK uses for streaming uploads:
 * {@code <hex size>[;chunk-signature=...]\r\n<bytes>\r\n ... 0[;...]\r\n} followed by trailer
 * lines such as {@code x-amz-checksum-crc32:...}. Signatures are not checked (the emulator
 * accepts any credentials); the trailers are returned so checksums can be verified.
 */
final class AwsChunkedDecoder {
  record Decoded(byte[] payload, Map<String, String> trailers) {}

  private final byte[] body;
  private int pos;

  private AwsChunkedDecoder(byte[] body) {
    this.body = body;
  }

  static boolean applies(String contentSha256, String contentEncoding) {
    return (contentSha256 != null && contentSha256.startsWith("STREAMING-"))
        || (contentEncoding != null && contentEncoding.contains("aws-chunked"));
  }

  static Decoded decode(byte[] body) {
    return new AwsChunkedDecoder(body).run();
  }

  private Decoded run() {
    ByteArrayOutputStream payload = new ByteArrayOutputStream(body.length);
    while (true) {
      String header = readLine();
      if (header == null) {
        throw malformed("missing final chunk");
      }
      if (header.isEmpty()) {
        continue;
      }
      int semicolon = header.indexOf(';');
      String sizeText = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
      int size;
      try {
        size = Integer.parseInt(sizeText, 16);
      } catch (NumberFormatException e) {
        throw malformed("bad chunk size '" + sizeText + "'");
      }
      if (size == 0) {
        break;
      }
      if (size < 0 || pos + size > body.length) {
        throw malformed("chunk of " + size + " bytes overruns the body");
      }
      payload.write(body, pos, size);
      pos += size;
      String rest = readLine();
      if (rest == null || !rest.isEmpty()) {
        throw malformed("chunk data not followed by CRLF");
      }
    }
    Map<String, String> trailers = new LinkedHashMap<>();
    String line;
    while ((line = readLine()) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        trailers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
      }
    }
    return new Decoded(payload.toByteArray(), trailers);
  }

  /** The next CRLF-terminated line, or null at the end of the body. */
  private String readLine() {
    if (pos >= body.length) {
      return null;
    }
    int start = pos;
    while (pos < body.length && body[pos] != '\n') {
      pos++;
    }
    int end = pos > start && body[pos - 1] == '\r' ? pos - 1 : pos;
    pos = Math.min(pos + 1, body.length);
    return new String(body, start, end - start, StandardCharsets.US_ASCII);
  }

  private static AwsServiceException malformed(String why) {
    return new AwsServiceException("IncompleteBody",
        "The request body is not valid aws-chunked encoding: " + why, 400);
  }
}
