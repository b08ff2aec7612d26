package dev.secureml.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * A small {@code bench --chaos} as CI runs it: AWS fails a quarter of the calls and loses the
 * answer of a fifth of the creates it carries out, the operator restarts in the middle of
 * creates, deletes and endpoint updates, CRs are deleted and changed. Only invariants are
 * asserted, never a time, and the evidence that each situation arose.
 */
class BenchChaosCommandTest {
  @Test
  void underFaultsRestartsDeletesAndUpdatesNothingIsDuplicatedOrphanedOrLost() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute("--chaos", "--jobs", "50", "--endpoints", "5", "--namespaces", "3",
            "--restarts", "3", "--speed", "100", "--lost-answer-rate", "0.2",
            "--timeout", "120s", "--output", "json");
    JsonNode report = new ObjectMapper().readTree(out.toString());
    String context = out + "\n" + err;

    assertThat(report.path("violations")).as(context).isEmpty();
    assertThat(exit).isZero();
    assertThat(report.path("duplicates").asLong()).isZero();
    assertThat(report.path("orphans").asLong()).isZero();
    assertThat(report.path("unreferenced").asLong()).isZero();
    assertThat(report.path("unconverged").asLong()).isZero();
    assertThat(report.path("convergeSeconds").isNumber()).as(context).isTrue();
    assertThat(report.path("logs").path("written").asLong()).isPositive();
    assertThat(report.path("logs").path("lost").asLong()).isZero();
    assertThat(report.path("logs").path("repeated").asLong()).isZero();
    assertThat(report.path("jobsSurviving").asInt()).isEqualTo(40);
    assertThat(report.path("endpointsSurviving").asInt()).isEqualTo(4);
    assertThat(report.path("endpointUpdates").asInt()).isEqualTo(1);
    List<String> moments = new ArrayList<>();
    report.path("restarts").forEach(r -> moments.add(r.path("moment").asText()));
    assertThat(moments).containsExactly("create", "delete", "update");
    List<String> faulted = new ArrayList<>();
    report.path("faults").forEach(f -> faulted.add(f.path("service").asText()));
    assertThat(faulted).contains("SageMaker", "Logs");
    long injected = 0;
    for (JsonNode f : report.path("faults")) {
      injected += f.path("count").asLong();
    }
    assertThat(injected).isPositive();
    assertThat(report.path("lostAnswers").path("SageMaker.CreateTrainingJob").asLong())
        .as(context).isPositive();
    assertThat(report.path("alreadyExists").path("SageMaker.CreateTrainingJob").asLong())
        .as(context).isPositive();
    JsonNode stops = report.path("stopsOnDelete");
    assertThat(stops.path("deletedRunning").asInt()).as(context).isPositive();
    assertThat(stops.path("neverStopped").asInt()).isZero();
    assertThat(stops.path("stopped").asInt() + stops.path("finishedFirst").asInt())
        .isEqualTo(stops.path("deletedRunning").asInt());
    report.path("restarts").forEach(r ->
        assertThat(r.path("situationHeld").asBoolean()).as(r.toString()).isTrue());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--restarts|-1|--restarts must be at least 0, not -1",
      "--throttle-rate|1.5|--throttle-rate must be between 0 and 1, not 1.5",
      "--server-error-rate|NaN|--server-error-rate must be between 0 and 1, not NaN",
      "--log-lines-per-second|-2|--log-lines-per-second must be a number >= 0, not -2.0",
      "--lost-answer-rate|2|--lost-answer-rate must be between 0 and 1, not 2.0",
      "--timeout|9000000000000000000ms|--timeout must be at most PT24H, not PT"})
  void refusesABadChaosOptionNamingIt(String option, String value, String message) {
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err, true))
        .execute("--chaos", option, value);
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains(message);
  }
}
