package dev.secureml.operator.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local sandbox as a user runs it, over the shipped examples. */
class SandboxTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  private int run(List<Path> manifests, Duration timeout, boolean json) throws Exception {
    var options = new SandboxOptions(manifests, timeout, 50, 0, 0, json, false,
        Path.of("target/test-sandbox.kubeconfig"));
    return new Sandbox(options, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(progress, true, StandardCharsets.UTF_8)).run();
  }

  /** Needs the DataQualityMonitor controller: without it the monitor stays Pending. */
  @Test
  void examplesSettleWithTheJobsDoneTheEndpointServingAndTheShiftedDriftDetected()
      throws Exception {
    int exit = run(List.of(Path.of("examples")), Duration.ofSeconds(120), true);

    assertThat(exit).as(progress.toString()).isZero();
    JsonNode objects = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    JsonNode good = find(objects, "bank-failure-xgb");
    JsonNode bad = find(objects, "bank-failure-xgb-bigbox");
    assertThat(good.path("status").path("phase").asText()).isEqualTo("Completed");
    assertThat(bad.path("status").path("phase").asText()).isEqualTo("Rejected");
    String stalled = condition(bad, "Stalled").path("message").asText();
    assertThat(stalled).contains("spec.resources.instanceType").contains("spec.image");
    assertThat(condition(bad, "Stalled").path("status").asText()).isEqualTo("True");
    assertThat(progress.toString()).contains("Training").contains("Completed");
    JsonNode endpoint = find(objects, "bank-failure-endpoint");
    assertThat(endpoint.path("status").path("phase").asText()).isEqualTo("InService");
    assertThat(endpoint.path("status").path("endpointName").asText())
        .startsWith("fraud-models-bank-failure-endpoint-");
    assertThat(condition(endpoint, "Ready").path("status").asText()).isEqualTo("True");
    assertThat(progress.toString()).contains("WaitingForTrainingJob")
        .contains("sending example traffic");

    JsonNode monitor = find(objects, "bank-failure-drift");
    JsonNode drift = condition(monitor, "DriftDetected");
    assertThat(drift.path("status").asText()).isEqualTo("True");
    assertThat(drift.path("message").asText()).contains("tier1_capital_ratio", "npl_ratio");
    assertThat(monitor.path("status").path("driftedFeatures")).extracting(JsonNode::asText)
        .containsExactly("npl_ratio", "tier1_capital_ratio");
    JsonNode last = monitor.path("status").path("lastExecution");
    assertThat(last.path("status").asText()).isEqualTo("CompletedWithViolations");
    assertThat(last.path("recordsAnalyzed").asLong()).isPositive();
    assertThat(progress.toString())
        .contains("uploaded examples/data/fdic-train.csv to "
            + "s3://fraud-data/fdic/train/fdic-train.csv")
        .contains("shifting traffic to fraud-models-bank-failure-endpoint-")
        .contains("tier1_capital_ratio x0.5, npl_ratio x4 (the monitor should report drift in "
            + "exactly these)")
        .contains("Drift=True")
        .contains("CompletedWithViolations");
    // Every transition on the way, not only the end state: no resource was ever in Error
    // with an internal failure, and nothing printed a stack trace.
    assertThat(progress.toString()).doesNotContain("InternalError", "Exception", "\tat ");
  }

  @Test
  void tablePrintsOneRowPerResource() throws Exception {
    int exit = run(List.of(Path.of("examples/00-namespace.yaml"),
        Path.of("examples/01-compliance-policy.yaml"), Path.of("examples/10-training-job.yaml"),
        Path.of("examples/11-training-job-noncompliant.yaml"),
        Path.of("examples/20-model-endpoint.yaml")), Duration.ofSeconds(60), false);

    assertThat(exit).as(progress.toString()).isZero();
    assertThat(progress.toString()).contains("uploaded examples/data/fdic-train.csv to "
        + "s3://fraud-data/fdic/train/fdic-train.csv", "uploaded examples/data/"
        + "fdic-validation.csv to s3://fraud-data/fdic/validation/fdic-validation.csv");
    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(table).contains("KIND", "PHASE", "fraud-models/bank-failure-xgb ", "Completed",
        "fraud-models/bank-failure-xgb-bigbox", "Rejected", "fraud-team",
        "fraud-models/bank-failure-endpoint", "InService");
  }

  @Test
  void monitorThatHasNotReportedTheShiftedDriftFailsNamingTheExpectedFeatures()
      throws Exception {
    int exit = run(List.of(Path.of("examples/00-namespace.yaml"),
        Path.of("examples/01-compliance-policy.yaml"),
        Path.of("examples/30-data-quality-monitor.yaml")), Duration.ofSeconds(3), false);

    assertThat(exit).isEqualTo(Sandbox.EXIT_TIMEOUT);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("DataQualityMonitor fraud-models/bank-failure-drift");
    assertThat(progress.toString()).contains("sandbox: DataQualityMonitor "
        + "fraud-models/bank-failure-drift is ").contains("expected drift in exactly npl_ratio, "
        + "tier1_capital_ratio");
  }

  @Test
  void unknownKindIsBadInputNamingFileAndKind(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pod.yaml");
    Files.writeString(file, "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");

    int exit = run(List.of(file), Duration.ofSeconds(5), false);

    assertThat(exit).isEqualTo(Sandbox.EXIT_BAD_INPUT);
    assertThat(progress.toString()).contains("pod.yaml")
        .contains("no matches for kind \"Pod\" in version \"v1\"");
  }

  @Test
  void missingFileIsBadInput() throws Exception {
    int exit = run(List.of(Path.of("no/such/file.yaml")), Duration.ofSeconds(5), false);

    assertThat(exit).isEqualTo(Sandbox.EXIT_BAD_INPUT);
    assertThat(progress.toString()).contains("no/such/file.yaml: no such file or directory");
  }

  @Test
  void invalidYamlIsBadInput(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, "kind: [unclosed\n");

    assertThat(run(List.of(file), Duration.ofSeconds(5), false))
        .isEqualTo(Sandbox.EXIT_BAD_INPUT);
    assertThat(progress.toString()).contains("broken.yaml:2:1 (document 1, kind): not valid YAML");
  }

  @Test
  void timesOutWithExitOneWhenAJobCannotFinishInTime() throws Exception {
    int exit = run(List.of(Path.of("examples/00-namespace.yaml"),
            Path.of("examples/01-compliance-policy.yaml"),
            Path.of("examples/10-training-job.yaml")),
        Duration.ofMillis(500), false);

    assertThat(exit).isEqualTo(Sandbox.EXIT_TIMEOUT);
    assertThat(progress.toString()).contains("timed out");
  }

  private static JsonNode find(JsonNode array, String name) {
    for (JsonNode n : array) {
      if (name.equals(n.path("metadata").path("name").asText())) {
        return n;
      }
    }
    throw new AssertionError("no object named " + name + " in " + array);
  }

  private static JsonNode condition(JsonNode obj, String type) {
    for (JsonNode c : obj.path("status").path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c;
      }
    }
    throw new AssertionError("no condition " + type + " in " + obj);
  }
}
