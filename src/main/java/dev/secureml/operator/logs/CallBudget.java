package dev.secureml.operator.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * One CloudWatch Logs operation's share of the account quota, for the whole operator: at most
 * {@code permits} calls in any window of {@code windowMillis} (10/s gives 10 calls in any
 * second, never 11), and a pause that grows while AWS answers with throttling, because then
 * someone else in the account is using the same quota.
 *
 * <p>A sliding window rather than a refilling bucket: a bucket with burst b lets b + rate calls
 * into one second, which is exactly what a per-second quota counts. A call holds its place in
 * the window until it completes ({@link Ticket#done}): AWS counts it when the request arrives,
 * somewhere between send and reply, and network delays must not squeeze 11 arrivals into a
 * second that saw only 10 sends.
 */
final class CallBudget {
  static final long FIRST_PAUSE_MILLIS = 1_000;
  static final long MAX_PAUSE_MILLIS = 30_000;

  private final String operation;
  private final int permits;
  private final long windowMillis;
  /** Calls in the window: completion times, or {@link Long#MAX_VALUE} while in flight. */
  private final List<Ticket> recentCalls = new ArrayList<>();
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
    long oldest = Long.MAX_VALUE;
    for (Ticket call : recentCalls) {
      oldest = Math.min(oldest, call.at);
    }
    // All in flight: a completion wakes the scheduler; until then look again shortly.
    return oldest == Long.MAX_VALUE ? 10 : oldest + windowMillis - now;
  }

  /** Takes a call from the budget if one is free now; null when none is. */
  synchronized Ticket tryTake(long now) {
    if (waitMillis(now) > 0) {
      return null;
    }
    Ticket ticket = new Ticket();
    recentCalls.add(ticket);
    return ticket;
  }

  /** Books calls already made without asking (the later pages of a paginated listing). */
  synchronized void charge(long now, int calls) {
    for (int i = 0; i < calls; i++) {
      Ticket ticket = new Ticket();
      ticket.at = now;
      recentCalls.add(ticket);
    }
  }

  /** One call's place in the window. */
  final class Ticket {
    private long at = Long.MAX_VALUE;

    /**
     * The call has returned (or failed): from the end of this millisecond on it ages out of the
     * window. Not from its start: the clock truncates, and a call that arrived and returned
     * within millisecond {@code now} may have arrived after it began.
     */
    void done(long now) {
      synchronized (CallBudget.this) {
        at = Math.min(at, now + 1);
      }
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
    recentCalls.removeIf(call -> call.at != Long.MAX_VALUE && call.at + windowMillis <= now);
  }
}
