package dev.secureml.operator.controller;

import dev.secureml.operator.sagemaker.ErrorKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;

/**
 * Throttling and transient AWS faults: wait with the resource's backoff, and say so with one
 * Warning Event when a streak of retries starts, not on every attempt. The conditions stay as
 * they are: a throttled call says nothing about the resource.
 */
public final class TransientRetry {
  private TransientRetry() {}

  public static Duration backOff(HasMetadata resource, ErrorKind kind, String message,
      RetryBackoff backoff, EventRecorder events) {
    String uid = resource.getMetadata().getUid();
    Duration wait = backoff.next(uid);
    if (backoff.attempts(uid) == 1) {
      events.warning(resource, kind == ErrorKind.THROTTLED ? "Throttled" : "AwsUnavailable",
          message + "; retrying with backoff");
    }
    return wait;
  }
}
