package dev.secureml.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sink that rejects a stream's lines for good parks that stream at its checkpoint, says so
 * once, retries slowly and resumes without loss; other streams keep flowing.
 */
class LogForwarderParkingTest extends FakeClockForwarding {
  private static final String PARKED = "job-0/algo-1-1";
  private final Heard heard = new Heard();

  @Test
  void aRejectedStreamWaitsAtItsCheckpointWhileOthersFlowAndResumesOnceAccepted() {
    RecordingSink http = new RecordingSink("http");
    RecordingSink after = new RecordingSink("after");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), heard, http, after);
    logs.put(GROUP, PARKED, lines("a", 3));
    logs.put(GROUP, "job-1/algo-1-1", lines("other ", 2));
    http.rejectStream = PARKED;
    forwarder.track(target(0, false));
    forwarder.track(target(1, false));
    drive(forwarder, Duration.ofSeconds(10));

    assertThat(http.messages()).containsExactly("other 0", "other 1");
    assertThat(after.messages()).as("the sinks after it never see a rejected batch")
        .containsExactly("other 0", "other 1");
    assertThat(forwarder.snapshot(key(0)).orElseThrow().linesForwarded).isZero();
    assertThat(heard.events).containsExactly("rejected SecureTrainingJob team/job-0 by http "
        + "with 401 at " + PARKED);
    assertThat(registry.counter("secureml.logs.sink.rejections", "sink", "http", "status", "401")
        .count()).isEqualTo(1);
    assertThat(registry.get("secureml.logs.streams.parked").gauge().value()).isEqualTo(1);

    // Still rejected two minutes on: one more try, no new Event, no read of the parked stream.
    logs.put(GROUP, PARKED, lines("b", 2));
    drive(forwarder, Duration.ofMinutes(3));
    assertThat(http.rejections.get()).isEqualTo(2);
    assertThat(heard.events).hasSize(1);
    assertThat(reads(PARKED)).hasSize(1);
    assertThat(MemoryCheckpointStore.linesSaved(store.last(key(0)))).isZero();

    // Credentials rotated: the next try (4 minutes after the last) delivers everything, in order.
    http.rejectStream = null;
    drive(forwarder, Duration.ofMinutes(3));
    assertThat(http.messages()).containsSubsequence("a0", "a1", "a2", "b0", "b1")
        .doesNotHaveDuplicates().hasSize(7);
    assertThat(after.messages()).containsSubsequence("a0", "a1", "a2", "b0", "b1");
    assertThat(MemoryCheckpointStore.linesSaved(store.last(key(0)))).isEqualTo(5);
    assertThat(heard.events).last().isEqualTo("resumed SecureTrainingJob team/job-0 by http");
    assertThat(registry.get("secureml.logs.streams.parked").gauge().value()).isZero();
  }

  @Test
  void aParkedStreamIsOfferedAgainAfterWaitsThatDoubleUpToTheCap() {
    List<Long> offered = Collections.synchronizedList(new ArrayList<>());
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults()
        .withRejectedRetry(Duration.ofMinutes(1), Duration.ofMinutes(4)), heard,
        rejecting(403, offered));
    logs.put(GROUP, PARKED, lines("a", 1));
    forwarder.track(target(0, true));
    drive(forwarder, Duration.ofMinutes(12));

    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < offered.size(); i++) {
      gaps.add(Math.round((offered.get(i) - offered.get(i - 1)) / 1000.0));
    }
    assertThat(gaps).containsExactly(60L, 120L, 240L, 240L);
    assertThat(heard.events).hasSize(1);
    assertThat(forwarder.snapshot(key(0)).orElseThrow().streams.get(0).finished).isFalse();
  }

  @Test
  void allStreamsOfAResourceRejectedBySameSinkRaiseOneEvent() {
    List<Long> offered = Collections.synchronizedList(new ArrayList<>());
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), heard,
        rejecting(401, offered));
    logs.put(GROUP, "job-0/algo-1-1", lines("a", 1));
    logs.put(GROUP, "job-0/algo-2-1", lines("b", 1));
    forwarder.track(target(0, false));
    drive(forwarder, Duration.ofSeconds(10));

    assertThat(offered).hasSize(2);
    assertThat(heard.events).hasSize(1);
    assertThat(registry.get("secureml.logs.streams.parked").gauge().value()).isEqualTo(2);
  }

  @Test
  void onceTheSinkAcceptsLinesAgainEveryStreamItParkedIsOfferedAgainAtOnce() {
    RecordingSink http = new RecordingSink("http");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), heard, http);
    logs.put(GROUP, PARKED, lines("a", 2));
    http.rejectStream = PARKED;
    forwarder.track(target(0, false));
    drive(forwarder, Duration.ofMinutes(3)); // rejected at 0 and 2 min: next try at 6 min
    assertThat(http.rejections.get()).isEqualTo(2);

    http.rejectStream = null; // repaired; another resource's lines get through first
    logs.put(GROUP, "job-1/algo-1-1", lines("other ", 1));
    forwarder.track(target(1, false));
    drive(forwarder, Duration.ofSeconds(10));
    assertThat(http.messages()).containsExactlyInAnyOrder("other 0", "a0", "a1");
    assertThat(heard.events).last().isEqualTo("resumed SecureTrainingJob team/job-0 by http");
  }

  @Test
  void pastTheMemoryCapAParkedBatchIsReadAgainFromTheCheckpoint() {
    RecordingSink first = new RecordingSink("first");
    RecordingSink http = new RecordingSink("http");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), heard, first, http);
    forwarder.capParkedChars(1); // no parked batch stays in memory
    logs.put(GROUP, PARKED, lines("a", 3));
    http.rejectStream = PARKED;
    forwarder.track(target(0, false));
    drive(forwarder, Duration.ofSeconds(10));
    assertThat(reads(PARKED)).hasSize(1);

    http.rejectStream = null;
    drive(forwarder, Duration.ofMinutes(2));
    assertThat(reads(PARKED).size()).as("read again from the checkpoint").isGreaterThan(1);
    assertThat(http.messages()).containsExactly("a0", "a1", "a2");
    assertThat(first.lines()).as("the sink before it sees the batch twice, same ids")
        .hasSize(6);
    assertThat(first.lines().stream().map(ForwardedLine::eventId).distinct()).hasSize(3);
    assertThat(MemoryCheckpointStore.linesSaved(store.last(key(0)))).isEqualTo(3);
    assertThat(heard.events).last().isEqualTo("resumed SecureTrainingJob team/job-0 by http");
  }

  @Test
  void closeGraceAndRejectedRetriesHaveDefaultsAndMustBePositive() {
    LogForwarderSettings defaults = LogForwarderSettings.defaults();
    assertThat(defaults.closeGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.rejectedRetry()).isEqualTo(Duration.ofMinutes(2));
    assertThat(defaults.rejectedRetryMax()).isEqualTo(Duration.ofMinutes(16));
    assertThatThrownBy(() -> defaults.withCloseGrace(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withRejectedRetry(Duration.ofMinutes(2),
        Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
  }

  /** An HTTP sink that rejects every batch with {@code status}, noting when it was offered. */
  private LogSink rejecting(int status, List<Long> offeredAt) {
    return new LogSink() {
      @Override
      public String name() {
        return "http";
      }

      @Override
      public void accept(List<ForwardedLine> batch) throws LogSinkException {
        offeredAt.add(clock.millis());
        throw new LogSinkRejectedException("http rejected the batch: HTTP " + status, status);
      }
    };
  }

  /** What people would be told, as text. */
  private static final class Heard implements SinkRejectionListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void rejected(LogSourceKey resource, String sink, int status, String stream) {
      events.add("rejected " + resource + " by " + sink + " with " + status + " at " + stream);
    }

    @Override
    public void resumed(LogSourceKey resource, String sink) {
      events.add("resumed " + resource + " by " + sink);
    }
  }
}
