package dev.secureml.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Whatever a sink or a listener throws, the workers go on and no stream is stranded. */
class LogForwarderWorkerSafetyTest extends FakeClockForwarding {
  private static final String STREAM = "job-0/algo-1-1";

  @Test
  void workersSurviveErrorsFromASinkAndForwardOnceItWorks() throws InterruptedException {
    RecordingSink sink = new RecordingSink("sink");
    AtomicInteger errors = new AtomicInteger(LogForwarder.WORKERS + 1);
    LogSink failing = new LogSink() {
      @Override
      public String name() {
        return "failing";
      }

      @Override
      public void accept(List<ForwardedLine> batch) throws LogSinkException {
        if (errors.getAndDecrement() > 0) {
          throw new AssertionError("a bug in a sink"); // an Error, not an exception
        }
        sink.accept(batch);
      }
    };
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), failing);
    logs.put(GROUP, STREAM, lines("a", 3));
    forwarder.track(target(0, false));
    forwarder.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (sink.messages().isEmpty() && System.nanoTime() < deadline) {
      clock.advance(Duration.ofMillis(500));
      Thread.sleep(5);
    }
    assertThat(sink.messages()).containsExactly("a0", "a1", "a2");
  }

  @Test
  void aListenerThatThrowsNeitherStopsForwardingNorFreesAStreamTwice() {
    RecordingSink http = new RecordingSink("http");
    SinkRejectionListener broken = new SinkRejectionListener() {
      @Override
      public void rejected(LogSourceKey resource, String sink, int status, String stream) {
        throw new IllegalStateException("the Event could not be written");
      }

      @Override
      public void resumed(LogSourceKey resource, String sink) {
        throw new IllegalStateException("the Event could not be written");
      }
    };
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), broken, http);
    logs.put(GROUP, STREAM, lines("a", 2));
    http.rejectStream = STREAM;
    forwarder.track(target(0, false));
    drive(forwarder, Duration.ofSeconds(10));
    assertThat(registry.get("secureml.logs.streams.parked").gauge().value()).isEqualTo(1);
    assertThat(reads(STREAM)).as("still parked, not read again at once").hasSize(1);

    http.rejectStream = null;
    drive(forwarder, Duration.ofMinutes(3));
    assertThat(http.messages()).containsExactly("a0", "a1");
  }
}
