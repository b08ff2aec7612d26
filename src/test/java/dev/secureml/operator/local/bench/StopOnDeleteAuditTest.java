package dev.secureml.operator.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.testsupport.AwsTestClients;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;

/**
 * A job whose CR was deleted while it ran counts as stopped only when SageMaker stopped it, or
 * when it finished before its CR was gone; one that finished after is an orphan.
 */
class StopOnDeleteAuditTest {
  private static final String ROLE = "arn:aws:iam::111122223333:role/fraud-sagemaker-execution";
  private static final String IMAGE =
      "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/xgboost:1.7-1";

  @Test
  void aJobThatRanOnAfterItsCrWasGoneWasNeverStopped() throws InterruptedException {
    try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults().withSpeed(1000));
        SageMakerClient sageMaker = AwsTestClients.sageMaker(emulator.endpoint())) {
      create(sageMaker, "stopped");
      sageMaker.stopTrainingJob(b -> b.trainingJobName("stopped"));
      create(sageMaker, "ran-on");
      Instant ranOnGone = Instant.now();
      create(sageMaker, "finished-first");
      create(sageMaker, "cr-still-there");
      awaitFinished(emulator, "ran-on", "finished-first", "cr-still-there");
      Instant finishedFirstGone = Instant.now();
      Map<String, String> deletedRunning = Map.of("stopped", "ns/s", "ran-on", "ns/r",
          "finished-first", "ns/f", "cr-still-there", "ns/c");
      Map<String, Instant> gone = Map.of("ns/s", Instant.now(), "ns/r", ranOnGone,
          "ns/f", finishedFirstGone);

      StopOnDeleteAudit.Result r = StopOnDeleteAudit.check(deletedRunning, emulator.inventory(),
          key -> Optional.ofNullable(gone.get(key)));

      assertThat(r.deletedRunning()).isEqualTo(4);
      assertThat(r.stopped()).isEqualTo(1);
      assertThat(r.finishedFirst()).isEqualTo(1);
      assertThat(r.pending()).isEqualTo(1);
      assertThat(r.neverStopped()).containsExactly("training job ran-on of deleted"
          + " SecureTrainingJob ns/r was deleted while running but never stopped (Completed"
          + " after its CR was gone)");
    }
  }

  private static void create(SageMakerClient sageMaker, String name) {
    sageMaker.createTrainingJob(b -> b.trainingJobName(name).roleArn(ROLE)
        .algorithmSpecification(a -> a.trainingImage(IMAGE)
            .trainingInputMode(TrainingInputMode.FILE))
        .outputDataConfig(o -> o.s3OutputPath("s3://fraud-models/artifacts/"))
        .resourceConfig(r -> r.instanceType("ml.m5.xlarge").instanceCount(1).volumeSizeInGB(30))
        .stoppingCondition(s -> s.maxRuntimeInSeconds(3600)));
  }

  private static void awaitFinished(AwsEmulator emulator, String... names)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    for (String name : names) {
      while (emulator.inventory().trainingJob(name).orElseThrow().ended() == null) {
        assertThat(Instant.now()).as("waited 20 s for " + name).isBefore(deadline);
        Thread.sleep(20);
      }
    }
  }
}
