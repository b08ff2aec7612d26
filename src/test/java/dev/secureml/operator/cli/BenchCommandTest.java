package dev.secureml.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** A small bench as CI runs it: only invariants are asserted, never a time. */
class BenchCommandTest {
  @Test
  void smallBenchConvergesWithOneCreatePerJobAndNoSecondOverBudget() throws Exception {
    StringWriter out = new StringWriter();
    int exit = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(new StringWriter(), true))
        .execute("--jobs", "50", "--endpoints", "5", "--namespaces", "3", "--speed", "100",
            "--warmup-jobs", "0", "--timeout", "90s", "--output", "json");
    JsonNode report = new ObjectMapper().readTree(out.toString());

    assertThat(report.path("violations")).as(out.toString()).isEmpty();
    assertThat(exit).isZero();
    JsonNode lifted = report.path("phases").get(0);
    assertThat(lifted.path("jobsCompleted").asInt()).isEqualTo(50);
    assertThat(lifted.path("endpointsInService").asInt()).isEqualTo(5);
    assertThat(lifted.path("staleness").path("shown").asInt()).isPositive();
    for (JsonNode phase : report.path("phases")) {
      assertThat(phase.path("createsPerJobMax").asLong()).isEqualTo(1);
      assertThat(phase.path("jobsWithoutCreate").asLong()).isZero();
      assertThat(phase.path("duplicateResources").asLong()).isZero();
      assertThat(phase.path("throttlesSurfaced").asLong()).isZero();
      for (JsonNode op : phase.path("sageMakerCalls")) {
        if (op.path("secondBudget").asLong() > 0) {
          assertThat(op.path("busiestSecond").asLong()).as(op.path("operation").asText())
              .isLessThanOrEqualTo(op.path("secondBudget").asLong());
        }
      }
    }
    JsonNode phases = report.path("phases");
    JsonNode creates = phases.get(phases.size() - 1).path("sageMakerCalls").findParents(
        "operation").stream().filter(o -> o.path("operation").asText()
            .equals("CreateTrainingJob")).findFirst().orElseThrow();
    assertThat(creates.path("accepted").asLong()).isEqualTo(50);
  }

  @Test
  void refusesAnUnknownPollStrategy() {
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err, true))
        .execute("--poll", "sometimes");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--poll must be adaptive, fixed or both");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--jobs|-1|--jobs must be at least 1, not -1",
      "--namespaces|0|--namespaces must be at least 1, not 0",
      "--rate|NaN|--rate must be a positive number, not NaN",
      "--speed|0|--speed must be a positive number, not 0.0",
      "--poll-interval|0s|--poll-interval must be positive, not PT0S",
      "--timeout|0s|--timeout must be positive, not PT0S",
      "--timeout|25h|--timeout must be at most PT24H, not PT25H"})
  void refusesABadNumberNamingTheOption(String option, String value, String message) {
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err, true))
        .execute(option, value);
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains(message);
  }
}
