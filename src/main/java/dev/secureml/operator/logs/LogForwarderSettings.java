package dev.secureml.operator.logs;

import java.time.Duration;
import java.util.Objects;

/**
 * How fast the forwarder may call CloudWatch Logs and how it spreads its calls.
 *
 * @param getLogEventsPerSecond the account's GetLogEvents budget this operator may use, shared
 *     by every stream of every resource (the AWS quota is per account and region)
 * @param describeStreamsPerSecond the same for DescribeLogStreams (stream discovery)
 * @param pageLimit events per GetLogEvents call, 1-10,000
 * @param tailLines how many of the newest lines a resource's status keeps
 * @param busyInterval how soon a stream that just returned lines is read again
 * @param quietMaxInterval the longest a stream with nothing new waits between reads
 * @param discoveryInterval how often a running resource is checked for new streams
 * @param finishGrace how long after a resource is reported finished its streams are still
 *     looked for and read before reaching a stream's end counts as final: CloudWatch can
 *     receive a container's last lines a little after SageMaker reports the job ended
 */
public record LogForwarderSettings(double getLogEventsPerSecond, double describeStreamsPerSecond,
    int pageLimit, int tailLines, Duration busyInterval, Duration quietMaxInterval,
    Duration discoveryInterval, Duration finishGrace) {
  /** The grace {@link #defaults} and the seven-argument constructor use. */
  public static final Duration DEFAULT_FINISH_GRACE = Duration.ofSeconds(30);

  public LogForwarderSettings {
    positive("getLogEventsPerSecond", getLogEventsPerSecond);
    positive("describeStreamsPerSecond", describeStreamsPerSecond);
    if (pageLimit < 1 || pageLimit > CloudWatchLogsGateway.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "pageLimit must be 1-" + CloudWatchLogsGateway.MAX_LIMIT + ", was " + pageLimit);
    }
    if (tailLines < 0) {
      throw new IllegalArgumentException("tailLines must not be negative, was " + tailLines);
    }
    positive("busyInterval", busyInterval);
    positive("quietMaxInterval", quietMaxInterval);
    positive("discoveryInterval", discoveryInterval);
    if (quietMaxInterval.compareTo(busyInterval) < 0) {
      throw new IllegalArgumentException("quietMaxInterval must not be shorter than busyInterval");
    }
    Objects.requireNonNull(finishGrace, "finishGrace");
    if (finishGrace.isNegative()) {
      throw new IllegalArgumentException("finishGrace must not be negative, was " + finishGrace);
    }
  }

  /** Settings with the default finish grace (30 s). */
  public LogForwarderSettings(double getLogEventsPerSecond, double describeStreamsPerSecond,
      int pageLimit, int tailLines, Duration busyInterval, Duration quietMaxInterval,
      Duration discoveryInterval) {
    this(getLogEventsPerSecond, describeStreamsPerSecond, pageLimit, tailLines, busyInterval,
        quietMaxInterval, discoveryInterval, DEFAULT_FINISH_GRACE);
  }

  /**
   * 10 GetLogEvents/s, 5 DescribeLogStreams/s, 1000-line pages, 20 tail lines, 1/30/10 s
   * intervals, 30 s finish grace.
   */
  public static LogForwarderSettings defaults() {
    return new LogForwarderSettings(10, 5, 1000, 20, Duration.ofSeconds(1),
        Duration.ofSeconds(30), Duration.ofSeconds(10), DEFAULT_FINISH_GRACE);
  }

  public LogForwarderSettings withGetLogEventsPerSecond(double perSecond) {
    return new LogForwarderSettings(perSecond, describeStreamsPerSecond, pageLimit, tailLines,
        busyInterval, quietMaxInterval, discoveryInterval, finishGrace);
  }

  public LogForwarderSettings withDescribeStreamsPerSecond(double perSecond) {
    return new LogForwarderSettings(getLogEventsPerSecond, perSecond, pageLimit, tailLines,
        busyInterval, quietMaxInterval, discoveryInterval, finishGrace);
  }

  public LogForwarderSettings withPageLimit(int limit) {
    return new LogForwarderSettings(getLogEventsPerSecond, describeStreamsPerSecond, limit,
        tailLines, busyInterval, quietMaxInterval, discoveryInterval, finishGrace);
  }

  public LogForwarderSettings withTailLines(int lines) {
    return new LogForwarderSettings(getLogEventsPerSecond, describeStreamsPerSecond, pageLimit,
        lines, busyInterval, quietMaxInterval, discoveryInterval, finishGrace);
  }

  /** Busy, quiet-maximum and discovery intervals together: tests and benchmarks shrink them. */
  public LogForwarderSettings withIntervals(Duration busy, Duration quietMax, Duration discovery) {
    return new LogForwarderSettings(getLogEventsPerSecond, describeStreamsPerSecond, pageLimit,
        tailLines, busy, quietMax, discovery, finishGrace);
  }

  /** Zero: a stream's end counts as final as soon as the source has finished. */
  public LogForwarderSettings withFinishGrace(Duration grace) {
    return new LogForwarderSettings(getLogEventsPerSecond, describeStreamsPerSecond, pageLimit,
        tailLines, busyInterval, quietMaxInterval, discoveryInterval, grace);
  }

  private static void positive(String name, double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
