package dev.secureml.operator.local.emulator;

import static dev.secureml.operator.local.emulator.TrainingJobRequests.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.secureml.operator.testsupport.AwsTestClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceConfig;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/**
 * Training containers' logs over emulated time, through the real SDK. At speed 40 and the
 * default two lines per emulated second, a container writes 80 lines a real second; a job
 * takes under 6 s, and the jobs run side by side.
 */
class TrainingLogFlowTest {
  private static final String GROUP = TrainingLogWriter.GROUP;
  private static final double SPEED = 40;
  private static AwsEmulator emulator;
  private static SageMakerClient sageMaker;
  private static CloudWatchLogsClient logs;
  private static AwsEmulator busy;
  private static SageMakerClient busySageMaker;
  private static CloudWatchLogsClient busyLogs;

  @BeforeAll
  static void start() {
    emulator = AwsEmulator.start(EmulatorOptions.defaults().withSpeed(SPEED));
    sageMaker = AwsTestClients.sageMaker(emulator.endpoint());
    logs = AwsTestClients.logs(emulator.endpoint());
    busy = AwsEmulator.start(EmulatorOptions.defaults().withSpeed(SPEED)
        .withLogLinesPerSecond(50));
    busySageMaker = AwsTestClients.sageMaker(busy.endpoint());
    busyLogs = AwsTestClients.logs(busy.endpoint());
    sageMaker.createTrainingJob(valid("flow-ok").build());
    sageMaker.createTrainingJob(valid("flow-fails").algorithmSpecification(a -> a
        .trainingImage(TrainingJobRequests.FAILING_IMAGE).trainingInputMode("File")).build());
    busySageMaker.createTrainingJob(valid("flow-capped").resourceConfig(ResourceConfig.builder()
        .instanceType("ml.m5.xlarge").instanceCount(2).volumeSizeInGB(30).build()).build());
  }

  @AfterAll
  static void stop() {
    sageMaker.close();
    logs.close();
    emulator.close();
    busySageMaker.close();
    busyLogs.close();
    busy.close();
  }

  @Test
  void streamAppearsWhenTheInstanceComesUpAndLinesFlowWhileTheJobRuns() {
    String job = "flow-live";
    long created = System.currentTimeMillis();
    sageMaker.createTrainingJob(valid(job).build());
    assertThat(streams(logs, job + "/")).isEmpty(); // Starting: no instance, no stream yet

    LogStream stream = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
        .until(() -> streams(logs, job + "/"), s -> !s.isEmpty()).get(0);
    // The instances come up two thirds into Starting: 40 emulated seconds, 1 s here.
    assertThat(stream.firstEventTimestamp() - created).isBetween(900L, 1_300L);

    int before = all(logs, stream.logStreamName()).size();
    Hosting.sleep(1_000);
    int after = all(logs, stream.logStreamName()).size();
    assertThat(after - before).as("lines written in one real second at 80/s")
        .isBetween(40, 130);
    assertThat(describe(sageMaker, job).trainingJobStatus())
        .isEqualTo(TrainingJobStatus.IN_PROGRESS);
  }

  @Test
  void linesComeAtTheConfiguredRateInEmulatedTime() {
    DescribeTrainingJobResponse done = awaitFinished(sageMaker, "flow-ok");
    List<OutputLogEvent> events = all(logs, streams(logs, "flow-ok/").get(0).logStreamName());
    long first = events.get(0).timestamp();
    // Starting after boot (20 emulated s) and Downloading (30 s) carry no fixed lines but the
    // three at boot: 50 emulated seconds at 2 lines a second.
    long downloadingEnd = done.secondaryStatusTransitions().get(1).endTime().toEpochMilli();
    long inWindow = events.stream().filter(e -> e.timestamp() < downloadingEnd).count();
    assertThat(downloadingEnd - first).isBetween(1_200L, 1_300L);
    assertThat(inWindow).isBetween(95L, 106L);
    // The whole run: 190 emulated seconds after boot (20 + 30 + 120 + 20) at 2 lines a
    // second; fixed lines take their place in the flow.
    assertThat(events).hasSizeBetween(370, 395);
  }

