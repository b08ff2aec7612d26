package dev.secureml.operator.controller;

import dev.secureml.operator.api.Reason;
import dev.secureml.operator.sagemaker.ErrorKind;
import dev.secureml.operator.sagemaker.RateLimitedException;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Throttling and transient AWS faults: wait with the resource's backoff, and say so with one
 * Warning Event when a streak of retries starts, not on every attempt. The conditions stay as
 * they are: a throttled call says nothing about the resource.
 *
 * <p>A call the operator's own rate limiter put off is neither: nothing failed, so there is no
 * Event and the backoff does not grow; the resource simply looks again at its turn.
 */
public final class TransientRetry {
  /**
   * How long before its turn a caller comes back: the limiter honours a ticket up to its turn,
   * not after, so the caller arrives early and waits the rest (within the limiter's longest wait).
   */
  static final Duration EARLY = Duration.ofMillis(100);
  /** At most this much jitter, so callers deferred together do not return together. */
  private static final Duration MAX_JITTER = Duration.ofMillis(50);

  private TransientRetry() {}

  /** Backs off, or looks again at the resource's turn when the rate limiter put the call off. */
  public static Duration after(HasMetadata resource, SageMakerCallException e,
      RetryBackoff backoff, EventRecorder events) {
    return deferral(e).orElseGet(() -> backOff(resource, e.kind(), e.getMessage(), backoff,
        events));
  }

  public static Duration backOff(HasMetadata resource, ErrorKind kind, String message,
      RetryBackoff backoff, EventRecorder events) {
    String uid = resource.getMetadata().getUid();
    Duration wait = backoff.next(uid);
    if (backoff.attempts(uid) == 1) {
      events.warning(resource, kind == ErrorKind.THROTTLED ? Reason.THROTTLED
          : Reason.AWS_UNAVAILABLE,
          message + "; retrying with backoff");
    }
    return wait;
  }

  /**
   * When to look again if the operator's rate limiter put the call off: a little before the
   * caller's turn, plus a little jitter that never makes it late. The limiter already gives each
   * waiting caller its own turn, one interval after the previous; the jitter spreads callers it
   * could not name. A turn too near to come early for (a limiter that never waits) is looked at
   * when it comes. Empty for anything else.
   */
  public static Optional<Duration> deferral(SageMakerCallException e) {
    if (!(e instanceof RateLimitedException limited)) {
      return Optional.empty();
    }
    Duration turn = limited.retryAfter();
    long jitterCeiling = Math.min(MAX_JITTER.toNanos(), turn.toNanos() / 10);
    long jitter = ThreadLocalRandom.current().nextLong(jitterCeiling + 1);
    Duration base = turn.compareTo(EARLY.multipliedBy(2)) > 0 ? turn.minus(EARLY) : turn;
    return Optional.of(base.plusNanos(jitter));
  }
}
