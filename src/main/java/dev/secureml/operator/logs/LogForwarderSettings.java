package dev.secureml.operator.logs;

import java.time.Duration;
import java.util.Objects;

/**
 * How fast the forwarder may call CloudWatch Logs and how it spreads its calls.
 *
 * @param getLogEventsPerSecond the account's GetLogEvents budget this operator may use, shared
 *     by every stream of every resource (the AWS quota is per account and region)
 * @param describeStreamsPerSecond the same for DescribeLogStreams (stream discovery)
 * @param pageLimit events per GetLogEvents or FilterLogEvents call, 1-10,000
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
 * @param filterReads whether and how streams are read many per call with FilterLogEvents
 * @param checkpointInterval the shortest time between two saves of one resource's checkpoint
 *     while its streams run; zero saves after every page. Progress in between is saved when
 *     the interval is over, when a stream ends, and when the forwarder closes, so only a crash
 *     (not a restart) sends lines again, with the same event ids. It bounds the status writes
 *     to about one per resource per interval however often its streams are read
 */
public record LogForwarderSettings(double getLogEventsPerSecond, double describeStreamsPerSecond,
    int pageLimit, int tailLines, Duration busyInterval, Duration quietMaxInterval,
    Duration discoveryInterval, Duration finishGrace, Duration closeGrace,
    Duration rejectedRetry, Duration rejectedRetryMax, FilterReads filterReads,
    Duration checkpointInterval) {
  /**
   * Reading many streams per call. GetLogEvents reads one stream per call, so at its quota
   * (10/s) a thousand busy streams are each read once every 100 s; one FilterLogEvents call
   * reads up to 100 streams of a group, so its lower quota (5/s) reads them every 2 s.
   *
   * @param enabled every stream is read with FilterLogEvents, except streams whose saved
   *     checkpoint is a GetLogEvents token, until they catch up. False: one GetLogEvents per
   *     stream, for an account whose FilterLogEvents quota others need (the console's log
   *     search uses it)
   * @param perSecond the account's FilterLogEvents budget this operator may use (the AWS quota
   *     is 5 per second per account and region)
   * @param overlap how far behind a stream's newest forwarded line each read starts again, so
   *     lines CloudWatch makes searchable late are still forwarded ({@link Watermark})
   */
  public record FilterReads(boolean enabled, double perSecond, Duration overlap) {
    public FilterReads {
      positive("filterReads.perSecond", perSecond);
      Objects.requireNonNull(overlap, "filterReads.overlap");
      if (overlap.isNegative()) {
        throw new IllegalArgumentException("filterReads.overlap must not be negative, was "
            + overlap);
      }
    }

    /** On, 5 calls/s, 10 s overlap. */
    public static FilterReads defaults() {
      return new FilterReads(true, 5, Duration.ofSeconds(10));
    }

    /** Off: one GetLogEvents per stream. */
    public FilterReads disabled() {
      return new FilterReads(false, perSecond, overlap);
    }
  }

  /** The grace {@link #defaults} and the seven-argument constructor use. */
  public static final Duration DEFAULT_FINISH_GRACE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REJECTED_RETRY = Duration.ofMinutes(2);
  public static final Duration DEFAULT_REJECTED_RETRY_MAX = Duration.ofMinutes(16);
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

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
    Objects.requireNonNull(filterReads, "filterReads");
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    if (checkpointInterval.isNegative()) {
      throw new IllegalArgumentException("checkpointInterval must not be negative, was "
          + checkpointInterval);
    }
  }

  /** Settings with the default finish grace (30 s), close grace and rejection retries. */
  public LogForwarderSettings(double getLogEventsPerSecond, double describeStreamsPerSecond,
      int pageLimit, int tailLines, Duration busyInterval, Duration quietMaxInterval,
      Duration discoveryInterval) {
    this(getLogEventsPerSecond, describeStreamsPerSecond, pageLimit, tailLines, busyInterval,
        quietMaxInterval, discoveryInterval, DEFAULT_FINISH_GRACE, DEFAULT_CLOSE_GRACE,
        DEFAULT_REJECTED_RETRY, DEFAULT_REJECTED_RETRY_MAX, FilterReads.defaults(),
        DEFAULT_CHECKPOINT_INTERVAL);
  }

  /**
   * The AWS quotas: 10 GetLogEvents/s, 5 FilterLogEvents/s (reading many streams per call,
   * 10 s overlap), 5 DescribeLogStreams/s; 10,000-line pages (the API's most), 20 tail lines,
   * 1/30/10 s intervals, 30 s finish grace, 10 s close grace, a resource's checkpoint saved at
   * most every 10 s; a rejected stream is offered again after 2 minutes, then 4, 8 and every
   * 16.
   */
  public static LogForwarderSettings defaults() {
    return new LogForwarderSettings(10, 5, CloudWatchLogsGateway.MAX_LIMIT, 20,
        Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10));
  }

  /** How streams are read many per call; {@link FilterReads#disabled} reads one per call. */
  public LogForwarderSettings withFilterReads(FilterReads reads) {
    return new LogForwarderSettings(getLogEventsPerSecond, describeStreamsPerSecond, pageLimit,
        tailLines, busyInterval, quietMaxInterval, discoveryInterval, finishGrace, closeGrace,
        rejectedRetry, rejectedRetryMax, reads, checkpointInterval);
  }

  /** Zero: a resource's checkpoint is saved after every page. */
  public LogForwarderSettings withCheckpointInterval(Duration interval) {
    return new LogForwarderSettings(getLogEventsPerSecond, describeStreamsPerSecond, pageLimit,
        tailLines, busyInterval, quietMaxInterval, discoveryInterval, finishGrace, closeGrace,
        rejectedRetry, rejectedRetryMax, filterReads, interval);
  }

  /** One GetLogEvents per stream, as before FilterLogEvents was used. */
  public LogForwarderSettings withoutFilterReads() {
    return withFilterReads(filterReads.disabled());
  }

  public LogForwarderSettings withFilterLogEventsPerSecond(double perSecond) {
    return withFilterReads(new FilterReads(filterReads.enabled(), perSecond,
        filterReads.overlap()));
  }

  public LogForwarderSettings withGetLogEventsPerSecond(double perSecond) {
    return new LogForwarderSettings(perSecond, describeStreamsPerSecond, pageLimit, tailLines,
        busyInterval, quietMaxInterval, discoveryInterval, finishGrace, closeGrace,
        rejectedRetry, rejectedRetryMax, filterReads, checkpointInterval);
  }

  public LogForwarderSettings withDescribeStreamsPerSecond(double perSecond) {
    return new LogForwarderSettings(getLogEventsPerSecond, perSecond, pageLimit, tailLines,
        busyInterval, quietMaxInterval, discoveryInterval, finishGrace, closeGrace,
        rejectedRetry, rejectedRetryMax, filterReads, checkpointInterval);
  }

  public LogForwarderSettings withPageLimit(int limit) {
    return new LogForwarderSettings(getLogEventsPerSecond, describeStreamsPerSecond, limit,
        tailLines, busyInterval, quietMaxInterval, discoveryInterval, finishGrace, closeGrace,
        rejectedRetry, rejectedRetryMax, filterReads, checkpointInterval);
  }

  public LogForwarderSettings withTailLines(int lines) {
    return new LogForwarderSettings(getLogEventsPerSecond, describeStreamsPerSecond, pageLimit,
        lines, busyInterval, quietMaxInterval, discoveryInterval, finishGrace, closeGrace,
        rejectedRetry, rejectedRetryMax, filterReads, checkpointInterval);
  }

  /** Busy, quiet-maximum and discovery intervals together: tests and benchmarks shrink them. */
  public LogForwarderSettings withIntervals(Duration busy, Duration quietMax, Duration discovery) {
    return new LogForwarderSettings(getLogEventsPerSecond, describeStreamsPerSecond, pageLimit,
        tailLines, busy, quietMax, discovery, finishGrace, closeGrace, rejectedRetry,
        rejectedRetryMax, filterReads, checkpointInterval);
  }

  /** Zero: a stream's end counts as final as soon as the source has finished. */
  public LogForwarderSettings withFinishGrace(Duration grace) {
    return new LogForwarderSettings(getLogEventsPerSecond, describeStreamsPerSecond, pageLimit,
        tailLines, busyInterval, quietMaxInterval, discoveryInterval, grace, closeGrace,
        rejectedRetry, rejectedRetryMax, filterReads, checkpointInterval);
  }

  public LogForwarderSettings withCloseGrace(Duration grace) {
    return new LogForwarderSettings(getLogEventsPerSecond, describeStreamsPerSecond, pageLimit,
        tailLines, busyInterval, quietMaxInterval, discoveryInterval, finishGrace, grace,
        rejectedRetry, rejectedRetryMax, filterReads, checkpointInterval);
  }

  /** The first wait after a sink rejected a stream's batch for good, and the longest. */
  public LogForwarderSettings withRejectedRetry(Duration first, Duration max) {
    return new LogForwarderSettings(getLogEventsPerSecond, describeStreamsPerSecond, pageLimit,
        tailLines, busyInterval, quietMaxInterval, discoveryInterval, finishGrace, closeGrace,
        first, max, filterReads, checkpointInterval);
  }

  private static void positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) { // infinity would leave the budget unbounded
      throw new IllegalArgumentException(name + " must be finite and > 0, was " + value);
    }
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
