package dev.secureml.operator.sagemaker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket per operation name, so a thousand polled jobs stay inside AWS's per-operation
 * API rates instead of tripping throttling. Buckets start full; each holds at most
 * {@code burst} tokens and refills at {@code permitsPerSecond}.
 *
 * <p>{@link #acquire} reserves its token under the bucket's lock and sleeps outside it, so
 * waiting callers are served in arrival order and never hold each other up longer than the
 * rate demands.
 */
public final class RateLimiter {
  /** Waits; injectable so tests advance a fake clock instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private final double permitsPerNano;
  private final int burst;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(double permitsPerSecond, int burst) {
    this(permitsPerSecond, burst, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
  }

  public RateLimiter(double permitsPerSecond, int burst, LongSupplier nanoTime, Sleeper sleeper) {
    if (!(permitsPerSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("need permitsPerSecond > 0 and burst >= 1, got "
          + permitsPerSecond + " and " + burst);
    }
    this.permitsPerNano = permitsPerSecond / 1e9;
    this.burst = burst;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  /**
   * Takes a token for {@code operation}, waiting as long as the rate requires.
   *
   * @throws IllegalStateException when interrupted while waiting (the interrupt flag is kept)
   */
  public void acquire(String operation) {
    long waitNanos = bucket(operation).reserve();
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
    return bucket(operation).tryTake();
  }

  private Bucket bucket(String operation) {
    return buckets.computeIfAbsent(operation, op -> new Bucket(nanoTime.getAsLong()));
  }

  private final class Bucket {
    /** May go negative: each waiting caller has reserved a future token. */
    private double tokens;
    private long lastRefill;

    Bucket(long now) {
      this.tokens = burst;
      this.lastRefill = now;
    }

    synchronized long reserve() {
      refill();
      tokens -= 1;
      return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / permitsPerNano);
    }

    synchronized boolean tryTake() {
      refill();
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }

    private void refill() {
      long now = nanoTime.getAsLong();
      long elapsed = now - lastRefill;
      if (elapsed > 0) {
        tokens = Math.min(burst, tokens + elapsed * permitsPerNano);
        lastRefill = now;
      }
    }
  }
}
