package dev.secureml.operator.local.emulator;

import static dev.secureml.operator.local.emulator.TrainingJobRequests.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secureml.operator.testsupport.AwsTestClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * Injected throttling, server faults and latency hit SageMaker only, reproducibly, unless
 * widened to Application Auto Scaling and CloudWatch Logs; they can be stopped.
 */
class FaultInjectionTest {

  @Test
  void throttlesRoughlyTheConfiguredShareOfSageMakerCalls() {
    try (AwsEmulator emulator = AwsEmulator.start(
            EmulatorOptions.defaults().withThrottleRate(0.3));
        SageMakerClient sageMaker = AwsTestClients.sageMaker(emulator.endpoint())) {
      int throttled = 0;
      for (int i = 0; i < 200; i++) {
        try {
          sageMaker.listTrainingJobs(b -> b.maxResults(1));
        } catch (SageMakerException e) {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
          assertThat(e.isThrottlingException()).isTrue();
          throttled++;
        }
      }
      assertThat(throttled).isBetween(40, 80);
      assertThat(emulator.journal().operations("SageMaker.ListTrainingJobs"))
          .filteredOn(entry -> "ThrottlingException".equals(entry.errorCode())).hasSize(throttled);
    }
  }

  @Test
  void serverErrorsAre500Or503() {
    EmulatorOptions options = EmulatorOptions.defaults().withServerErrorRate(0.5);
    try (AwsEmulator emulator = AwsEmulator.start(options);
        SageMakerClient sageMaker = AwsTestClients.sageMaker(emulator.endpoint())) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        try {
          sageMaker.listTrainingJobs(b -> b.maxResults(1));
          statuses.add(200);
        } catch (SdkServiceException e) {
          statuses.add(e.statusCode());
        }
      }
      assertThat(statuses).contains(200, 500, 503).containsOnly(200, 500, 503);
    }
  }

  @Test
  void sameSeedGivesTheSameFaults() {
    assertThat(faultPattern(7)).isEqualTo(faultPattern(7)).isNotEqualTo(faultPattern(8));
  }

  @Test
  void logsAndS3StayReliableWhileSageMakerThrottles() {
    try (AwsEmulator emulator = AwsEmulator.start(
            EmulatorOptions.defaults().withThrottleRate(1.0));
        CloudWatchLogsClient logs = AwsTestClients.logs(emulator.endpoint());
        S3Client s3 = AwsTestClients.s3(emulator.endpoint())) {
      for (int i = 0; i < 20; i++) {
        logs.createLogGroup(b -> b.logGroupName("/reliable/" + System.nanoTime()));
      }
      s3.createBucket(b -> b.bucket("reliable"));
      assertThat(emulator.journal().entries()).allMatch(JournalEntry::succeeded);
    }
  }

  @Test
  void latencyIsAddedToSageMakerCalls() {
    try (AwsEmulator emulator = AwsEmulator.start(
            EmulatorOptions.defaults().withLatency(Duration.ofMillis(150)));
        SageMakerClient sageMaker = AwsTestClients.sageMaker(emulator.endpoint())) {
      sageMaker.listTrainingJobs(b -> b.maxResults(1)); // warm the connection
      long start = System.nanoTime();
      sageMaker.listTrainingJobs(b -> b.maxResults(1));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(
          Duration.ofMillis(150));
    }
  }

  @Test
  void journalRecordsEveryCallWithItsBodyAndOutcome() {
    try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults());
        SageMakerClient sageMaker = AwsTestClients.sageMaker(emulator.endpoint());
        S3Client s3 = AwsTestClients.s3(emulator.endpoint())) {
      sageMaker.createTrainingJob(valid("journaled").build());
      try {
        sageMaker.describeTrainingJob(b -> b.trainingJobName("not-there"));
      } catch (SageMakerException expected) {
        // recorded below
      }
      s3.createBucket(b -> b.bucket("journal-bucket"));

      List<JournalEntry> entries = emulator.journal().entries();
      assertThat(entries).extracting(JournalEntry::target).containsExactly(
          "SageMaker.CreateTrainingJob", "SageMaker.DescribeTrainingJob", "S3.CreateBucket");
      JournalEntry create = emulator.journal().operations("SageMaker.CreateTrainingJob").get(0);
      assertThat(create.service()).isEqualTo("SageMaker");
      assertThat(create.operation()).isEqualTo("CreateTrainingJob");
      assertThat(create.request().path("TrainingJobName").asText()).isEqualTo("journaled");
      assertThat(create.request().path("EnableNetworkIsolation").asBoolean()).isTrue();
      assertThat(create.httpStatus()).isEqualTo(200);
      assertThat(create.errorCode()).isNull();
      assertThat(create.time()).isNotNull();
      JournalEntry describe = entries.get(1);
      assertThat(describe.httpStatus()).isEqualTo(400);
      assertThat(describe.errorCode()).isEqualTo("ValidationException");
      assertThat(entries.get(2).request()).isNull();
    }
  }

  @Test
  void widenedFaultsHitAutoScalingAndLogsAndAreCountedPerService() {
    try (AwsEmulator emulator = AwsEmulator.start(
            EmulatorOptions.defaults().withThrottleRate(1.0));
        CloudWatchLogsClient logs = AwsTestClients.logs(emulator.endpoint());
        ApplicationAutoScalingClient autoScaling =
            AwsTestClients.autoScaling(emulator.endpoint());
        S3Client s3 = AwsTestClients.s3(emulator.endpoint())) {
      emulator.faults().injectInto(FaultInjector.SERVICES);

      assertThat(catchThrowableOfType(() -> logs.describeLogGroups(),
          CloudWatchLogsException.class).isThrottlingException()).isTrue();
      assertThat(catchThrowableOfType(() -> autoScaling.describeScalableTargets(b -> b
          .serviceNamespace(ServiceNamespace.SAGEMAKER)),
          ApplicationAutoScalingException.class).isThrottlingException()).isTrue();
      s3.createBucket(b -> b.bucket("still-reliable"));

      assertThat(emulator.faults().injected()).extracting(FaultInjector.Count::service)
          .containsOnly("ApplicationAutoScaling", "Logs");
      assertThat(emulator.faults().injected()).allMatch(c -> c.code()
          .equals("ThrottlingException") && c.httpStatus() == 400 && c.count() >= 1);
      assertThat(emulator.journal().operations("S3.CreateBucket"))
          .allMatch(JournalEntry::succeeded);
    }
  }

  @Test
  void stoppedFaultsLetEveryCallThrough() {
    try (AwsEmulator emulator = AwsEmulator.start(
            EmulatorOptions.defaults().withThrottleRate(0.5).withServerErrorRate(0.5));
        SageMakerClient sageMaker = AwsTestClients.sageMaker(emulator.endpoint())) {
      emulator.faults().stop();
      for (int i = 0; i < 20; i++) {
        sageMaker.listTrainingJobs(b -> b.maxResults(1));
      }
      assertThat(emulator.journal().entries()).hasSize(20).allMatch(JournalEntry::succeeded);
      assertThat(emulator.faults().injected()).isEmpty();
    }
  }

  @Test
  void refusesToInjectFaultsIntoAServiceItDoesNotKnow() {
    try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults())) {
      assertThatThrownBy(() -> emulator.faults().injectInto(Set.of("S3")))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not S3");
    }
  }

  private static List<Boolean> faultPattern(long seed) {
    EmulatorOptions options = EmulatorOptions.defaults().withThrottleRate(0.5).withSeed(seed);
    try (AwsEmulator emulator = AwsEmulator.start(options);
        SageMakerClient sageMaker = AwsTestClients.sageMaker(emulator.endpoint())) {
      for (int i = 0; i < 30; i++) {
        try {
          sageMaker.listTrainingJobs(b -> b.maxResults(1));
        } catch (SageMakerException expected) {
          // the pattern is read from the journal
        }
      }
      return emulator.journal().entries().stream().map(JournalEntry::succeeded).toList();
    }
  }
}