  @Test
  void containerWritesVariedLinesOfEveryPhase() {
    awaitFinished(sageMaker, "flow-ok");
    List<String> lines = messages(all(logs, streams(logs, "flow-ok/").get(0).logStreamName()));
    assertThat(lines).first().asString().startsWith("bash: cannot set terminal process group");
    assertThat(lines).anyMatch(l -> l.contains(":INFO] Pulling " + TrainingJobRequests.IMAGE))
        .anyMatch(l -> l.matches(".*:INFO\\] Downloading s3://fraud-data/fdic/train/part-\\d{5}"
            + "\\.csv to /opt/ml/input/data/train \\(\\d+\\.\\d\\d MiB\\)"))
        .anyMatch(l -> l.endsWith(":INFO] Framework version: 1.7-1 (xgboost, Python 3.8)"))
        .anyMatch(l -> l.contains(":INFO] Hyperparameters: {num_round=20,"
            + " objective=binary:logistic}"))
        .anyMatch(l -> l.endsWith(":INFO] Failed to parse hyperparameter objective value"
            + " binary:logistic to Json."))
        .anyMatch(l -> l.matches(".*:INFO\\] Channel validation: \\d+ files, \\d+\\.\\d MiB"))
        .anyMatch(l -> l.matches("\\[\\d\\d:\\d\\d:\\d\\d\\] INFO: \\.\\./src/tree/updater_prune"
            + "\\.cc:98: tree pruning end, 1 roots, \\d+ extra nodes, \\d+ pruned nodes,"
            + " max_depth=6"))
        .anyMatch(l -> l.matches(".*:INFO\\] Memory usage: \\d+\\.\\d\\d GiB of 15\\.25 GiB"
            + " \\(\\d+\\.\\d%\\)"))
        .anyMatch(l -> l.contains(":INFO] Checkpoint saved to /opt/ml/checkpoints/"
            + "xgboost-checkpoint."))
        .anyMatch(l -> l.contains("WARNING"))
        .anyMatch(l -> l.endsWith(":INFO] Saving model to /opt/ml/model/xgboost-model"))
        .anyMatch(l -> l.contains(":INFO] Uploading /opt/ml/model to"
            + " s3://fraud-models/artifacts/flow-ok/output/model.tar.gz: "));
    List<String> rounds = lines.stream().filter(l -> l.matches("\\[\\d+\\]#011.*")).toList();
    assertThat(rounds).hasSize(20);
    for (int i = 0; i < rounds.size(); i++) {
      assertThat(rounds.get(i)).matches("\\[" + i + "\\]#011train-logloss:0\\.\\d{5}"
          + "#011validation-logloss:0\\.\\d{5}#011validation-auc:0\\.\\d{5}");
    }
    assertThat(lines.stream().distinct().count()).isGreaterThan(lines.size() / 2);
  }

  @Test
  void timestampsStrictlyIncreaseInEveryStream() {
    awaitFinished(sageMaker, "flow-ok");
    awaitFinished(sageMaker, "flow-fails");
    for (String prefix : List.of("flow-ok/", "flow-fails/")) {
      List<OutputLogEvent> events = all(logs, streams(logs, prefix).get(0).logStreamName());
      for (int i = 1; i < events.size(); i++) {
        assertThat(events.get(i).timestamp()).as("event %d of %s", i, prefix)
            .isGreaterThan(events.get(i - 1).timestamp());
      }
    }
  }

