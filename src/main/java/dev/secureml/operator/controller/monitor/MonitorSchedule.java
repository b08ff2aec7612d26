package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.api.Durations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a DataQualityMonitor runs, parsed from its {@code schedule}: {@code hourly},
 * {@code daily} (00:00 UTC), {@code every <duration>} (at least 1s, aligned to the Unix epoch so
 * a restart never shifts it: {@code every 6h} fires at 00, 06, 12 and 18 UTC), or one of Model
 * Monitor's cron forms {@code cron(0 * ? * * *)}, {@code cron(0 H ? * * *)},
 * {@code cron(0 H/N ? * * *)}, {@code cron(0 *}{@code /N ? * * *)}. All times are UTC.
 */
public final class MonitorSchedule {
  static final String ALLOWED = "hourly, daily (00:00 UTC), 'every <duration>' from 1s to 8760h "
      + "(e.g. every 10s, every 15m, every 6h), or a Model Monitor cron expression: "
      + "cron(0 * ? * * *), cron(0 H ? * * *), cron(0 H/N ? * * *) or cron(0 */N ? * * *) "
      + "with H 0-23 and N 1-24";
  private static final long HOUR = 3600;
  private static final long DAY = 24 * HOUR;
  private static final long LONGEST = 365 * DAY;
  private static final Pattern EVERY = Pattern.compile("every\\s+(\\S+)");
  private static final Pattern CRON = Pattern.compile(
      "cron\\(\\s*0\\s+(\\*|\\d{1,2}|\\d{1,2}/\\d{1,2}|\\*/\\d{1,2})\\s+\\?\\s+\\*\\s+\\*\\s+\\*\\s*\\)");

  private final String text;
  /** Fire every this many seconds since the epoch; 0 when {@link #hours} is used instead. */
  private final long periodSeconds;
  /** Hours of every UTC day at which it fires (minute 0), ascending; empty with a period. */
  private final List<Integer> hours;
  private final String cron;

  private MonitorSchedule(String text, long periodSeconds, List<Integer> hours, String cron) {
    this.text = text;
    this.periodSeconds = periodSeconds;
    this.hours = List.copyOf(hours);
    this.cron = cron;
  }

  /** Parses a schedule; IllegalArgumentException naming the allowed forms when malformed. */
  public static MonitorSchedule parse(String text) {
    String t = text == null ? "" : text.strip();
    if (t.equals("hourly")) {
      return new MonitorSchedule(t, HOUR, List.of(), "cron(0 * ? * * *)");
    }
    if (t.equals("daily")) {
      return new MonitorSchedule(t, 0, List.of(0), "cron(0 0 ? * * *)");
    }
    Matcher every = EVERY.matcher(t);
    if (every.matches()) {
      long seconds;
      try {
        seconds = Durations.toSeconds(every.group(1));
      } catch (IllegalArgumentException e) {
        throw invalid(t);
      }
      if (seconds < 1 || seconds > LONGEST) {
        throw invalid(t);
      }
      return new MonitorSchedule(t, seconds, List.of(), intervalCron(seconds));
    }
    Matcher cron = CRON.matcher(t);
    if (cron.matches()) {
      return cron(t, cron.group(1));
    }
    throw invalid(t);
  }

  private static MonitorSchedule cron(String text, String hourField) {
    if (hourField.equals("*")) {
      return new MonitorSchedule(text, HOUR, List.of(), "cron(0 * ? * * *)");
    }
    int slash = hourField.indexOf('/');
    int start = slash < 0 ? Integer.parseInt(hourField)
        : hourField.startsWith("*") ? 0 : Integer.parseInt(hourField.substring(0, slash));
    int step = slash < 0 ? 24 : Integer.parseInt(hourField.substring(slash + 1));
    if (start > 23 || step < 1 || (slash >= 0 && step > 24)) {
      throw invalid(text);
    }
    List<Integer> hours = new ArrayList<>();
    for (int h = start; h < 24; h += step) {
      hours.add(h);
    }
    String canonical = slash < 0 ? "cron(0 " + start + " ? * * *)"
        : "cron(0 " + start + "/" + step + " ? * * *)";
    return new MonitorSchedule(text, 0, hours, canonical);
  }

  /** Whole hours dividing a day are expressible as Model Monitor cron; anything else is not. */
  private static String intervalCron(long seconds) {
    if (seconds % HOUR != 0 || DAY % seconds != 0) {
      return null;
    }
    long n = seconds / HOUR;
    return n == 1 ? "cron(0 * ? * * *)" : n == 24 ? "cron(0 0 ? * * *)"
        : "cron(0 0/" + n + " ? * * *)";
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "schedule '" + text + "' is not supported; use " + ALLOWED);
  }

  /** The first fire time strictly after {@code after}. */
  public Instant next(Instant after) {
    long t = after.getEpochSecond();
    if (periodSeconds > 0) {
      return Instant.ofEpochSecond((Math.floorDiv(t, periodSeconds) + 1) * periodSeconds);
    }
    long day = Math.floorDiv(t, DAY) * DAY;
    for (int h : hours) {
      if (day + h * HOUR > t) {
        return Instant.ofEpochSecond(day + h * HOUR);
      }
    }
    return Instant.ofEpochSecond(day + DAY + hours.get(0) * HOUR);
  }

  /** The latest fire time at or before {@code atOrBefore}. */
  public Instant previous(Instant atOrBefore) {
    long t = atOrBefore.getEpochSecond();
    if (periodSeconds > 0) {
      return Instant.ofEpochSecond(Math.floorDiv(t, periodSeconds) * periodSeconds);
    }
    long day = Math.floorDiv(t, DAY) * DAY;
    for (int i = hours.size() - 1; i >= 0; i--) {
      if (day + hours.get(i) * HOUR <= t) {
        return Instant.ofEpochSecond(day + hours.get(i) * HOUR);
      }
    }
    return Instant.ofEpochSecond(day - DAY + hours.get(hours.size() - 1) * HOUR);
  }

  /**
   * The Model Monitor cron expression with the same fire times; empty for intervals it cannot
   * express (under an hour, or whole hours not dividing a day).
   */
  public Optional<String> cronExpression() {
    return Optional.ofNullable(cron);
  }

  /** The schedule as written (without surrounding blanks). */
  public String text() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MonitorSchedule other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
