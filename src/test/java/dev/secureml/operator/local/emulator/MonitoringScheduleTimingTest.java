package dev.secureml.operator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secureml.operator.testsupport.AwsTestClients;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.MonitoringExecutionSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.ScheduleStatus;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;

/** A schedule's status over emulated time, and its firings once per period. */
class MonitoringScheduleTimingTest {

  @Test
  void newScheduleIsPendingForACoupleOfSecondsThenScheduled() {
    try (Monitoring monitoring = Monitoring.start(1)) {
      SageMakerClient sageMaker = monitoring.sageMaker();
      monitoring.hosting().endpoint("slow-ep", Hosting.IMAGE); // Creating is enough
      sageMaker.createDataQualityJobDefinition(Monitoring.definition("slow-dq", "slow-ep",
          "s3://fraud-monitoring/baselines/none").build());
      Instant created = Instant.now();
      monitoring.schedule("slow-mon", "slow-dq", "cron(0 * ? * * *)");

      assertThat(sageMaker.describeMonitoringSchedule(b -> b.monitoringScheduleName("slow-mon"))
          .monitoringScheduleStatus()).isEqualTo(ScheduleStatus.PENDING);
      SageMakerException e = catchThrowableOfType(() -> sageMaker.deleteMonitoringSchedule(b -> b
          .monitoringScheduleName("slow-mon")), SageMakerException.class);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Monitoring schedule in status"
          + " Pending: wait until it is Scheduled, then try again.");

      monitoring.waitForSchedule("slow-mon", ScheduleStatus.SCHEDULED);
      assertThat(Duration.between(created, Instant.now()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
      sageMaker.deleteMonitoringSchedule(b -> b.monitoringScheduleName("slow-mon"));
    }
  }

  @Test
  void scheduledScheduleFiresOncePerPeriodUntilStoppedOrDeleted() {
    // speed 3600: an hourly schedule fires every real second
    try (Monitoring monitoring = Monitoring.start(EmulatorOptions.defaults().withSpeed(3600)
        .withLogLinesPerSecond(0));
        CloudWatchLogsClient logs = AwsTestClients.logs(monitoring.emulator().endpoint())) {
      SageMakerClient sageMaker = monitoring.sageMaker();
      monitoring.hosting().endpoint("busy-ep", Hosting.IMAGE);
      sageMaker.createDataQualityJobDefinition(Monitoring.definition("busy-dq", "busy-ep",
          monitoring.baseline("busy", Monitoring.transactions(1, 500, 0))).build());
      monitoring.schedule("busy-mon", "busy-dq", "cron(0 * ? * * *)");

      awaitExecutions(sageMaker, n -> n >= 2);
      List<MonitoringExecutionSummary> fired = list(sageMaker);
      Duration gap = Duration.between(fired.get(0).scheduledTime(), fired.get(1).scheduledTime());
      assertThat(gap).isBetween(Duration.ofMillis(950), Duration.ofMillis(1050));
      assertThat(fired.get(0).monitoringExecutionStatusAsString())
          .isIn("Pending", "InProgress", "Failed"); // no traffic: "Job inputs had no data"

      sageMaker.stopMonitoringSchedule(b -> b.monitoringScheduleName("busy-mon"));
      int stopped = list(sageMaker).size();
      Hosting.sleep(2500);
      assertThat(list(sageMaker)).hasSize(stopped);

      sageMaker.startMonitoringSchedule(b -> b.monitoringScheduleName("busy-mon"));
      awaitExecutions(sageMaker, n -> n > stopped);

      sageMaker.deleteMonitoringSchedule(b -> b.monitoringScheduleName("busy-mon"));
      Hosting.sleep(300); // executions under way finish and log
      int streams = logStreams(logs);
      Hosting.sleep(2500);
      assertThat(logStreams(logs)).isEqualTo(streams);
    }
  }

  private static List<MonitoringExecutionSummary> list(SageMakerClient sageMaker) {
    return sageMaker.listMonitoringExecutions(b -> b.monitoringScheduleName("busy-mon")
        .sortOrder(SortOrder.ASCENDING).maxResults(100)).monitoringExecutionSummaries();
  }

  private static void awaitExecutions(SageMakerClient sageMaker, IntPredicate enough) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (enough.test(list(sageMaker).size())) {
        return;
      }
      Hosting.sleep(50);
    }
    throw new AssertionError("the schedule did not fire as expected: " + list(sageMaker));
  }

  private static int logStreams(CloudWatchLogsClient logs) {
    return logs.describeLogStreams(b -> b.logGroupName("/aws/sagemaker/ProcessingJobs"))
        .logStreams().size();
  }
}