  @Test
  void failureWritesTheErrorTheTracebackLineByLineAndTheExitCode() {
    DescribeTrainingJobResponse failed = awaitFinished(sageMaker, "flow-fails");
    assertThat(failed.trainingJobStatus()).isEqualTo(TrainingJobStatus.FAILED);
    List<String> lines = messages(all(logs, streams(logs, "flow-fails/").get(0)
        .logStreamName()));
    int error = lines.indexOf(lines.stream().filter(l -> l.endsWith(
        ":ERROR] Reporting training FAILURE")).findFirst().orElseThrow());
    assertThat(lines.subList(error + 1, lines.size())).satisfiesExactly(
        l -> assertThat(l).endsWith(":ERROR] framework error: "),
        l -> assertThat(l).isEqualTo("Traceback (most recent call last):"),
        l -> assertThat(l).isEqualTo("  File \"/opt/ml/code/train.py\", line 87, in <module>"),
        l -> assertThat(l).isEqualTo("    main(parse_args())"),
        l -> assertThat(l).isEqualTo("  File \"/opt/ml/code/train.py\", line 74, in main"),
        l -> assertThat(l).startsWith("    booster = xgb.train("),
        l -> assertThat(l).contains("xgboost/training.py\", line 185, in train"),
        l -> assertThat(l).startsWith("    if cb_container.after_iteration("),
        l -> assertThat(l).contains("xgboost/callback.py\", line 254, in after_iteration"),
        l -> assertThat(l).startsWith("    ret = any("),
        l -> assertThat(l).isEqualTo("  File \"/opt/ml/code/train.py\", line 42,"
            + " in after_iteration"),
        l -> assertThat(l).isEqualTo("    raise ValueError(LABEL_ERROR)"),
        l -> assertThat(l).isEqualTo("ValueError: " + TrainingJobLifecycle.FAILURE_ERROR),
        l -> assertThat(l).matches("\\[.*:ERROR\\] Algorithm error: .* exit code 1"));
    assertThat(failed.failureReason()).contains("ValueError: "
        + TrainingJobLifecycle.FAILURE_ERROR);
    // Some rounds ran before the failure, 40% into Training.
    assertThat(lines.subList(0, error)).anyMatch(l -> l.startsWith("[3]#011"))
        .noneMatch(l -> l.startsWith("[19]#011"));
  }

  @Test
  void linesPerJobAreCappedAcrossItsInstances() {
    awaitFinished(busySageMaker, "flow-capped");
    List<LogStream> streams = streams(busyLogs, "flow-capped/");
    assertThat(streams).hasSize(2);
    int total = 0;
    for (LogStream s : streams) {
      int count = all(busyLogs, s.logStreamName()).size();
      // 1,000 lines each, and the fixed lines written after the flow stopped (start-up
      // block, 20 rounds, model save).
      assertThat(count).isBetween(TrainingLogWriter.MAX_LINES_PER_JOB / 2,
          TrainingLogWriter.MAX_LINES_PER_JOB / 2 + 60);
      total += count;
    }
    assertThat(total).isLessThanOrEqualTo(TrainingLogWriter.MAX_LINES_PER_JOB + 120);
  }

  private static DescribeTrainingJobResponse describe(SageMakerClient client, String name) {
    return client.describeTrainingJob(b -> b.trainingJobName(name));
  }

  private static DescribeTrainingJobResponse awaitFinished(SageMakerClient client,
      String name) {
    return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
        .until(() -> describe(client, name), d -> switch (d.trainingJobStatus()) {
          case COMPLETED, FAILED, STOPPED -> true;
          default -> false;
        });
  }

  private static List<LogStream> streams(CloudWatchLogsClient client, String prefix) {
    try {
      return client.describeLogStreams(b -> b.logGroupName(GROUP).logStreamNamePrefix(prefix))
          .logStreams();
    } catch (ResourceNotFoundException e) {
      return List.of();
    }
  }

  /** Every event of a stream, paging forward until the token stops moving. */
  static List<OutputLogEvent> all(CloudWatchLogsClient client, String group, String stream) {
    List<OutputLogEvent> events = new ArrayList<>();
    String token = null;
    while (true) {
      String sent = token;
      GetLogEventsResponse page = client.getLogEvents(b -> b.logGroupName(group)
          .logStreamName(stream).startFromHead(true).limit(500).nextToken(sent));
      events.addAll(page.events());
      if (page.nextForwardToken().equals(sent)) {
        return events;
      }
      token = page.nextForwardToken();
    }
  }

  private static List<OutputLogEvent> all(CloudWatchLogsClient client, String stream) {
    return all(client, GROUP, stream);
  }

  static List<String> messages(List<OutputLogEvent> events) {
    return events.stream().map(OutputLogEvent::message).toList();
  }
}
