package dev.secureml.operator.controller;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for throttled or failed AWS calls, per resource, so many
 * resources retrying at once spread out instead of hitting the API together.
 */
public class RetryBackoff {
  private final Duration base;
  private final Duration max;
  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

  public RetryBackoff(Duration base, Duration max) {
    this.base = base;
    this.max = max;
  }

  public Duration next(String uid) {
    int n = attempts.merge(uid, 1, Integer::sum);
    long ceiling = Math.min(max.toMillis(), base.toMillis() * (1L << Math.min(n - 1, 20)));
    long jittered = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    return Duration.ofMillis(Math.max(jittered, 1));
  }

  public int attempts(String uid) {
    return attempts.getOrDefault(uid, 0);
  }

  public void reset(String uid) {
    attempts.remove(uid);
  }
}
