package dev.secureml.operator.api;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in the Go/Kubernetes notation ("90s", "30m", "2h", "1h30m"), the notation that CEL's
 * {@code duration()} understands, so CRD validation rules and the operator agree.
 *
 * <p>Parsing is exact: parts are summed as big integers and compared with {@link #MAX_SECONDS},
 * so no text, however long its numbers or however many its parts, can wrap around into a short
 * or negative duration.
 */
public final class Durations {
  /** The schema pattern for duration fields. */
  public static final String PATTERN = "^([0-9]+(h|m|s))+$";
  /** Longest duration text a spec may hold; far above any sane "8760h" or "1h30m15s". */
  public static final int MAX_LENGTH = 32;
  /** The longest duration accepted anywhere: 365 days (a yearly schedule). */
  public static final long MAX_SECONDS = 365L * 24 * 3600;
  /** {@link #MAX_SECONDS} as text. */
  public static final String MAX_TEXT = "8760h";

  private static final Pattern WHOLE = Pattern.compile(PATTERN);
  private static final Pattern PART = Pattern.compile("([0-9]+)(h|m|s)");
  private static final BigInteger MAX = BigInteger.valueOf(MAX_SECONDS);
  private static final int QUOTED_CHARS = 40;

  private Durations() {}

  /**
   * Seconds in the duration; IllegalArgumentException naming the text when it is malformed or
   * longer than {@link #MAX_TEXT}.
   */
  public static long toSeconds(String text) {
    return toSeconds(null, text);
  }

  /** As {@link #toSeconds(String)}, the message starting with the field, e.g. spec.maxRuntime. */
  public static long toSeconds(String field, String text) {
    String prefix = field == null ? "" : field + ": ";
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException(
          prefix + quote(text) + " is not a duration such as 90s, 30m, 2h or 1h30m");
    }
    Matcher m = PART.matcher(text);
    BigInteger seconds = BigInteger.ZERO;
    while (m.find()) {
      BigInteger unit = BigInteger.valueOf(switch (m.group(2)) {
        case "h" -> 3600;
        case "m" -> 60;
        default -> 1;
      });
      seconds = seconds.add(new BigInteger(m.group(1)).multiply(unit));
      if (seconds.compareTo(MAX) > 0) {
        throw new IllegalArgumentException(prefix + quote(text) + " is longer than " + MAX_TEXT
            + " (365 days), the longest duration accepted");
      }
    }
    return seconds.longValueExact();
  }

  /** The shortest text for a number of seconds, e.g. 5400 -> "1h30m". */
  public static String format(long seconds) {
    if (seconds == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long h = seconds / 3600, m = (seconds % 3600) / 60, s = seconds % 60;
    if (h > 0) sb.append(h).append('h');
    if (m > 0) sb.append(m).append('m');
    if (s > 0) sb.append(s).append('s');
    return sb.toString();
  }

  /** The text in quotes, cut when long and with control characters made visible. */
  private static String quote(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder("'");
    int shown = Math.min(text.length(), QUOTED_CHARS);
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : c);
    }
    sb.append('\'');
    if (text.length() > shown) {
      sb.append(" (cut, ").append(text.length()).append(" characters)");
    }
    return sb.toString();
  }
}
