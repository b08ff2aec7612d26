package dev.secureml.operator.local.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How the emulator listens and misbehaves. {@code speed} divides every simulated duration
 * (speed 100 turns a 2-minute training phase into 1.2 s). The fault settings (rates, seed,
 * latency) apply to SageMaker requests only, so a test can blame exactly one service, unless
 * {@link FaultInjector#injectInto} widens them to Application Auto Scaling and CloudWatch Logs;
 * S3 and SageMaker Runtime always answer.
 *
 * <p>{@code logLinesPerSecond} is how many lines each training or serving container writes per
 * emulated second (so it is scaled by {@code speed} in real time; 0 leaves only the fixed
 * start-up, metric and failure lines). {@code getLogEventsPerSecond},
 * {@code describeLogStreamsPerSecond} and {@code filterLogEventsPerSecond} are CloudWatch Logs'
 * account-wide TPS quotas for those operations (AWS: 10, 5 and 5); 0 means unlimited. Over a quota the call fails with ThrottlingException, as AWS
 * does; the quotas are not random faults, so they apply even though Logs gets none.
 */
public record EmulatorOptions(
    String host,
    int port,
    double speed,
    double throttleRate,
    double serverErrorRate,
    Duration latency,
    long seed,
    String region,
    String accountId,
    double logLinesPerSecond,
    double getLogEventsPerSecond,
    double describeLogStreamsPerSecond,
    double filterLogEventsPerSecond) {

  /** Containers write about two lines per emulated second unless told otherwise. */
  public static final double DEFAULT_LOG_LINES_PER_SECOND = 2.0;

  public EmulatorOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accountId, "accountId");
    latency = latency == null ? Duration.ZERO : latency;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, was " + port);
    }
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed must be > 0, was " + speed);
    }
    checkRate("throttleRate", throttleRate);
    checkRate("serverErrorRate", serverErrorRate);
    if (throttleRate + serverErrorRate > 1) {
      throw new IllegalArgumentException("throttleRate + serverErrorRate must not exceed 1");
    }
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative");
    }
    checkNonNegative("logLinesPerSecond", logLinesPerSecond);
    checkNonNegative("getLogEventsPerSecond", getLogEventsPerSecond);
    checkNonNegative("describeLogStreamsPerSecond", describeLogStreamsPerSecond);
    checkNonNegative("filterLogEventsPerSecond", filterLogEventsPerSecond);
  }

  /** The options as they were before log rates and quotas: default rate, no quotas. */
  public EmulatorOptions(String host, int port, double speed, double throttleRate,
      double serverErrorRate, Duration latency, long seed, String region, String accountId) {
    this(host, port, speed, throttleRate, serverErrorRate, latency, seed, region, accountId,
        DEFAULT_LOG_LINES_PER_SECOND, 0, 0, 0);
  }

  /**
   * 127.0.0.1, any free port, real-ish speed, no faults, seed 42, us-east-1, 111122223333,
   * two log lines per emulated second, no CloudWatch Logs quotas.
   */
  public static EmulatorOptions defaults() {
    return new EmulatorOptions("127.0.0.1", 0, 1.0, 0.0, 0.0, Duration.ZERO, 42L,
        "us-east-1", "111122223333");
  }

  public EmulatorOptions withHost(String h) {
    return new EmulatorOptions(h, port, speed, throttleRate, serverErrorRate, latency, seed,
        region, accountId, logLinesPerSecond, getLogEventsPerSecond,
        describeLogStreamsPerSecond, filterLogEventsPerSecond);
  }

  public EmulatorOptions withPort(int p) {
    return new EmulatorOptions(host, p, speed, throttleRate, serverErrorRate, latency, seed,
        region, accountId, logLinesPerSecond, getLogEventsPerSecond,
        describeLogStreamsPerSecond, filterLogEventsPerSecond);
  }

  public EmulatorOptions withSpeed(double s) {
    return new EmulatorOptions(host, port, s, throttleRate, serverErrorRate, latency, seed,
        region, accountId, logLinesPerSecond, getLogEventsPerSecond,
        describeLogStreamsPerSecond, filterLogEventsPerSecond);
  }

  public EmulatorOptions withThrottleRate(double r) {
    return new EmulatorOptions(host, port, speed, r, serverErrorRate, latency, seed,
        region, accountId, logLinesPerSecond, getLogEventsPerSecond,
        describeLogStreamsPerSecond, filterLogEventsPerSecond);
  }

  public EmulatorOptions withServerErrorRate(double r) {
    return new EmulatorOptions(host, port, speed, throttleRate, r, latency, seed,
        region, accountId, logLinesPerSecond, getLogEventsPerSecond,
        describeLogStreamsPerSecond, filterLogEventsPerSecond);
  }

  public EmulatorOptions withLatency(Duration d) {
    return new EmulatorOptions(host, port, speed, throttleRate, serverErrorRate, d, seed,
        region, accountId, logLinesPerSecond, getLogEventsPerSecond,
        describeLogStreamsPerSecond, filterLogEventsPerSecond);
  }

  public EmulatorOptions withSeed(long s) {
    return new EmulatorOptions(host, port, speed, throttleRate, serverErrorRate, latency, s,
        region, accountId, logLinesPerSecond, getLogEventsPerSecond,
        describeLogStreamsPerSecond, filterLogEventsPerSecond);
  }

  /** Lines each container writes per emulated second; 0 turns the steady flow off. */
  public EmulatorOptions withLogLinesPerSecond(double rate) {
    return new EmulatorOptions(host, port, speed, throttleRate, serverErrorRate, latency, seed,
        region, accountId, rate, getLogEventsPerSecond, describeLogStreamsPerSecond,
        filterLogEventsPerSecond);
  }

  /**
   * GetLogEvents and DescribeLogStreams TPS quotas (account-wide); 0 means unlimited. The
   * FilterLogEvents quota stays as it was.
   */
  public EmulatorOptions withLogsQuota(double getLogEventsPerSecond,
      double describeLogStreamsPerSecond) {
    return withLogsQuota(getLogEventsPerSecond, describeLogStreamsPerSecond,
        filterLogEventsPerSecond);
  }

  /** CloudWatch Logs TPS quotas (account-wide, per operation); 0 means unlimited. */
  public EmulatorOptions withLogsQuota(double getLogEventsPerSecond,
      double describeLogStreamsPerSecond, double filterLogEventsPerSecond) {
    return new EmulatorOptions(host, port, speed, throttleRate, serverErrorRate, latency, seed,
        region, accountId, logLinesPerSecond, getLogEventsPerSecond,
        describeLogStreamsPerSecond, filterLogEventsPerSecond);
  }

  private static void checkNonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number >= 0, was " + value);
    }
  }

  private static void checkRate(String name, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(name + " must be within [0, 1], was " + rate);
    }
  }
}
