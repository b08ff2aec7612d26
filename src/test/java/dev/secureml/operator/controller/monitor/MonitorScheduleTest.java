package dev.secureml.operator.controller.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MonitorScheduleTest {

  @ParameterizedTest(name = "{0} after {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      hourly                | 2026-03-01T10:00:00Z        | 2026-03-01T11:00:00Z
      hourly                | 2026-03-01T10:59:59.999Z    | 2026-03-01T11:00:00Z
      hourly                | 2026-03-01T23:30:00Z        | 2026-03-02T00:00:00Z
      daily                 | 2026-03-01T00:00:00Z        | 2026-03-02T00:00:00Z
      daily                 | 2026-02-28T23:59:59Z        | 2026-03-01T00:00:00Z
      daily                 | 2026-12-31T12:00:00Z        | 2027-01-01T00:00:00Z
      every 10s             | 2026-03-01T10:00:00Z        | 2026-03-01T10:00:10Z
      every 10s             | 2026-03-01T10:00:09.5Z      | 2026-03-01T10:00:10Z
      every 1s              | 2026-03-01T10:00:00.1Z      | 2026-03-01T10:00:01Z
      every 15m             | 2026-03-01T10:00:00Z        | 2026-03-01T10:15:00Z
      every 15m             | 2026-03-01T10:44:59Z        | 2026-03-01T10:45:00Z
      every 6h              | 2026-03-01T05:00:00Z        | 2026-03-01T06:00:00Z
      every 6h              | 2026-03-01T18:00:00Z        | 2026-03-02T00:00:00Z
      every 90m             | 2026-03-01T00:00:00Z        | 2026-03-01T01:30:00Z
      every 1h30m           | 2026-03-01T01:30:00Z        | 2026-03-01T03:00:00Z
      every 7s              | 1970-01-01T00:00:00Z        | 1970-01-01T00:00:07Z
      every 7s              | 1969-12-31T23:59:59Z        | 1970-01-01T00:00:00Z
      every 24h             | 2026-03-01T00:00:00Z        | 2026-03-02T00:00:00Z
      cron(0 * ? * * *)     | 2026-03-01T10:20:00Z        | 2026-03-01T11:00:00Z
      cron(0 5 ? * * *)     | 2026-03-01T04:59:59Z        | 2026-03-01T05:00:00Z
      cron(0 5 ? * * *)     | 2026-03-01T05:00:00Z        | 2026-03-02T05:00:00Z
      cron(0 23 ? * * *)    | 2026-03-01T23:00:01Z        | 2026-03-02T23:00:00Z
      cron(0 1/6 ? * * *)   | 2026-03-01T00:00:00Z        | 2026-03-01T01:00:00Z
      cron(0 1/6 ? * * *)   | 2026-03-01T13:00:00Z        | 2026-03-01T19:00:00Z
      cron(0 1/6 ? * * *)   | 2026-03-01T19:00:00Z        | 2026-03-02T01:00:00Z
      cron(0 0/5 ? * * *)   | 2026-03-01T20:00:00Z        | 2026-03-02T00:00:00Z
      cron(0 */8 ? * * *)   | 2026-03-01T08:00:00Z        | 2026-03-01T16:00:00Z
      cron(0 */8 ? * * *)   | 2026-03-01T16:30:00Z        | 2026-03-02T00:00:00Z
      cron(0 20/24 ? * * *) | 2026-03-01T20:00:00Z        | 2026-03-02T20:00:00Z
      """)
  void nextIsStrictlyAfter(String schedule, Instant after, Instant expected) {
    assertThat(MonitorSchedule.parse(schedule).next(after)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} at or before {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      hourly                | 2026-03-01T10:00:00Z        | 2026-03-01T10:00:00Z
      hourly                | 2026-03-01T10:59:59.999Z    | 2026-03-01T10:00:00Z
      daily                 | 2026-03-01T00:00:00Z        | 2026-03-01T00:00:00Z
      daily                 | 2026-03-01T23:59:59Z        | 2026-03-01T00:00:00Z
      every 10s             | 2026-03-01T10:00:09.999Z    | 2026-03-01T10:00:00Z
      every 10s             | 2026-03-01T10:00:10Z        | 2026-03-01T10:00:10Z
      every 15m             | 2026-03-01T10:29:00Z        | 2026-03-01T10:15:00Z
      every 6h              | 2026-03-01T05:59:59Z        | 2026-03-01T00:00:00Z
      every 6h              | 2026-03-01T23:00:00Z        | 2026-03-01T18:00:00Z
      every 7s              | 1969-12-31T23:59:59Z        | 1969-12-31T23:59:53Z
      cron(0 * ? * * *)     | 2026-03-01T10:20:00Z        | 2026-03-01T10:00:00Z
      cron(0 5 ? * * *)     | 2026-03-01T05:00:00Z        | 2026-03-01T05:00:00Z
      cron(0 5 ? * * *)     | 2026-03-01T04:59:59Z        | 2026-02-28T05:00:00Z
      cron(0 1/6 ? * * *)   | 2026-03-01T00:59:59Z        | 2026-02-28T19:00:00Z
      cron(0 1/6 ? * * *)   | 2026-03-01T12:00:00Z        | 2026-03-01T07:00:00Z
      cron(0 0/5 ? * * *)   | 2026-03-01T23:59:59Z        | 2026-03-01T20:00:00Z
      cron(0 */8 ? * * *)   | 2026-03-01T16:00:00Z        | 2026-03-01T16:00:00Z
      """)
  void previousIsAtOrBefore(String schedule, Instant atOrBefore, Instant expected) {
    assertThat(MonitorSchedule.parse(schedule).previous(atOrBefore)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
      hourly                  | cron(0 * ? * * *)
      daily                   | cron(0 0 ? * * *)
      every 1h                | cron(0 * ? * * *)
      every 60m               | cron(0 * ? * * *)
      every 2h                | cron(0 0/2 ? * * *)
      every 6h                | cron(0 0/6 ? * * *)
      every 12h               | cron(0 0/12 ? * * *)
      every 24h               | cron(0 0 ? * * *)
      every 5h                | none
      every 48h               | none
      every 90m               | none
      every 15m               | none
      every 10s               | none
      cron(0 * ? * * *)       | cron(0 * ? * * *)
      cron(0 7 ? * * *)       | cron(0 7 ? * * *)
      cron(0 07 ? * * *)      | cron(0 7 ? * * *)
      cron(0 3/6 ? * * *)     | cron(0 3/6 ? * * *)
      cron(0 */4 ? * * *)     | cron(0 0/4 ? * * *)
      cron(0  2/12  ? * * * ) | cron(0 2/12 ? * * *)
      """)
  void cronExpression(String schedule, String expected) {
    MonitorSchedule parsed = MonitorSchedule.parse(schedule);
    assertThat(parsed.cronExpression().orElse(null)).isEqualTo(expected);
    assertThat(parsed.text()).isEqualTo(schedule.strip());
  }

  @ParameterizedTest
  @ValueSource(strings = {"every 6h", "every 15m", "hourly", "cron(0 */6 ? * * *)",
      "cron(0 0/6 ? * * *)"})
  void nextAndPreviousAgreeOverTwoDays(String schedule) {
    MonitorSchedule s = MonitorSchedule.parse(schedule);
    Instant t = Instant.parse("2026-03-01T00:00:00Z");
    Instant fire = s.previous(t);
    for (int i = 0; i < 200 && fire.isBefore(Instant.parse("2026-03-03T00:00:00Z")); i++) {
      Instant next = s.next(fire);
      assertThat(next).isAfter(fire);
      assertThat(s.previous(next)).isEqualTo(next);
      assertThat(s.previous(next.minusNanos(1))).isEqualTo(fire);
      fire = next;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "Hourly", "weekly", "every", "every 0s", "every 10",
      "every 10d", "every -5m", "every 1.5h", "every 8761h", "cron(5 * ? * * *)",
      "cron(0 24 ? * * *)", "cron(0 1/0 ? * * *)", "cron(0 1/25 ? * * *)", "cron(0 * * * * *)",
      "cron(0 * ? * MON *)", "cron(0 1,2 ? * * *)", "cron(0 * ? * *)", "cron 0 * ? * * *",
      "rate(1 hour)", "0 * * * *"})
  void rejectsAnythingElseNamingTheAllowedForms(String schedule) {
    assertThatThrownBy(() -> MonitorSchedule.parse(schedule))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + schedule.strip() + "'")
        .hasMessageContaining("hourly, daily (00:00 UTC), 'every <duration>'")
        .hasMessageContaining("cron(0 H/N ? * * *)");
  }

  @org.junit.jupiter.api.Test
  void rejectsNull() {
    assertThatThrownBy(() -> MonitorSchedule.parse(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
