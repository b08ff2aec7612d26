package dev.secureml.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.secureml.operator.api.LogStatus;
import dev.secureml.operator.logs.HttpLogSinkTest.Receiver;
import dev.secureml.operator.logs.HttpLogSinkTest.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * close() on worker threads and a real HTTP receiver: it returns within the close grace however
 * stuck the receiver is, and saves exactly what every sink accepted.
 */
class LogForwarderShutdownTest {
  private static final String GROUP = "/aws/sagemaker/TrainingJobs";
  private static final String STREAM = "job/algo-1-1";
  private static final Duration GRACE = Duration.ofSeconds(2);
  private static final LogForwarderSettings FAST = LogForwarderSettings.defaults()
      .withPageLimit(5).withIntervals(Duration.ofMillis(20), Duration.ofMillis(100),
          Duration.ofMillis(100))
      .withCloseGrace(GRACE);

  private final FakeLogsClient logs = new FakeLogsClient(Clock.systemUTC());
  private final MemoryCheckpointStore store = new MemoryCheckpointStore();
  private final LogSourceKey key = new LogSourceKey("SecureTrainingJob", "team", "job", "uid");
  private final Receiver receiver = new Receiver();
  private final List<LogForwarder> forwarders = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    receiver.start();
    logs.put(GROUP, STREAM, IntStream.range(0, 10).mapToObj(i -> "line " + i).toList());
  }

  @AfterEach
  void stop() {
    forwarders.forEach(LogForwarder::close);
    receiver.stop();
  }

  @Test
  void closeAbandonsABatchStuckInRetriesAndSavesOnlyWhatEverySinkAccepted() {
    receiver.script(new Reply(200, Map.of(), "")); // the first page
    for (int i = 0; i < 5; i++) {
      receiver.script(new Reply(503, Map.of("Retry-After", "60"), ""));
    }
    RecordingSink after = new RecordingSink("after");
    LogForwarder forwarder = started(FAST, httpSink(Duration.ofSeconds(5)), after);
    forwarder.track(target(null));
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() >= 2);

    Duration took = timed(forwarder::close);
    assertThat(took).isLessThan(GRACE);
    assertThat(MemoryCheckpointStore.linesSaved(store.last(key))).isEqualTo(5);
    assertThat(after.lines()).hasSize(5);

    // After the restart the receiver is fine again and gets the rest.
    receiver.script.clear();
    LogForwarder restarted = started(FAST, httpSink(Duration.ofSeconds(5)));
    restarted.track(target(store.last(key)));
    await().atMost(Duration.ofSeconds(10))
        .until(() -> new LinkedHashSet<>(receiver.acceptedEventIds()).size() == 10);
    assertThat(receiver.acceptedEventIds()).doesNotHaveDuplicates();
  }

  @Test
  void closeInterruptsASendTheReceiverNeverAnswers() {
    receiver.script(new Reply(200, Map.of(), "", Duration.ofSeconds(30)));
    LogForwarder forwarder = started(FAST, httpSink(Duration.ofSeconds(20)));
    forwarder.track(target(null));
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() == 1);

    Duration took = timed(forwarder::close);
    assertThat(took).isLessThan(GRACE.plusMillis(500));
    assertThat(MemoryCheckpointStore.linesSaved(store.last(key)))
        .as("a page the receiver did not confirm is not marked as sent").isZero();
  }

  private LogForwarder started(LogForwarderSettings settings, LogSink... sinks) {
    LogForwarder forwarder = new LogForwarder(new CloudWatchLogsGateway(logs), settings,
        List.of(sinks), LogRedactor.defaults(), store, new SimpleMeterRegistry(),
        Clock.systemUTC());
    forwarders.add(forwarder);
    forwarder.start();
    return forwarder;
  }

  private LogTarget target(LogStatus saved) {
    return new LogTarget(key, "job", GROUP, "job/", false, saved);
  }

  private HttpLogSink httpSink(Duration timeout) {
    return new HttpLogSink(receiver.url("/ingest"), Map.of(), 100, 5, timeout);
  }

  private static Duration timed(Runnable action) {
    long started = System.nanoTime();
    action.run();
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
