package dev.secureml.operator.local.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Wall-clock time plus the speed factor. Timestamps the emulator reports are real wall-clock
 * instants, so they agree with the caller's clock and with log event times; durations it
 * reports (TrainingTimeInSeconds) and limits it enforces (MaxRuntimeInSeconds) are in emulated
 * seconds, which pass {@code speed} times faster than real ones.
 */
final class EmulatedClock {
  private final Clock wall;
  private final double speed;

  EmulatedClock(Clock wall, double speed) {
    this.wall = wall;
    this.speed = speed;
  }

  Instant now() {
    return wall.instant();
  }

  /** How long {@code emulatedSeconds} last in real time. */
  Duration real(double emulatedSeconds) {
    return Duration.ofNanos(Math.round(emulatedSeconds / speed * 1e9));
  }

  /** Emulated seconds between two real instants. */
  double emulatedSeconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9 * speed;
  }
}
