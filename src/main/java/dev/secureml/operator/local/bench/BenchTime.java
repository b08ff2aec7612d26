package dev.secureml.operator.local.bench;

import java.time.Duration;

/** Emulated time as wall-clock time, for the operator's intervals and the runs' waits. */
final class BenchTime {
  private BenchTime() {}

  /** How long {@code emulated} takes at the emulator's {@code speed}; at least 1 ms. */
  static Duration real(Duration emulated, double speed) {
    return Duration.ofNanos(Math.max(1_000_000, (long) (emulated.toNanos() / speed)));
  }
}
