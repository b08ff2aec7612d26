package dev.secureml.operator.controller.job;

import dev.secureml.operator.sagemaker.RateLimitedException;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import java.util.Optional;

/** What one Describe of a submitted job gave: the job's state, no job, or a failed call. */
public sealed interface Observed {
  record Found(JobState state) implements Observed {}

  record NotFound() implements Observed {}

  record DescribeFailed(Failure failure, String message) implements Observed {}

  /** How a failed Describe passes. */
  enum Failure {
    /** The operator's rate limiter put the call off: nothing failed, look again at its turn. */
    DEFERRED,
    /** Throttled or a server fault: look again with backoff. */
    TRANSIENT,
    /** Access denied, an expired token...: fixable outside the operator only. */
    LASTING
  }

  /** Found with the job's state, or NotFound when Describe found no job of that name. */
  static Observed of(Optional<JobState> state) {
    return state.<Observed>map(Found::new).orElseGet(NotFound::new);
  }

  static DescribeFailed failed(SageMakerCallException e) {
    Failure failure = e instanceof RateLimitedException ? Failure.DEFERRED
        : e.kind().passes() ? Failure.TRANSIENT : Failure.LASTING;
    return new DescribeFailed(failure, e.getMessage());
  }
}
