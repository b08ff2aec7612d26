package dev.secureml.operator.local.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How the emulator listens and misbehaves. {@code speed} divides every simulated duration
 * (speed 100 turns a 2-minute training phase into 1.2 s). The fault settings apply to SageMaker
 * requests only: CloudWatch Logs and S3 stay reliable so a test can blame exactly one service.
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
    String accountId) {

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
  }

  /** 127.0.0.1, any free port, real-ish speed, no faults, seed 42, us-east-1, 111122223333. */
  public static EmulatorOptions defaults() {
    return new EmulatorOptions("127.0.0.1", 0, 1.0, 0.0, 0.0, Duration.ZERO, 42L,
        "us-east-1", "111122223333");
  }

  public EmulatorOptions withHost(String h) {
    return new EmulatorOptions(h, port, speed, throttleRate, serverErrorRate, latency, seed,
        region, accountId);
  }

  public EmulatorOptions withPort(int p) {
    return new EmulatorOptions(host, p, speed, throttleRate, serverErrorRate, latency, seed,
        region, accountId);
  }

  public EmulatorOptions withSpeed(double s) {
    return new EmulatorOptions(host, port, s, throttleRate, serverErrorRate, latency, seed,
        region, accountId);
  }

  public EmulatorOptions withThrottleRate(double r) {
    return new EmulatorOptions(host, port, speed, r, serverErrorRate, latency, seed,
        region, accountId);
  }

  public EmulatorOptions withServerErrorRate(double r) {
    return new EmulatorOptions(host, port, speed, throttleRate, r, latency, seed,
        region, accountId);
  }

  public EmulatorOptions withLatency(Duration d) {
    return new EmulatorOptions(host, port, speed, throttleRate, serverErrorRate, d, seed,
        region, accountId);
  }

  public EmulatorOptions withSeed(long s) {
    return new EmulatorOptions(host, port, speed, throttleRate, serverErrorRate, latency, s,
        region, accountId);
  }

  private static void checkRate(String name, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(name + " must be within [0, 1], was " + rate);
    }
  }
}
