package dev.secureml.operator.controller;

import dev.secureml.operator.api.Reason;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Duration;

/**
 * Never leave an orphan by accident: when cleaning up in SageMaker fails, keep the finalizer and
 * try again with backoff; a failure that will not clear by itself gets a Warning Event saying how
 * to let go. A call the operator's rate limiter put off is tried again at its turn.
 */
public final class DeletionRetry {
  private DeletionRetry() {}

  public static DeleteControl keepFinalizer(HasMetadata resource, SageMakerCallException e,
      RetryBackoff backoff, EventRecorder events, Reason reason) {
    var turn = TransientRetry.deferral(e);
    if (turn.isPresent()) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(turn.get().toMillis());
    }
    Duration wait = backoff.next(resource.getMetadata().getUid());
    if (!e.kind().passes()) {
      events.warning(resource, reason, e.getMessage() + "; retrying in " + wait.toSeconds()
          + " s (set spec.deletionPolicy: Retain to release the resource)");
    }
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(wait.toMillis());
  }
}
