package dev.secureml.operator.local.sandbox;

import static dev.secureml.operator.local.sandbox.MonitorFixtures.monitor;
import static dev.secureml.operator.local.sandbox.MonitorFixtures.withRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DriftExpectationTest {
  private final DriftExpectation expectation =
      new DriftExpectation(List.of("tier1_capital_ratio", "npl_ratio"));

  private ResourceState look(String drift, List<String> features, String run) {
    ResourceState s = ResourceState.of(withRun(monitor("Scheduled", drift, features), run,
        "True".equals(drift) ? "CompletedWithViolations" : "Completed", 200));
    expectation.observe(s);
    return s;
  }

  @Test
  void driftInExactlyTheShiftedFeaturesSettlesAtOnceAsASuccess() {
    look("False", List.of(), "t1");
    ResourceState s = look("True", List.of("npl_ratio", "tier1_capital_ratio"), "t2");

    assertThat(expectation.settled(s)).isTrue();
    assertThat(expectation.failure(s)).isEmpty();
  }

  @Test
  void otherFeaturesWaitForASecondDriftingRunThenFail() {
    look("False", List.of(), "t1");
    ResourceState straddling = look("True", List.of("tier1_capital_ratio"), "t2");
    assertThat(expectation.settled(straddling)).isFalse();
    assertThat(expectation.settled(look("True", List.of("tier1_capital_ratio"), "t2")))
        .as("the same run seen again").isFalse();

    ResourceState second = look("True", List.of("tier1_capital_ratio"), "t3");

    assertThat(expectation.settled(second)).isTrue();
    assertThat(expectation.failure(second)).contains("reported drift in tier1_capital_ratio; "
        + "expected drift in exactly npl_ratio, tier1_capital_ratio");
  }

  @Test
  void aStraddlingRunMissingAFeatureIsFollowedByTheFullAnswer() {
    look("True", List.of("tier1_capital_ratio"), "t1");
    ResourceState full = look("True", List.of("npl_ratio", "tier1_capital_ratio"), "t2");

    assertThat(expectation.settled(full)).isTrue();
    assertThat(expectation.failure(full)).isEmpty();
  }

  @Test
  void noiseInARunThatIsFollowedByACleanOneDoesNotSettle() {
    look("True", List.of("roa"), "t1");
    look("False", List.of(), "t2");
    ResourceState again = look("True", List.of("roa"), "t3");

    assertThat(expectation.settled(again)).isFalse();
  }

  @Test
  void rejectedMonitorSettlesAsAFailureAndOtherKindsAreNotJudged() {
    ResourceState rejected = ResourceState.of(monitor("Rejected", null, List.of()));
    ResourceState job = ResourceState.of(TestManifests.compliantJob("j"));

    assertThat(expectation.settled(rejected)).isTrue();
    assertThat(expectation.failure(rejected)).get().asString()
        .startsWith("is Rejected (Rejected: monitor Rejected); DriftDetected not set yet")
        .endsWith("expected drift in exactly npl_ratio, tier1_capital_ratio");
    assertThat(expectation.settled(job)).isFalse();
    assertThat(expectation.failure(job)).isEmpty();
  }

  @Test
  void failuresNameKindAndResource() {
    assertThat(expectation.failures(List.of(TestManifests.exampleMonitor("m"),
        TestManifests.compliantJob("j")))).containsExactly("DataQualityMonitor fraud-models/m "
        + "is Pending; DriftDetected not set yet; no run yet; expected drift in exactly "
        + "npl_ratio, tier1_capital_ratio");
  }
}
