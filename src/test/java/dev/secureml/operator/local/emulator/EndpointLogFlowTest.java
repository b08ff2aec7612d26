package dev.secureml.operator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.testsupport.AwsTestClients;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/**
 * Serving containers keep logging while the endpoint is InService, though nobody describes
 * it: workers booting, then a health ping every 5 emulated seconds (20 a real second at speed
 * 100) and now and then a worker status line.
 */
class EndpointLogFlowTest {

  @Test
  void inServiceInstancesLogOverTimeWithIncreasingTimestamps() {
    try (Hosting hosting = Hosting.start(100);
        CloudWatchLogsClient logs = AwsTestClients.logs(hosting.emulator().endpoint())) {
      hosting.endpoint("flowing", Hosting.IMAGE);
      hosting.waitFor("flowing", "InService");
      String group = EndpointLogWriter.group("flowing");
      String stream = logs.describeLogStreams(b -> b.logGroupName(group)).logStreams().get(0)
          .logStreamName();

      Hosting.sleep(300);
      int before = TrainingLogFlowTest.all(logs, group, stream).size();
      Hosting.sleep(1_000); // nobody asks SageMaker anything meanwhile
      List<OutputLogEvent> events = TrainingLogFlowTest.all(logs, group, stream);
      assertThat(events.size() - before).as("pings in one real second").isBetween(12, 28);

      List<String> lines = TrainingLogFlowTest.messages(events);
      assertThat(lines).anyMatch(l -> l.endsWith("[INFO] Starting the inference server with 2"
              + " workers."))
          .anyMatch(l -> l.endsWith("[INFO] Booting worker with pid: 22"))
          .anyMatch(l -> l.endsWith("[INFO] Booting worker with pid: 23"))
          .anyMatch(l -> l.endsWith("[INFO] Model server started; 2 workers ready for AllTraffic"))
          .anyMatch(l -> l.matches(".* \\[INFO\\] 10\\.32\\.0\\.2 \"GET /ping HTTP/1\\.1\" 200 0"
              + " \"-\" \"AHC/2\\.0\" \\d+\\.\\d ms"))
          .anyMatch(l -> l.matches(".* \\[INFO\\] Worker \\d+ alive; memory \\d\\.\\d\\d GiB RSS,"
              + " \\d requests in flight"));
      for (int i = 1; i < events.size(); i++) {
        assertThat(events.get(i).timestamp()).isGreaterThan(events.get(i - 1).timestamp());
      }
    }
  }

  @Test
  void aLogRateOfZeroLeavesOnlyStartUpAndInvocationLines() {
    try (Hosting hosting = Hosting.start(EmulatorOptions.defaults().withSpeed(100)
            .withLogLinesPerSecond(0));
        CloudWatchLogsClient logs = AwsTestClients.logs(hosting.emulator().endpoint())) {
      hosting.endpoint("quiet", Hosting.IMAGE);
      hosting.waitFor("quiet", "InService");
      String group = EndpointLogWriter.group("quiet");
      Hosting.sleep(500);
      String stream = logs.describeLogStreams(b -> b.logGroupName(group)).logStreams().get(0)
          .logStreamName();
      Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
          .until(() -> TrainingLogFlowTest.all(logs, group, stream).size() == 5);
    }
  }
}
