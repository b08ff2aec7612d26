package dev.secureml.operator.local.emulator;

import static dev.secureml.operator.local.emulator.TrainingJobRequests.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.secureml.operator.testsupport.AwsTestClients;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CheckpointConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.MetricData;
import software.amazon.awssdk.services.sagemaker.model.OutputDataConfig;
import software.amazon.awssdk.services.sagemaker.model.ResourceConfig;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatusTransition;
import software.amazon.awssdk.services.sagemaker.model.StoppingCondition;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/**
 * Training jobs run through SageMaker's lifecycle, seen through the real SDK: whole runs at 400x
 * speed (about 0.6 s a job), intermediate states at 10x, where each lasts seconds and a busy
 * machine cannot make a test miss one.
 */
class TrainingJobLifecycleTest {
  private static final String GROUP = "/aws/sagemaker/TrainingJobs";
  private static AwsEmulator emulator;
  private static SageMakerClient sageMaker;
  private static CloudWatchLogsClient logs;
  private static S3Client s3;
  private static AwsEmulator slowEmulator;
  private static SageMakerClient slowSageMaker;

  @BeforeAll
  static void start() {
    emulator = AwsEmulator.start(EmulatorOptions.defaults().withSpeed(400));
    sageMaker = AwsTestClients.sageMaker(emulator.endpoint());
    logs = AwsTestClients.logs(emulator.endpoint());
    s3 = AwsTestClients.s3(emulator.endpoint());
    slowEmulator = AwsEmulator.start(EmulatorOptions.defaults().withSpeed(10));
    slowSageMaker = AwsTestClients.sageMaker(slowEmulator.endpoint());
  }

  @AfterAll
  static void stop() {
    sageMaker.close();
    logs.close();
    s3.close();
    emulator.close();
    slowSageMaker.close();
    slowEmulator.close();
  }

  @Test
  void newJobIsInProgressStartingWithNoLogsOrArtifactsYet() {
    String arn = slowSageMaker.createTrainingJob(valid("Just-Created").build()).trainingJobArn();
    assertThat(arn).isEqualTo("arn:aws:sagemaker:us-east-1:111122223333:training-job/just-created");
    DescribeTrainingJobResponse first =
        slowSageMaker.describeTrainingJob(b -> b.trainingJobName("Just-Created"));
    assertThat(first.trainingJobName()).isEqualTo("Just-Created");
    assertThat(first.trainingJobStatus()).isEqualTo(TrainingJobStatus.IN_PROGRESS);
    assertThat(first.secondaryStatusAsString()).isEqualTo("Starting");
    assertThat(first.secondaryStatusTransitions()).singleElement()
        .satisfies(t -> assertThat(t.endTime()).isNull());
    assertThat(first.trainingStartTime()).isNull();
    assertThat(first.modelArtifacts()).isNull();
    assertThat(first.finalMetricDataList()).isEmpty();
    try (CloudWatchLogsClient slowLogs = AwsTestClients.logs(slowEmulator.endpoint())) {
      assertThat(catchThrowableOfType(ResourceNotFoundException.class,
          () -> slowLogs.describeLogStreams(b -> b.logGroupName(GROUP)))).isNotNull();
    }
  }

  @Test
  void healthyJobPassesEverySecondaryStatusInOrderAndCompletes() {
    sageMaker.createTrainingJob(valid("Lifecycle-Ok").build());
    DescribeTrainingJobResponse done = awaitFinished("Lifecycle-Ok");
    assertThat(done.trainingJobStatus()).isEqualTo(TrainingJobStatus.COMPLETED);
    assertThat(done.secondaryStatusAsString()).isEqualTo("Completed");
    List<SecondaryStatusTransition> transitions = done.secondaryStatusTransitions();
    assertThat(transitions).extracting(SecondaryStatusTransition::statusAsString)
        .containsExactly("Starting", "Downloading", "Training", "Uploading", "Completed");
    for (int i = 0; i + 1 < transitions.size(); i++) {
      assertThat(transitions.get(i).endTime()).isEqualTo(transitions.get(i + 1).startTime());
      assertThat(transitions.get(i).statusMessage()).isNotBlank();
    }
    SecondaryStatusTransition last = transitions.get(transitions.size() - 1);
    assertThat(last.endTime()).isEqualTo(last.startTime());
    assertThat(done.trainingStartTime()).isEqualTo(transitions.get(1).startTime());
    assertThat(done.trainingEndTime()).isEqualTo(last.startTime());
    // Downloading 30 s + Training 120 s + Uploading 20 s of emulated time.
    assertThat(done.trainingTimeInSeconds()).isBetween(169, 171);
    assertThat(done.billableTimeInSeconds()).isEqualTo(done.trainingTimeInSeconds());
    assertThat(done.modelArtifacts().s3ModelArtifacts())
        .isEqualTo("s3://fraud-models/artifacts/Lifecycle-Ok/output/model.tar.gz");
    assertThat(done.finalMetricDataList()).extracting(MetricData::metricName)
        .containsExactlyInAnyOrder("train:logloss", "validation:logloss", "validation:auc");
    assertThat(done.finalMetricDataList()).allSatisfy(m -> assertThat(m.value()).isBetween(0f, 1f));
    assertThat(done.enableNetworkIsolation()).isTrue();
    assertThat(done.vpcConfig().subnets()).containsExactly("subnet-0a1b2c3d", "subnet-0e4f5a6b");
    assertThat(done.hyperParameters()).containsEntry("num_round", "20");
  }

