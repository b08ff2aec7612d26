package dev.secureml.operator.logs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The bits of RFC 9110 the HTTP sink checks: header names, reserved headers, Retry-After. */
final class HeaderRules {
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
  /** Set by the sink or by the JDK client, which refuses them from callers. */
  private static final Set<String> RESERVED = Set.of("content-type", "connection",
      "content-length", "date", "expect", "from", "host", "referer", "upgrade", "via",
      "warning");

  private HeaderRules() {}

  static boolean isToken(String name) {
    return TOKEN.matcher(name).matches();
  }

  static boolean isReserved(String name) {
    return RESERVED.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Retry-After as delay-seconds or an HTTP date; empty when absent or unreadable. */
  static Optional<Duration> retryAfter(String value, Instant now) {
    String text = value.strip();
    if (text.matches("[0-9]{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration delay = Duration.between(now, at);
      return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
