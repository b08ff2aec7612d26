package dev.secureml.operator.sagemaker;

/** What a failed AWS call means for the caller: whether and how to try again. */
public enum ErrorKind {
  /** Retrying the same request cannot succeed: report it (validation, access, quota). */
  TERMINAL,
  /** Transient: server fault, I/O or timeout. Retry with backoff. */
  RETRYABLE,
  /** AWS asked us to slow down. Retry later, and slower. */
  THROTTLED,
  /** The resource does not exist (or no longer exists). */
  NOT_FOUND,
  /** A resource with this name exists already; check its ownership tags before adopting it. */
  ALREADY_EXISTS,
  /**
   * Not an AWS answer: the operator's own rate limiter put the call off until the caller's turn
   * ({@link RateLimitedException#retryAfter}), and the call was not made.
   */
  RATE_LIMITED;

  /** Throttled, retryable or put off: the same request may succeed later. */
  public boolean passes() {
    return this == THROTTLED || this == RETRYABLE || this == RATE_LIMITED;
  }
}
