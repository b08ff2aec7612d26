package dev.secureml.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** A small bench-logs run keeps its promises, and bad options are refused by name. */
class BenchLogsCommandTest {
  @Test
  void aSmallRunForwardsEveryLineOnceWithinEveryQuota() {
    StringWriter out = new StringWriter();
    int exit = new CommandLine(new BenchLogsCommand()).setOut(new PrintWriter(out, true))
        .execute("--jobs", "150", "--lines-per-second-per-job", "1", "--duration", "3s",
            "--drain", "60s");

    String report = out.toString();
    assertThat(exit).as(report).isZero();
    assertThat(report).contains("lost 0, duplicates 0").contains("errors surfaced 0");
    assertThat(busiest(report, "FilterLogEvents")).isBetween(1, 5);
    assertThat(busiest(report, "DescribeLogStreams")).isLessThanOrEqualTo(5);
    assertThat(report).containsPattern("GetLogEvents: 0 calls")
        .containsPattern("FilterLogEvents: \\d+ calls, .* 0 throttled, [0-9.]+ streams a call");
  }

  @Test
  void getLogEventsReadsCanStillBeMeasured() {
    StringWriter out = new StringWriter();
    int exit = new CommandLine(new BenchLogsCommand()).setOut(new PrintWriter(out, true))
        .execute("--jobs", "5", "--reads", "get", "--lines-per-second-per-job", "1",
            "--duration", "2s", "--drain", "30s");

    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString()).contains("lost 0, duplicates 0")
        .containsPattern("FilterLogEvents: 0 calls");
    assertThat(busiest(out.toString(), "GetLogEvents")).isBetween(1, 10);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--jobs|0|--jobs must be at least 1, not 0",
      "--lines-per-second-per-job|-1|--lines-per-second-per-job must be at least 1, not -1",
      "--quota|NaN|--quota must be a positive number, not NaN",
      "--filter-quota|0|--filter-quota must be a positive number, not 0.0",
      "--describe-quota|Infinity|--describe-quota must be a positive number, not Infinity",
      "--duration|0s|--duration must be positive, not PT0S"})
  void refusesABadNumberNamingTheOption(String option, String value, String message) {
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new BenchLogsCommand()).setErr(new PrintWriter(err, true))
        .execute(option, value);
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains(message);
  }

  @Test
  void refusesAnUnknownReadMode() {
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new BenchLogsCommand()).setErr(new PrintWriter(err, true))
        .execute("--reads", "sometimes");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--reads");
  }

  private static int busiest(String report, String operation) {
    Matcher m = Pattern.compile(operation + ": \\d+ calls, [0-9.]+/s average, (\\d+) in the "
        + "busiest second").matcher(report);
    assertThat(m.find()).as(report).isTrue();
    return Integer.parseInt(m.group(1));
  }
}
