package dev.secureml.operator.local.emulator;

import static dev.secureml.operator.local.emulator.TrainingJobRequests.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secureml.operator.testsupport.AwsTestClients;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * A post-commit fault carries the create out and loses its answer; the retry meets "already
 * exists". Both are counted, and nothing else is touched.
 */
class LostAnswersTest {

  @Test
  void aCreateWhoseAnswerIsLostIsDoneAndItsRetryIsToldItExists() {
    try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults());
        SageMakerClient sageMaker = AwsTestClients.sageMaker(emulator.endpoint())) {
      LostAnswers lost = emulator.faults().lostAnswers();
      lost.loseAfterCommit(Set.of("SageMaker.CreateTrainingJob"), 1.0);

      catchThrowableOfType(() -> sageMaker.createTrainingJob(valid("committed").build()),
          SageMakerException.class);
      lost.stop();
      SageMakerException retry = catchThrowableOfType(
          () -> sageMaker.createTrainingJob(valid("committed").build()),
          SageMakerException.class);

      assertThat(emulator.journal().operations("SageMaker.CreateTrainingJob").get(0))
          .extracting(JournalEntry::httpStatus, JournalEntry::errorCode)
          .containsExactly(500, "InternalFailure");
      assertThat(sageMaker.describeTrainingJob(b -> b.trainingJobName("committed"))
          .trainingJobStatusAsString()).isEqualTo("InProgress");
      assertThat(retry.awsErrorDetails().errorCode()).isEqualTo("ResourceInUse");
      assertThat(sageMaker.listTrainingJobs(b -> b.maxResults(10)).trainingJobSummaries())
          .hasSize(1);
      assertThat(lost.lost()).isEqualTo(Map.of("SageMaker.CreateTrainingJob", 1L));
      assertThat(lost.alreadyExists().get("SageMaker.CreateTrainingJob")).isPositive();
    }
  }

  @Test
  void onlyTheChosenOperationsLoseAnswersAndARefusedCreateIsNotLost() {
    try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults());
        SageMakerClient sageMaker = AwsTestClients.sageMaker(emulator.endpoint())) {
      LostAnswers lost = emulator.faults().lostAnswers();
      lost.loseAfterCommit(Set.of("SageMaker.CreateTrainingJob"), 1.0);

      sageMaker.listTrainingJobs(b -> b.maxResults(1));
      SageMakerException refused = catchThrowableOfType(() -> sageMaker.createTrainingJob(
          valid("refused").roleArn("not-an-arn").build()), SageMakerException.class);

      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(lost.lost()).isEmpty();
      assertThat(lost.alreadyExists()).isEmpty();
    }
  }

  @Test
  void stoppingTheFaultsStopsTheLostAnswers() {
    try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults());
        SageMakerClient sageMaker = AwsTestClients.sageMaker(emulator.endpoint())) {
      emulator.faults().lostAnswers().loseAfterCommit(LostAnswers.CREATES, 1.0);
      emulator.faults().stop();

      sageMaker.createTrainingJob(valid("answered").build());

      assertThat(emulator.faults().lostAnswers().lost()).isEmpty();
    }
  }
}
