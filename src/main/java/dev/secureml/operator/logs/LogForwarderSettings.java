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
 * @param closeGrace the longest {@link LogForwarder#close} takes: batches still being retried
 *     are abandoned and the accepted checkpoints saved within it. Keep it well under the pod's
 *     termination grace (30 s unless the pod says otherwise)
 * @param rejectedRetry how long a stream whose batch a sink rejected for good waits before the
 *     batch is offered again; the wait doubles with every rejection up to
 *     {@code rejectedRetryMax}
 */
public record LogForwarderSettings(double getLogEventsPerSecond, double describeStreamsPerSecond,
    int pageLimit, int tailLines, Duration busyInterval, Duration quietMaxInterval,
    Duration discoveryInterval, Duration finishGrace, Duration closeGrace,
    Duration rejectedRetry, Duration rejectedRetryMax) {
  /** The grace {@link #defaults} and the seven-argument constructor use. */
  public static final Duration DEFAULT_FINISH_GRACE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REJECTED_RETRY = Duration.ofMinutes(2);
  public static final Duration DEFAULT_REJECTED_RETRY_MAX = Duration.ofMinutes(16);

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
    positive("closeGrace", closeGrace);
    positive("rejectedRetry", rejectedRetry);
    positive("rejectedRetryMax", rejectedRetryMax);
    if (rejectedRetryMax.compareTo(rejectedRetry) < 0) {
      throw new IllegalArgumentException("rejectedRetryMax must not be shorter than rejectedRetry");
    }
  }

  /** Settings with the default finish grace (30 s), close grace and rejection retries. */
  public LogForwarderSettings(double getLogEventsPerSecond, double describeStreamsPerSecond,
      int pageLimit, int tailLines, Duration busyInterval, Duration quietMaxInterval,
      Duration discoveryInterval) {
    this(getLogEventsPerSecond, describeStreamsPerSecond, pageLimit, tailLines, busyInterval,
        quietMaxInterval, discoveryInterval, DEFAULT_FINISH_GRACE, DEFAULT_CLOSE_GRACE,
        DEFAULT_REJECTED_RETRY, DEFAULT_REJECTED_RETRY_MAX);
  }

  /**
   * 10 GetLogEvents/s, 5 DescribeLogStreams/s, 1000-line pages, 20 tail lines, 1/30/10 s
   * intervals, 30 s finish grace, 10 s close grace; a rejected stream is offered again after
   * 2 minutes, then 4, 8 and every 16.
   */
  public static LogForwarderSettings defaults() {
    return new LogForwarderSettings(10, 5, 1000, 20, Duration.ofSeconds(1),
        Duration.ofSeconds(30), Duration.ofSeconds(10));
  }

  public LogForwarderSettings withGetLogEventsPerSecond(double perSecond) {
    return new LogForwarderSettings(perSecond, describeStreamsPerSecond, pageLimit, tailLines,
        busyInterval, quietMaxInterval, discoveryInterval, finishGrace, closeGrace,
        rejectedRetry, rejectedRetryMax);
  }

  public LogForwarderSettings withDescribeStreamsPerSecond(double perSecond) {
    return new LogForwarderSettings(getLogEventsPerSecond, perSecond, pageLimit, tailLines,
        busyInterval, quietMaxInterval, discoveryInterval, finishGrace, closeGrace,
        rejectedRetry, rejectedRetryMax);
  }

  public LogForwarderSettings withPageLimit(int limit) {
    return new LogForwarderSettings(getLogEventsPerSecond, describeStreamsPerSecond, limit,
        tailLines, busyInterval, quietMaxInterval, discoveryInterval, finishGrace, closeGrace,
        rejectedRetry, rejectedRetryMax);
  }

  public LogForwarderSettings withTailLines(int lines) {
    return new LogForwarderSettings(getLogEventsPerSecond, describeStreamsPerSecond, pageLimit,
        lines, busyInterval, quietMaxInterval, discoveryInterval, finishGrace, closeGrace,
        rejectedRetry, rejectedRetryMax);
  }

  /** Busy, quiet-maximum and discovery intervals together: tests and benchmarks shrink them. */
  public LogForwarderSettings withIntervals(Duration busy, Duration quietMax, Duration discovery) {
    return new LogForwarderSettings(getLogEventsPerSecond, describeStreamsPerSecond, pageLimit,
        tailLines, busy, quietMax, discovery, finishGrace, closeGrace, rejectedRetry,
        rejectedRetryMax);
  }

  /** Zero: a stream's end counts as final as soon as the source has finished. */
  public LogForwarderSettings withFinishGrace(Duration grace) {
    return new LogForwarderSettings(getLogEventsPerSecond, describeStreamsPerSecond, pageLimit,
        tailLines, busyInterval, quietMaxInterval, discoveryInterval, grace, closeGrace,
        rejectedRetry, rejectedRetryMax);
  }

  public LogForwarderSettings withCloseGrace(Duration grace) {
    return new LogForwarderSettings(getLogEventsPerSecond, describeStreamsPerSecond, pageLimit,
        tailLines, busyInterval, quietMaxInterval, discoveryInterval, finishGrace, grace,
        rejectedRetry, rejectedRetryMax);
  }

  /** The first wait after a sink rejected a stream's batch for good, and the longest. */
  public LogForwarderSettings withRejectedRetry(Duration first, Duration max) {
    return new LogForwarderSettings(getLogEventsPerSecond, describeStreamsPerSecond, pageLimit,
        tailLines, busyInterval, quietMaxInterval, discoveryInterval, finishGrace, closeGrace,
        first, max);
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
