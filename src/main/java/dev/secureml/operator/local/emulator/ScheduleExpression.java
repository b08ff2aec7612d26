package dev.secureml.operator.local.emulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A monitoring schedule's cron expression, in the forms Model Monitor accepts for recurring
 * schedules: hourly {@code cron(0 * ? * * *)}, daily at hour H {@code cron(0 H ? * * *)}, and
 * every N hours {@code cron(0 H/N ? * * *)} or {@code cron(0 *}{@code /N ? * * *)}.
 *
 * <p>The emulator keeps the period only: a schedule fires one period after it becomes
 * Scheduled and every period after that, in emulated time, whatever the starting hour H.
 *
 * @param everyHours the period in hours, 1-24
 * @param startHour the hour H, 0 for {@code *}
 */
record ScheduleExpression(String text, int everyHours, int startHour) {
  private static final Pattern CRON =
      Pattern.compile("cron\\(0 (\\*|\\d{1,2})(?:/(\\d{1,2}))? \\? \\* \\* \\*\\)");

  static ScheduleExpression parse(String text) {
    Matcher m = text == null ? null : CRON.matcher(text.strip());
    if (m == null || !m.matches()) {
      throw invalid(text);
    }
    boolean any = m.group(1).equals("*");
    int hour = any ? 0 : Integer.parseInt(m.group(1));
    int every = m.group(2) != null ? Integer.parseInt(m.group(2)) : any ? 1 : 24;
    if (hour > 23 || every < 1 || every > 24) {
      throw invalid(text);
    }
    return new ScheduleExpression(text.strip(), every, hour);
  }

  /** The period in emulated seconds. */
  double periodSeconds() {
    return everyHours * 3600.0;
  }

  private static AwsServiceException invalid(String text) {
    return AwsServiceException.validation("Invalid ScheduleExpression '" + text + "'. Supported"
        + " expressions are hourly cron(0 * ? * * *), daily cron(0 H ? * * *) and every N hours"
        + " cron(0 H/N ? * * *) or cron(0 */N ? * * *), with H in 0-23 and N in 1-24.");
  }
}