  @Test
  void completedJobLeavesARealGzippedTarModelInS3() throws IOException {
    sageMaker.createTrainingJob(valid("artifact-check")
        .outputDataConfig(OutputDataConfig.builder().s3OutputPath("s3://fraud-models/no-slash")
            .kmsKeyId("arn:aws:kms:us-east-1:111122223333:key/output-key").build())
        .build());
    String uri = awaitFinished("artifact-check").modelArtifacts().s3ModelArtifacts();
    assertThat(uri).isEqualTo("s3://fraud-models/no-slash/artifact-check/output/model.tar.gz");

    String key = "no-slash/artifact-check/output/model.tar.gz";
    byte[] body = s3.getObjectAsBytes(b -> b.bucket("fraud-models").key(key)).asByteArray();
    byte[] tar;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      tar = in.readAllBytes();
    }
    assertThat(new String(tar, 0, 13, StandardCharsets.US_ASCII)).isEqualTo("xgboost-model");
    assertThat(new String(tar, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");
    HeadObjectResponse head = s3.headObject(b -> b.bucket("fraud-models").key(key));
    assertThat(head.ssekmsKeyId()).isEqualTo("arn:aws:kms:us-east-1:111122223333:key/output-key");
  }

  @Test
  void trainingLogsGoToOneStreamPerInstance() {
    String job = "logs-two-hosts";
    sageMaker.createTrainingJob(valid(job).resourceConfig(ResourceConfig.builder()
        .instanceType("ml.m5.xlarge").instanceCount(2).volumeSizeInGB(30).build()).build());
    awaitFinished(job);
    List<LogStream> streams = streams(job + "/");
    assertThat(streams).hasSize(2);
    assertThat(streams.get(0).logStreamName()).matches(job + "/algo-1-\\d{10}");
    assertThat(streams.get(1).logStreamName()).matches(job + "/algo-2-\\d{10}");
    List<String> lines = logs.getLogEvents(b -> b.logGroupName(GROUP)
            .logStreamName(streams.get(1).logStreamName()).startFromHead(true))
        .events().stream().map(OutputLogEvent::message).toList();
    assertThat(lines).anyMatch(l -> l.contains("Distributed node training with 2 hosts"));
    assertThat(lines).anyMatch(l -> l.matches("\\[0\\]#011train-logloss:0\\.\\d+"
        + "#011validation-logloss:0\\.\\d+#011validation-auc:0\\.\\d+"));
    assertThat(lines).anyMatch(l -> l.startsWith("[19]#011train-logloss:"));
    assertThat(lines).noneMatch(l -> l.startsWith("[20]"));
  }

  @Test
  void stoppedJobGoesThroughStoppingToStopped() {
    SageMakerClient client = slowSageMaker; // Stopping lasts 1.5 s here
    client.createTrainingJob(valid("stop-me").build());
    client.stopTrainingJob(b -> b.trainingJobName("stop-me"));
    DescribeTrainingJobResponse stopping = client.describeTrainingJob(b -> b.trainingJobName("stop-me"));
    assertThat(stopping.trainingJobStatus()).isEqualTo(TrainingJobStatus.STOPPING);
    assertThat(stopping.secondaryStatusAsString()).isEqualTo("Stopping");
    client.stopTrainingJob(b -> b.trainingJobName("stop-me"));

    DescribeTrainingJobResponse stopped = await().atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> client.describeTrainingJob(b -> b.trainingJobName("stop-me")),
            d -> d.trainingJobStatus() == TrainingJobStatus.STOPPED);
    assertThat(stopped.secondaryStatusTransitions())
        .extracting(SecondaryStatusTransition::statusAsString)
        .containsExactly("Starting", "Stopping", "Stopped");
    assertThat(stopped.modelArtifacts()).isNull();
  }

