package dev.secureml.operator.local.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The little XML and date formatting S3's REST protocol needs; no DOM for flat documents. */
final class S3Xml {
  static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  /** HTTP dates always have a two-digit day; RFC_1123_DATE_TIME would print "3 Nov". */
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private S3Xml() {}

  static void element(StringBuilder xml, String name, Object value) {
    if (value == null) {
      return;
    }
    xml.append('<').append(name).append('>').append(escape(String.valueOf(value)))
        .append("</").append(name).append('>');
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        case '\r' -> out.append("&#13;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String isoMillis(Instant time) {
    return ISO_MILLIS.format(time.truncatedTo(ChronoUnit.MILLIS));
  }

  static String httpDate(Instant time) {
    return HTTP_DATE.format(time);
  }

  /** encoding-type=url: percent-encode everything but unreserved characters and '/'. */
  static String urlEncode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8)
        .replace("+", "%20").replace("%2F", "/").replace("*", "%2A").replace("%7E", "~");
  }
}
