package dev.secureml.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ScheduleStatus;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatus;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/** The status vocabulary is closed, unambiguous, and knows every state SageMaker reports. */
class StatusVocabularyTest {

  @Test
  void everyReasonAndPhaseHasOneWireValueInUpperCamelCase() {
    Set<String> reasons = new HashSet<>();
    for (Reason r : Reason.values()) {
      assertThat(reasons.add(r.value())).as("duplicate reason %s", r.value()).isTrue();
      assertThat(r.value()).matches("[A-Z][A-Za-z]+");
      assertThat(Reason.of(r.value())).contains(r);
    }
    Set<String> phases = new HashSet<>();
    for (Phase p : Phase.values()) {
      assertThat(phases.add(p.value())).as("duplicate phase %s", p.value()).isTrue();
      assertThat(p.value()).matches("[A-Z][A-Za-z]+");
      assertThat(Phase.of(p.value())).contains(p);
    }
  }

  @Test
  void everySageMakerStateTheOperatorShowsIsInTheVocabulary() {
    Stream.of(TrainingJobStatus.knownValues(), SecondaryStatus.knownValues(),
            EndpointStatus.knownValues(), ScheduleStatus.knownValues())
        .flatMap(Set::stream).map(Object::toString)
        .forEach(state -> {
          assertThat(Phase.ofSageMakerState(state).value()).as("phase of %s", state)
              .isEqualTo(state);
          assertThat(Reason.ofSageMakerState(state).value()).as("reason of %s", state)
              .isEqualTo(state);
        });
  }

  @Test
  void aStateAwsAddsLaterIsShownAsUnknownOrInProgressNotLost() {
    assertThat(Phase.ofSageMakerState("Hibernating")).isEqualTo(Phase.UNKNOWN);
    assertThat(Reason.ofSageMakerState("Hibernating")).isEqualTo(Reason.IN_PROGRESS);
    assertThat(Reason.of(null)).isEmpty();
    assertThat(Phase.of(null)).isEmpty();
  }

  @Test
  void terminalPhasesAreTheEndsOfAResource() {
    assertThat(Arrays.stream(Phase.values()).filter(Phase::terminal).map(Phase::value))
        .containsExactlyInAnyOrder("Rejected", "Completed", "Failed", "Stopped");
  }
}