  @Test
  void stoppingAFinishedJobIsRejectedNamingItsStatus() {
    sageMaker.createTrainingJob(valid("already-done").build());
    awaitFinished("already-done");
    assertThatThrownBy(() -> sageMaker.stopTrainingJob(b -> b.trainingJobName("already-done")))
        .isInstanceOfSatisfying(SageMakerException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
              "The request was rejected because the training job is in status Completed.");
          assertThat(e.statusCode()).isEqualTo(400);
        });
  }

  @Test
  void imageTaggedFailFailsDuringTrainingWithAnAlgorithmError() {
    String job = "fails-on-purpose";
    sageMaker.createTrainingJob(valid(job).algorithmSpecification(a -> a
        .trainingImage(TrainingJobRequests.FAILING_IMAGE).trainingInputMode("File")).build());
    DescribeTrainingJobResponse failed = awaitFinished(job);
    assertThat(failed.trainingJobStatus()).isEqualTo(TrainingJobStatus.FAILED);
    assertThat(failed.secondaryStatusAsString()).isEqualTo("Failed");
    assertThat(failed.failureReason()).startsWith("AlgorithmError: ").endsWith("(exit code 1)");
    assertThat(failed.secondaryStatusTransitions()).extracting(SecondaryStatusTransition::statusAsString)
        .containsExactly("Starting", "Downloading", "Training", "Failed");
    assertThat(failed.modelArtifacts()).isNull();
    String stream = streams(job + "/").get(0).logStreamName();
    List<String> lines = logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName(stream)
        .startFromHead(true)).events().stream().map(OutputLogEvent::message).toList();
    assertThat(lines).contains("Traceback (most recent call last):");
    assertThat(lines).contains("ValueError: " + TrainingJobLifecycle.FAILURE_ERROR);
    assertThat(lines.get(lines.size() - 1)).endsWith(TrainingLogWriter.ALGORITHM_ERROR);
  }

  @Test
  void jobOutlivingMaxRuntimeIsStoppedAsMaxRuntimeExceeded() {
    sageMaker.createTrainingJob(valid("too-slow")
        .stoppingCondition(StoppingCondition.builder().maxRuntimeInSeconds(60).build()).build());
    DescribeTrainingJobResponse stopped = awaitFinished("too-slow");
    assertThat(stopped.trainingJobStatus()).isEqualTo(TrainingJobStatus.STOPPED);
    assertThat(stopped.secondaryStatusAsString()).isEqualTo("MaxRuntimeExceeded");
    assertThat(stopped.secondaryStatusTransitions()).extracting(SecondaryStatusTransition::statusAsString)
        .containsExactly("Starting", "Downloading", "Training", "MaxRuntimeExceeded");
    assertThat(stopped.trainingTimeInSeconds()).isBetween(59, 61);
  }

  @Test
  void managedSpotJobIsBilledForLessThanItTrained() {
    sageMaker.createTrainingJob(valid("spot-job").enableManagedSpotTraining(true)
        .stoppingCondition(StoppingCondition.builder().maxRuntimeInSeconds(3600)
            .maxWaitTimeInSeconds(7200).build())
        .checkpointConfig(CheckpointConfig.builder().s3Uri("s3://fraud-models/checkpoints/").build())
        .build());
    DescribeTrainingJobResponse done = awaitFinished("spot-job");
    assertThat(done.trainingJobStatus()).isEqualTo(TrainingJobStatus.COMPLETED);
    assertThat(done.billableTimeInSeconds()).isPositive().isLessThan(done.trainingTimeInSeconds());
  }

  private DescribeTrainingJobResponse describe(String name) {
    return sageMaker.describeTrainingJob(b -> b.trainingJobName(name));
  }

  private DescribeTrainingJobResponse awaitFinished(String name) {
    return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
        .until(() -> describe(name), d -> switch (d.trainingJobStatus()) {
          case COMPLETED, FAILED, STOPPED -> true;
          default -> false;
        });
  }

  private List<LogStream> streams(String prefix) {
    try {
      return logs.describeLogStreams(b -> b.logGroupName(GROUP).logStreamNamePrefix(prefix))
          .logStreams();
    } catch (ResourceNotFoundException e) {
      return List.of();
    }
  }
}
