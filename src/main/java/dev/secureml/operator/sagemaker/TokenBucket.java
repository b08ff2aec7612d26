package dev.secureml.operator.sagemaker;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One operation's token bucket, holding at most {@code burst} tokens and refilling at a steady
 * rate, with a waiting line for callers whose turn is too far off to wait for.
 *
 * <p>Every taken turn is paid for at once, so the tokens go negative while callers wait: the
 * debt is the line, and a newcomer's turn comes after everyone already in it. A caller told to
 * come back later keeps its turn as a ticket, under its name: when it comes back around that
 * time it calls without paying again, and nobody who came after it gets ahead of it.
 *
 * <p>Every call is made at the moment its token was due, never later, which is what keeps any
 * window of length T within {@code burst + rate x T}: a ticket lapses at its turn, and a holder
 * back after it asks again like a newcomer.
 */
final class TokenBucket {
  private final double permitsPerNano;
  private final int burst;
  private final long maxWaitNanos;
  /** May go negative: taken turns not yet due, those of ticket holders included. */
  private double tokens;
  private long lastRefill;
  /** Caller -> when its turn comes. In turn order, as each new turn follows all earlier ones. */
  private final Map<String, Long> tickets = new LinkedHashMap<>();
  /** Tickets whose turn passed unused: the holder came back late, or never. */
  private long lapsed;

  /**
   * @param maxWaitNanos the longest a caller waits for its turn instead of coming back later
   */
  TokenBucket(double permitsPerNano, int burst, long maxWaitNanos, long now) {
    this.permitsPerNano = permitsPerNano;
    this.burst = burst;
    this.maxWaitNanos = maxWaitNanos;
    this.tokens = burst;
    this.lastRefill = now;
  }

  /**
   * Nanoseconds until the caller's turn. Up to the longest wait, the turn is taken: wait that
   * long, then call. Beyond it, the caller must not call now: a named caller holds a ticket for
   * that turn, an anonymous one ({@code caller} null) took nothing and asks again then.
   */
  synchronized long turn(String caller, long now) {
    refill(now);
    dropLapsedTickets(now);
    Long due = caller == null ? null : tickets.get(caller);
    if (due != null) {
      long wait = due - now;
      if (wait > maxWaitNanos) {
        return wait; // back early (woken by an event): the ticket stays
      }
      tickets.remove(caller);
      return wait; // at most its turn, as lapsed tickets are dropped; paid when it was given
    }
    long wait = tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / permitsPerNano);
    if (wait <= maxWaitNanos) {
      tokens -= 1;
    } else if (caller != null) {
      tokens -= 1;
      tickets.put(caller, now + wait);
    }
    return wait;
  }

  /** Takes a token if one is there now; never waits and never jumps the line. */
  synchronized boolean tryTake(long now) {
    refill(now);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Callers waiting with a ticket. */
  synchronized int ticketsHeld(long now) {
    dropLapsedTickets(now);
    return tickets.size();
  }

  /** Tickets so far whose turn passed unused. */
  synchronized long ticketsLapsed(long now) {
    dropLapsedTickets(now);
    return lapsed;
  }

  private void refill(long now) {
    long elapsed = now - lastRefill;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + elapsed * permitsPerNano);
      lastRefill = now;
    }
  }

  /**
   * A ticket is good until its turn, not after: its token paid for that moment, and the bucket
   * has refilled since as if it was used then, so a late call would be one more than the budget.
   */
  private void dropLapsedTickets(long now) {
    Iterator<Long> dues = tickets.values().iterator();
    while (dues.hasNext()) {
      if (dues.next() >= now) {
        return;
      }
      dues.remove();
      lapsed++;
    }
  }
}
