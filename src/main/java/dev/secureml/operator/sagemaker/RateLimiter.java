package dev.secureml.operator.sagemaker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket per operation name, so a thousand polled jobs stay inside AWS's per-operation
 * API rates instead of tripping throttling. Buckets start full; each holds at most
 * {@code burst} tokens and refills at {@code permitsPerSecond}.
 *
 * <p>A caller waits for its token only when its turn is at most {@code maxWait} away (one
 * second by default); the token is reserved under the bucket's lock and the wait happens outside
 * it. A turn further off is not waited for, since a reconcile thread parked for minutes starves
 * every other resource: {@link #acquire} throws {@link RateLimitedException} saying when the
 * turn comes. A caller named by {@link CallerScope} keeps that turn as a ticket and calls when
 * it comes back, so callers are served in the order they first asked, and each is told a
 * different turn, one interval after the previous, instead of all coming back at once.
 *
 * <p>A ticket is good until its turn and not after, so a holder should come back a little early
 * and wait the rest: any window of length T then sees at most {@code burst + rate x T} calls,
 * tickets included. A holder back late has lost its turn and asks again like a newcomer
 * ({@link #lapsedTickets} counts how often).
 */
public final class RateLimiter {
  /** How long a caller may wait for its turn before it is told to come back later. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);

  /** Waits; injectable so tests advance a fake clock instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private final double permitsPerNano;
  private final int burst;
  private final long maxWaitNanos;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(double permitsPerSecond, int burst) {
    this(permitsPerSecond, burst, DEFAULT_MAX_WAIT, System::nanoTime,
        TimeUnit.NANOSECONDS::sleep);
  }

  public RateLimiter(double permitsPerSecond, int burst, LongSupplier nanoTime, Sleeper sleeper) {
    this(permitsPerSecond, burst, DEFAULT_MAX_WAIT, nanoTime, sleeper);
  }

  public RateLimiter(double permitsPerSecond, int burst, Duration maxWait, LongSupplier nanoTime,
      Sleeper sleeper) {
    if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond) || burst < 1) {
      throw new IllegalArgumentException("need permitsPerSecond > 0 and burst >= 1, got "
          + permitsPerSecond + " and " + burst);
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative, got " + maxWait);
    }
    this.permitsPerNano = permitsPerSecond / 1e9;
    this.burst = burst;
    this.maxWaitNanos = maxWait.toNanos();
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  /** As {@link #acquire(String, String)} for the caller named by the thread's CallerScope. */
  public void acquire(String operation) {
    acquire(operation, CallerScope.current());
  }

  /**
   * Takes a token for {@code operation}, waiting for it at most the longest wait.
   *
   * @param caller whom the call is for; a caller told to come back keeps its turn under this
   *     name. Null: nothing is kept, and the caller asks again like a newcomer
   * @throws RateLimitedException when the turn is further off; the call must not be made now
   * @throws IllegalStateException when interrupted while waiting (the interrupt flag is kept)
   */
  public void acquire(String operation, String caller) {
    long waitNanos = bucket(operation).turn(caller, nanoTime.getAsLong());
    if (waitNanos > maxWaitNanos) {
      throw new RateLimitedException(SageMakerCallException.SAGEMAKER, operation,
          Duration.ofNanos(waitNanos));
    }
    if (waitNanos <= 0) {
      return;
    }
    try {
      sleeper.sleepNanos(waitNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to call " + operation, e);
    }
  }

  /** Takes a token for {@code operation} if one is available now; never waits. */
  public boolean tryAcquire(String operation) {
    return bucket(operation).tryTake(nanoTime.getAsLong());
  }

  /**
   * Callers told a turn for {@code operation} that passed unused (came back late, or never):
   * each lost its place and asked again like a newcomer.
   */
  public long lapsedTickets(String operation) {
    TokenBucket bucket = buckets.get(operation);
    return bucket == null ? 0 : bucket.ticketsLapsed(nanoTime.getAsLong());
  }

  /** Callers holding a turn for {@code operation}: how long its line is. */
  public int waiting(String operation) {
    TokenBucket bucket = buckets.get(operation);
    return bucket == null ? 0 : bucket.ticketsHeld(nanoTime.getAsLong());
  }

  private TokenBucket bucket(String operation) {
    return buckets.computeIfAbsent(operation, op -> new TokenBucket(permitsPerNano, burst,
        maxWaitNanos, nanoTime.getAsLong()));
  }
}
