package dev.secureml.operator.sagemaker;

import java.time.Duration;

/**
 * The operator's own rate limiter put a call off: the operation's budget is taken until the
 * caller's turn, {@link #retryAfter} from now, so the call was not made. It is not an AWS answer
 * and says nothing about the resource: the caller looks again at its turn, without a condition,
 * an Event or a longer backoff. A caller named with {@link CallerScope} keeps its turn.
 */
public final class RateLimitedException extends SageMakerCallException {
  public static final String CODE = "RateLimited";

  private final Duration retryAfter;

  public RateLimitedException(String service, String operation, Duration retryAfter) {
    super(service, operation, ErrorKind.RATE_LIMITED, CODE, "not called yet: the operator's "
        + "budget for " + operation + " is taken until this caller's turn in "
        + retryAfter.toMillis() + " ms", null, null);
    this.retryAfter = retryAfter;
  }

  /** How long until the caller's turn. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** The same deferral, named for a call to {@code service}. */
  RateLimitedException forService(String service) {
    return service.equals(service()) ? this
        : new RateLimitedException(service, operation(), retryAfter);
  }
}
