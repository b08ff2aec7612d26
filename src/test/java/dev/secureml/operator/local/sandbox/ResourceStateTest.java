package dev.secureml.operator.local.sandbox;

import static dev.secureml.operator.local.sandbox.MonitorFixtures.monitor;
import static dev.secureml.operator.local.sandbox.MonitorFixtures.retrainJob;
import static dev.secureml.operator.local.sandbox.MonitorFixtures.withRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceStateTest {
  private static final List<String> SHIFTED = List.of("npl_ratio", "tier1_capital_ratio");

  @Test
  void rendersAMonitorsDriftAndLastRun() {
    ResourceState s = ResourceState.of(withRun(monitor("Scheduled", "True", SHIFTED),
        "2026-11-23T22:40:10Z", "CompletedWithViolations", 200));

    assertThat(s.kind()).isEqualTo("DataQualityMonitor");
    assertThat(s.phase()).isEqualTo("Scheduled");
    assertThat(s.monitor().driftDetected()).isTrue();
    assertThat(s.monitor().driftMessage()).isEqualTo("drift in npl_ratio, tier1_capital_ratio");
    assertThat(s.monitor().driftedFeatures()).isEqualTo(SHIFTED);
    assertThat(s.monitor().lastRun()).isEqualTo(new ResourceState.Run("2026-11-23T22:40:10Z",
        "CompletedWithViolations", 200, 2, null));
    assertThat(s.summary()).isEqualTo("DriftDetected=True: npl_ratio, tier1_capital_ratio; "
        + "last run CompletedWithViolations, 200 records");
  }

  @Test
  void monitorWithoutStatusIsPendingWithNothingFound() {
    ResourceState s = ResourceState.of(TestManifests.exampleMonitor("m"));

    assertThat(s.phase()).isEqualTo("Pending");
    assertThat(s.monitor().drift()).isNull();
    assertThat(s.summary()).isEqualTo("DriftDetected not set yet; no run yet");
    assertThat(s.settled()).isFalse();
  }

  @Test
  void monitorSettlesWhenItReportsDriftOrCannotGoOn() {
    assertThat(ResourceState.of(monitor("Scheduled", "True", SHIFTED)).settled()).isTrue();
    assertThat(ResourceState.of(monitor("Rejected", null, List.of())).settled()).isTrue();
    assertThat(ResourceState.of(monitor("Error", "Unknown", List.of())).settled()).isTrue();

    assertThat(ResourceState.of(monitor("Scheduled", "False", List.of())).settled()).isFalse();
    assertThat(ResourceState.of(monitor("WaitingForEndpoint", null, List.of())).settled())
        .isFalse();
    var newerSpec = monitor("Scheduled", "True", SHIFTED);
    newerSpec.getMetadata().setGeneration(2L);
    assertThat(ResourceState.of(newerSpec).settled()).isFalse();
  }

  @Test
  void stalledMonitorIsSummarisedByItsCondition() {
    assertThat(ResourceState.of(monitor("Rejected", null, List.of())).summary())
        .isEqualTo("Rejected: monitor Rejected");
  }

  @Test
  void retrainingJobNamesTheMonitorThatCreatedIt() {
    ResourceState s = ResourceState.of(retrainJob(1));

    assertThat(s.createdByMonitor()).isEqualTo(MonitorFixtures.NAME);
    assertThat(s.monitor()).isNull();
    assertThat(s.summary()).startsWith("retraining for bank-failure-drift; ");
    assertThat(ResourceState.of(TestManifests.compliantJob("j")).createdByMonitor()).isNull();
  }

  @Test
  void finalTableHasARowForTheMonitorAndOneForItsRetrainingJob() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    FinalReport.printTable(List.of(withRun(monitor("Scheduled", "True", SHIFTED),
            "2026-11-23T22:40:10Z", "CompletedWithViolations", 200), retrainJob(1)),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String table = bytes.toString(StandardCharsets.UTF_8);
    assertThat(table).contains("DataQualityMonitor fraud-models/bank-failure-drift ",
        "Scheduled", "DriftDetected=True: npl_ratio, tier1_capital_ratio; last run "
            + "CompletedWithViolations, 200 records");
    assertThat(table).contains("SecureTrainingJob  fraud-models/bank-failure-drift-retrain-1",
        "retraining for bank-failure-drift");
  }
}
