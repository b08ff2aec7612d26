package dev.secureml.operator.logs;

import java.util.ArrayDeque;

/**
 * One CloudWatch Logs operation's share of the account quota, for the whole operator: at most
 * {@code permits} calls in any window of {@code windowMillis} (10/s gives 10 calls in any
 * second, never 11), and a pause that grows while AWS answers with throttling, because then
 * someone else in the account is using the same quota.
 *
 * <p>A sliding window rather than a refilling bucket: a bucket with burst b lets b + rate calls
 * into one second, which is exactly what a per-second quota counts.
 */
final class CallBudget {
  static final long FIRST_PAUSE_MILLIS = 1_000;
  static final long MAX_PAUSE_MILLIS = 30_000;

  private final String operation;
  private final int permits;
  private final long windowMillis;
  private final ArrayDeque<Long> recentCalls = new ArrayDeque<>();
  private long pausedUntil = Long.MIN_VALUE;
  private long pauseMillis;

  CallBudget(String operation, double perSecond) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException(operation + " rate must be > 0, was " + perSecond);
    }
    this.operation = operation;
    // Fractional rates become whole calls over a longer window: 0.5/s is 1 call per 2 s.
    this.permits = Math.max(1, (int) Math.floor(perSecond));
    this.windowMillis = (long) Math.ceil(permits * 1000.0 / perSecond);
  }

  String operation() {
    return operation;
  }

  /** Milliseconds until a call may be made; 0: now. */
  synchronized long waitMillis(long now) {
    evict(now);
    if (now < pausedUntil) {
      return pausedUntil - now;
    }
    if (recentCalls.size() < permits) {
      return 0;
    }
    return recentCalls.peekFirst() + windowMillis - now;
  }

  /** Takes a call from the budget if one is free now. */
  synchronized boolean tryTake(long now) {
    if (waitMillis(now) > 0) {
      return false;
    }
    recentCalls.addLast(now);
    return true;
  }

  /** Books calls already made without asking (the later pages of a paginated listing). */
  synchronized void charge(long now, int calls) {
    for (int i = 0; i < calls; i++) {
      recentCalls.addLast(now);
    }
  }

  /** AWS throttled a call: pause the whole budget, twice as long as last time (up to 30 s). */
  synchronized void throttled(long now) {
    pauseMillis = pauseMillis == 0 ? FIRST_PAUSE_MILLIS
        : Math.min(MAX_PAUSE_MILLIS, pauseMillis * 2);
    pausedUntil = Math.max(pausedUntil, now + pauseMillis);
  }

  /** A call went through: the next throttle starts the pause from its shortest again. */
  synchronized void succeeded() {
    pauseMillis = 0;
  }

  private void evict(long now) {
    while (!recentCalls.isEmpty() && recentCalls.peekFirst() + windowMillis <= now) {
      recentCalls.pollFirst();
    }
  }
}
