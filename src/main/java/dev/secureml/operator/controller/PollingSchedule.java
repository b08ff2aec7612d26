package dev.secureml.operator.controller;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adaptive polling: poll soon after something changed, then back off while nothing changes, up to
 * a ceiling. Keyed by resource uid; forgotten when the resource settles or goes away.
 */
public class PollingSchedule {
  private final Duration min;
  private final Duration max;
  private final Map<String, Duration> current = new ConcurrentHashMap<>();

  public PollingSchedule(Duration min, Duration max) {
    if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("polling needs 0 < min <= max, got " + min + ", " + max);
    }
    this.min = min;
    this.max = max;
  }

  /** The delay before the next poll: the minimum after a change, else 1.5x the last, capped. */
  public Duration next(String uid, boolean changed) {
    return current.compute(uid, (k, last) -> {
      if (changed || last == null) {
        return min;
      }
      Duration grown = Duration.ofMillis((long) (last.toMillis() * 1.5));
      return grown.compareTo(max) > 0 ? max : grown;
    });
  }

  public void forget(String uid) {
    current.remove(uid);
  }

  public Duration min() {
    return min;
  }

  public Duration max() {
    return max;
  }
}
