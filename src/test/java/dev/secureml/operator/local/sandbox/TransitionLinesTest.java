package dev.secureml.operator.local.sandbox;

import static dev.secureml.operator.local.sandbox.MonitorFixtures.monitor;
import static dev.secureml.operator.local.sandbox.MonitorFixtures.withRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransitionLinesTest {
  private static final List<String> SHIFTED = List.of("npl_ratio", "tier1_capital_ratio");

  @Test
  void firstLookAtAMonitorShowsItsPhase() {
    List<String> lines = TransitionLines.between(null,
        ResourceState.of(monitor("WaitingForEndpoint", null, List.of())));

    assertThat(lines).containsExactly("DataQualityMonitor fraud-models/bank-failure-drift"
        + "          WaitingForEndpoint WaitingForEndpoint: monitor WaitingForEndpoint");
  }

  @Test
  void monitorShowsPhaseChangesButNotNewMessagesInTheSamePhase() {
    var waiting = ResourceState.of(monitor("WaitingForEndpoint", null, List.of()));
    var scheduled = ResourceState.of(monitor("Scheduled", null, List.of()));
    var reworded = monitor("Scheduled", null, List.of());
    reworded.getStatus().conditions.forEach(c -> c.setMessage("next run at 22:40:20"));

    assertThat(TransitionLines.between(waiting, scheduled)).singleElement().asString()
        .contains("Scheduled");
    assertThat(TransitionLines.between(scheduled, ResourceState.of(reworded))).isEmpty();
  }

  @Test
  void jobsStillShowNewMessages() {
    var job = TestManifests.compliantJob("j");
    var before = ResourceState.of(job);
    var after = new ResourceState(before.kind(), before.namespace(), before.name(),
        before.phase(), false, false, "Training", "epoch 2", true, true, null, null);

    assertThat(TransitionLines.between(before, after)).singleElement().asString()
        .contains("Training: epoch 2");
  }

  @Test
  void driftChangeIsShownWithTheConditionMessage() {
    var clean = ResourceState.of(withRun(monitor("Scheduled", "False", List.of()), "t1",
        "Completed", 200));
    var drifted = ResourceState.of(withRun(monitor("Scheduled", "True", SHIFTED), "t2",
        "CompletedWithViolations", 198));

    List<String> lines = TransitionLines.between(clean, drifted);

    assertThat(lines).containsExactly(
        "DataQualityMonitor fraud-models/bank-failure-drift          Drift=True   "
            + "drift in npl_ratio, tier1_capital_ratio",
        "DataQualityMonitor fraud-models/bank-failure-drift          run          "
            + "scheduled t2: CompletedWithViolations, 198 records analyzed, 2 violations "
            + "(npl_ratio, tier1_capital_ratio)");
  }

  @Test
  void eachNewRunIsShownOnce() {
    var first = ResourceState.of(withRun(monitor("Scheduled", "False", List.of()), "t1",
        "Completed", 200));
    var same = ResourceState.of(withRun(monitor("Scheduled", "False", List.of()), "t1",
        "Completed", 200));
    var next = ResourceState.of(withRun(monitor("Scheduled", "False", List.of()), "t2",
        "Completed", 1));
    var failed = monitor("Scheduled", "False", List.of());
    withRun(failed, "t3", "Failed", 0).getStatus().lastExecution.failureReason =
        "no captured data";

    assertThat(TransitionLines.between(first, same)).isEmpty();
    assertThat(TransitionLines.between(same, next)).singleElement().asString()
        .endsWith("run          scheduled t2: Completed, 1 records analyzed, 0 violations");
    assertThat(TransitionLines.between(next, ResourceState.of(failed))).singleElement()
        .asString().endsWith("scheduled t3: Failed, 0 records analyzed, 0 violations: "
            + "no captured data");
  }
}
