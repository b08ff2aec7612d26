package dev.secureml.operator.logs;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;

/**
 * Ground for forwarder tests on an in-memory CloudWatch and a hand-moved clock: the test runs
 * the due work itself ({@link #drive}), so timing is exact and nothing sleeps.
 */
abstract class FakeClockForwarding {
  static final String GROUP = "/aws/sagemaker/TrainingJobs";
  final MutableClock clock = new MutableClock(1_700_000_000_000L);
  final FakeLogsClient logs = new FakeLogsClient(clock);
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final MemoryCheckpointStore store = new MemoryCheckpointStore();
  private final List<LogForwarder> forwarders = new ArrayList<>();
  /**
   * Zero: every page is saved before the stream is read on, which is what most of these tests
   * pin down; {@link CheckpointIntervalTest} sets the interval the operator uses.
   */
  Duration checkpointInterval = Duration.ZERO;

  @AfterEach
  void closeForwarders() {
    forwarders.forEach(LogForwarder::close);
  }

  LogForwarder forwarder(LogForwarderSettings settings, LogSink... sinks) {
    return forwarder(settings, SinkRejectionListener.NONE, sinks);
  }

  LogForwarder forwarder(LogForwarderSettings settings, SinkRejectionListener listener,
      LogSink... sinks) {
    LogForwarder forwarder = new LogForwarder(new CloudWatchLogsGateway(logs),
        settings.withCheckpointInterval(checkpointInterval),
        List.of(sinks), LogRedactor.defaults(), store, listener, registry, clock);
    forwarders.add(forwarder);
    return forwarder;
  }

  /** Runs all due work, then moves the clock 10 ms, until {@code span} has passed. */
  void drive(LogForwarder forwarder, Duration span) {
    long end = clock.millis() + span.toMillis();
    while (clock.millis() < end) {
      while (forwarder.runDueWork()) {
        // keep going while work is due
      }
      clock.advance(Duration.ofMillis(10));
    }
  }

  List<Long> times(String operation) {
    return logs.calls(operation).stream().map(FakeLogsClient.Call::atMillis).toList();
  }

  /** When each read of one stream was made: a GetLogEvents, or a FilterLogEvents naming it. */
  List<Long> reads(String stream) {
    List<FakeLogsClient.Call> reads = new ArrayList<>(logs.calls(LogForwarder.GET_LOG_EVENTS));
    reads.addAll(logs.calls(LogForwarder.FILTER_LOG_EVENTS));
    return reads.stream().filter(c -> c.read(stream)).map(FakeLogsClient.Call::atMillis)
        .sorted().toList();
  }

  /** The most calls in any 1,000 ms, which is what a per-second quota counts. */
  static int maxInAnySecond(List<Long> times) {
    int max = 0;
    for (int i = 0, j = 0; i < times.size(); i++) {
      while (times.get(i) - times.get(j) >= 1_000) {
        j++;
      }
      max = Math.max(max, i - j + 1);
    }
    return max;
  }

  static LogSourceKey key(int job) {
    return new LogSourceKey("SecureTrainingJob", "team", "job-" + job, "uid-" + job);
  }

  static LogTarget target(int job, boolean finished) {
    return new LogTarget(key(job), "job-" + job, GROUP, "job-" + job + "/", finished, null);
  }

  static List<String> lines(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
  }
}
