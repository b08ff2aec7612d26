package dev.secureml.operator.local.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * One CloudWatch Logs TPS quota: an account-wide limit on one operation, kept as a sliding
 * window. At a rate of at least 1, at most {@code floor(rate)} calls are accepted in any one
 * second; below 1, one call per {@code 1/rate} seconds. Rejected calls do not count. A rate of
 * 0 means no limit.
 */
final class LogsQuota {
  private final long windowNanos;
  private final int permits;
  private final LongSupplier nanoTime;
  private final Deque<Long> accepted = new ArrayDeque<>();

  LogsQuota(double perSecond, LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    if (perSecond <= 0) {
      windowNanos = 0;
      permits = Integer.MAX_VALUE;
    } else if (perSecond >= 1) {
      windowNanos = 1_000_000_000L;
      permits = (int) Math.min(Integer.MAX_VALUE, Math.floor(perSecond));
    } else {
      windowNanos = Math.round(1e9 / perSecond);
      permits = 1;
    }
  }

  static LogsQuota unlimited() {
    return new LogsQuota(0, System::nanoTime);
  }

  boolean isUnlimited() {
    return windowNanos == 0;
  }

  /** Counts the call, or throws ThrottlingException when the window is full. */
  void acquire() {
    if (isUnlimited()) {
      return;
    }
    synchronized (accepted) {
      long now = nanoTime.getAsLong();
      while (!accepted.isEmpty() && now - accepted.peekFirst() >= windowNanos) {
        accepted.pollFirst();
      }
      if (accepted.size() >= permits) {
        throw new AwsServiceException("ThrottlingException", "Rate exceeded");
      }
      accepted.addLast(now);
    }
  }
}
