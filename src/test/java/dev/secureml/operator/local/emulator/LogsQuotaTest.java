package dev.secureml.operator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secureml.operator.testsupport.AwsTestClients;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ThrottlingException;

/**
 * CloudWatch Logs TPS quotas: through the real SDK (no retries), a burst above the quota is
 * throttled like AWS throttles it, calls within it succeed, other operations are not limited,
 * and there is no quota unless one is set.
 */
class LogsQuotaTest {
  private static final String GROUP = "/quota/test";
  private static final String STREAM = "s";

  @Test
  void burstAboveTheGetLogEventsQuotaIsThrottledForTheExcess() {
    try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults()
            .withLogsQuota(5, 0));
        CloudWatchLogsClient logs = AwsTestClients.logs(emulator.endpoint())) {
      seed(logs);
      int ok = 0;
      int throttled = 0;
      long start = System.nanoTime();
      for (int i = 0; i < 12; i++) {
        try {
          logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName(STREAM)
              .startFromHead(true));
          ok++;
        } catch (ThrottlingException e) {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
          assertThat(e.isThrottlingException()).isTrue();
          throttled++;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (seconds < 1) {
        assertThat(ok).isEqualTo(5);
      } else { // a very slow machine: the window moved on during the burst
        assertThat(ok).isBetween(5, 5 * (int) Math.ceil(seconds));
      }
      assertThat(ok + throttled).isEqualTo(12);
      assertThat(emulator.journal().operations("Logs.GetLogEvents"))
          .filteredOn(e -> "ThrottlingException".equals(e.errorCode()))
          .hasSize(throttled)
          .allSatisfy(e -> assertThat(e.httpStatus()).isEqualTo(400));

      Hosting.sleep(1_050); // a new second: within the quota again
      assertThat(logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName(STREAM)
          .startFromHead(true)).events()).hasSize(3);
      // Writes and other reads are not limited by the GetLogEvents quota.
      for (int i = 0; i < 20; i++) {
        long t = 1_795_000_010_000L + i;
        logs.putLogEvents(b -> b.logGroupName(GROUP).logStreamName(STREAM)
            .logEvents(InputLogEvent.builder().timestamp(t).message("more").build()));
        logs.describeLogStreams(b -> b.logGroupName(GROUP));
        logs.filterLogEvents(b -> b.logGroupName(GROUP));
      }
    }
  }

  @Test
  void describeLogStreamsHasItsOwnQuota() {
    try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults()
            .withLogsQuota(0, 2));
        CloudWatchLogsClient logs = AwsTestClients.logs(emulator.endpoint())) {
      seed(logs);
      logs.describeLogStreams(b -> b.logGroupName(GROUP));
      logs.describeLogStreams(b -> b.logGroupName(GROUP));
      assertThatThrownBy(() -> logs.describeLogStreams(b -> b.logGroupName(GROUP)))
          .isInstanceOf(ThrottlingException.class);
      // The quota is checked first: even a request for a missing group is throttled.
      assertThatThrownBy(() -> logs.describeLogStreams(b -> b.logGroupName("/missing")))
          .isInstanceOf(ThrottlingException.class);
      for (int i = 0; i < 20; i++) { // GetLogEvents is unlimited here
        logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName(STREAM));
      }
    }
  }

  @Test
  void filterLogEventsHasItsOwnQuota() {
    try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults()
            .withLogsQuota(0, 0, 2));
        CloudWatchLogsClient logs = AwsTestClients.logs(emulator.endpoint())) {
      seed(logs);
      logs.filterLogEvents(b -> b.logGroupName(GROUP));
      logs.filterLogEvents(b -> b.logGroupName(GROUP).logStreamNames(STREAM));
      assertThatThrownBy(() -> logs.filterLogEvents(b -> b.logGroupName(GROUP)))
          .isInstanceOf(ThrottlingException.class);
      for (int i = 0; i < 20; i++) { // the other reads are unlimited here
        logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName(STREAM));
        logs.describeLogStreams(b -> b.logGroupName(GROUP));
      }
      assertThat(EmulatorOptions.defaults().withLogsQuota(10, 5, 5).withLogsQuota(20, 10)
          .filterLogEventsPerSecond()).as("the two-quota form keeps the third").isEqualTo(5.0);
    }
  }

  @Test
  void withoutAQuotaNothingIsThrottled() {
    try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults());
        CloudWatchLogsClient logs = AwsTestClients.logs(emulator.endpoint())) {
      seed(logs);
      for (int i = 0; i < 60; i++) {
        logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName(STREAM));
        logs.describeLogStreams(b -> b.logGroupName(GROUP));
      }
      assertThat(emulator.journal().entries()).allSatisfy(e -> assertThat(e.errorCode()).isNull());
    }
  }

  @Test
  void slidingWindowAdmitsWholeCallsPerSecondAndSpacesFractionalRates() {
    AtomicLong now = new AtomicLong();
    LogsQuota quota = new LogsQuota(2.7, now::get);
    quota.acquire();
    now.addAndGet(400_000_000L);
    quota.acquire();
    assertThatThrownBy(quota::acquire).isInstanceOf(AwsServiceException.class)
        .hasMessage("Rate exceeded");
    now.set(1_000_000_000L); // the first call has left the window
    quota.acquire();
    assertThatThrownBy(quota::acquire).isInstanceOf(AwsServiceException.class);

    LogsQuota slow = new LogsQuota(0.5, now::get);
    now.set(0);
    slow.acquire();
    now.set(1_999_999_999L);
    assertThatThrownBy(slow::acquire).isInstanceOf(AwsServiceException.class);
    now.set(2_000_000_000L);
    slow.acquire();

    assertThat(new LogsQuota(0, now::get).isUnlimited()).isTrue();
  }

  private static void seed(CloudWatchLogsClient logs) {
    logs.createLogGroup(b -> b.logGroupName(GROUP));
    logs.createLogStream(b -> b.logGroupName(GROUP).logStreamName(STREAM));
    logs.putLogEvents(b -> b.logGroupName(GROUP).logStreamName(STREAM).logEvents(
        InputLogEvent.builder().timestamp(1_795_000_000_000L).message("a").build(),
        InputLogEvent.builder().timestamp(1_795_000_000_001L).message("b").build(),
        InputLogEvent.builder().timestamp(1_795_000_000_002L).message("c").build()));
  }
}
