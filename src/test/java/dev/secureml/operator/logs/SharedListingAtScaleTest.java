package dev.secureml.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * More running jobs in one log group than one DescribeLogStreams page holds, under the
 * account's DescribeLogStreams quota: the shared listing must still find every stream, so every
 * line arrives, once.
 */
class SharedListingAtScaleTest extends FakeClockForwarding {
  private static final int JOBS = 300; // six pages of 50: more than 5 DescribeLogStreams/s
  private static final int SECONDS_WRITING = 30;

  @Test
  void everyLineOfMoreStreamsThanTheQuotaListsInASecondArrivesExactlyOnce() {
    logs.describesPerSecond = 5; // like AWS: the sixth call within a second is throttled
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), sink);
    for (int job = 0; job < JOBS; job++) {
      logs.createStream(GROUP, stream(job)); // SageMaker creates it before the first line
      forwarder.track(target(job, false));
    }
    List<String> written = new ArrayList<>();
    for (int second = 0; second < SECONDS_WRITING; second++) {
      for (int job = 0; job < JOBS; job++) {
        String line = "job-" + job + " line " + second;
        logs.put(GROUP, stream(job), List.of(line));
        written.add(line);
      }
      drive(forwarder, Duration.ofSeconds(1));
    }
    drive(forwarder, Duration.ofMinutes(2));

    assertThat(sink.messages()).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(written);
    assertThat(logs.calls(LogForwarder.DESCRIBE_LOG_STREAMS))
        .as("the listing keeps inside the quota").noneMatch(FakeLogsClient.Call::throttled);
    for (int job = 0; job < JOBS; job++) {
      assertThat(forwarder.snapshot(key(job)).orElseThrow().linesForwarded)
          .isEqualTo(SECONDS_WRITING);
    }
  }

  @Test
  void aThrottledPageIsAskedAgainWithoutStartingTheListingOver() {
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), new RecordingSink("s"));
    for (int job = 0; job < 120; job++) { // three pages
      logs.put(GROUP, stream(job), List.of("line"));
      forwarder.track(target(job, false));
    }
    logs.throttleNextLaterPages.set(1);
    drive(forwarder, Duration.ofSeconds(20)); // 120 reads at 10/s

    List<FakeLogsClient.Call> listings =
        logs.calls(LogForwarder.DESCRIBE_LOG_STREAMS).subList(0, 4); // the first pass
    assertThat(listings).extracting(FakeLogsClient.Call::throttled)
        .containsExactly(false, true, false, false);
    assertThat(listings.get(2).token()).as("the throttled page again")
        .isEqualTo(listings.get(1).token()).isNotNull();
    for (int job = 0; job < 120; job++) {
      assertThat(forwarder.snapshot(key(job)).orElseThrow().linesForwarded).isEqualTo(1);
    }
  }

  private static String stream(int job) {
    return "job-" + job + "/algo-1-1700000000";
  }
}
