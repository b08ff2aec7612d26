package dev.secureml.operator.controller.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.api.SecureTrainingJobStatus;
import org.junit.jupiter.api.Test;

/** Whether a retraining job is still in flight, from whatever status it has so far. */
class RetrainTriggerTest {
  @Test
  void aJobWhoseStatusHasNoPhaseYetIsInFlight() {
    SecureTrainingJob job = new SecureTrainingJob();
    job.setStatus(new SecureTrainingJobStatus());

    assertThat(RetrainTrigger.inFlight(job)).isTrue();
  }

  @Test
  void aCompletedJobIsNotInFlight() {
    SecureTrainingJob job = new SecureTrainingJob();
    job.setStatus(new SecureTrainingJobStatus());
    job.getStatus().phase = "Completed";

    assertThat(RetrainTrigger.inFlight(job)).isFalse();
  }
}
