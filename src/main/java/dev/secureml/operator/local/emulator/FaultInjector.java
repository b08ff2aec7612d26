package dev.secureml.operator.local.emulator;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;

/**
 * Decides, from a seeded random sequence, which requests fail as a busy AWS would: throttling
 * (HTTP 400 "Rate exceeded", which SDKs retry with back-off) or a server fault (500/503).
 * The same seed and request order give the same faults, so a flaky-looking test can be replayed.
 */
final class FaultInjector {
  private final double throttleRate;
  private final double serverErrorRate;
  private final Duration latency;
  private final Random random;

  FaultInjector(double throttleRate, double serverErrorRate, Duration latency, long seed) {
    this.throttleRate = throttleRate;
    this.serverErrorRate = serverErrorRate;
    this.latency = latency;
    this.random = new Random(seed);
  }

  static FaultInjector none() {
    return new FaultInjector(0, 0, Duration.ZERO, 0);
  }

  /** The fault to answer this request with, if any. */
  Optional<AwsServiceException> nextFault() {
    if (throttleRate == 0 && serverErrorRate == 0) {
      return Optional.empty();
    }
    double draw;
    boolean unavailable;
    synchronized (random) {
      draw = random.nextDouble();
      unavailable = random.nextBoolean();
    }
    if (draw < throttleRate) {
      return Optional.of(new AwsServiceException("ThrottlingException", "Rate exceeded"));
    }
    if (draw < throttleRate + serverErrorRate) {
      return Optional.of(unavailable
          ? new AwsServiceException("ServiceUnavailable", "Service is unavailable", 503)
          : new AwsServiceException("InternalFailure",
              "The request processing has failed because of an unknown error", 500));
    }
    return Optional.empty();
  }

  /** Holds the calling request thread for the configured extra latency. */
  void delay() {
    if (latency.isZero()) {
      return;
    }
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
