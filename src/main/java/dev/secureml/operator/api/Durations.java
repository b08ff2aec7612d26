package dev.secureml.operator.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in the Go/Kubernetes notation ("90s", "30m", "2h", "1h30m"), the notation that CEL's
 * {@code duration()} understands, so CRD validation rules and the operator agree.
 */
public final class Durations {
  /** The schema pattern for duration fields. */
  public static final String PATTERN = "^([0-9]+(h|m|s))+$";

  private static final Pattern PART = Pattern.compile("([0-9]+)(h|m|s)");

  private Durations() {}

  /** Seconds in the duration; throws IllegalArgumentException naming the text when it is malformed. */
  public static long toSeconds(String text) {
    if (text == null || !text.matches(PATTERN)) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration such as 90s, 30m, 2h or 1h30m");
    }
    Matcher m = PART.matcher(text);
    long seconds = 0;
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      seconds += switch (m.group(2)) {
        case "h" -> n * 3600;
        case "m" -> n * 60;
        default -> n;
      };
    }
    return seconds;
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
}
