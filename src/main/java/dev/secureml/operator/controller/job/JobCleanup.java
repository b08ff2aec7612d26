package dev.secureml.operator.controller.job;

import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.DeletionRetry;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.InternalErrors;
import dev.secureml.operator.controller.RetryBackoff;
import dev.secureml.operator.sagemaker.ResourceOwner;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import dev.secureml.operator.sagemaker.SageMakerNames;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A deleted resource: its running job is stopped (deletionPolicy Delete) or left as it is
 * (Retain), and only a job the ownership tags say is the resource's is ever stopped. A failed
 * Stop keeps the finalizer and is tried again; nothing is left behind by accident.
 */
final class JobCleanup<R extends CustomResource<?, S>, S, D> {
  private final JobKind<R, S, ?, ?, D> kind;
  private final EventRecorder events;
  private final RetryBackoff backoff;
  private final InternalErrors internalErrors;
  private final Function<R, DeleteControl> forget;

  /** @param forget drops what the operator keeps for the resource; returns the final control */
  JobCleanup(JobKind<R, S, ?, ?, D> kind, EventRecorder events, RetryBackoff backoff,
      InternalErrors internalErrors, Function<R, DeleteControl> forget) {
    this.kind = kind;
    this.events = events;
    this.backoff = backoff;
    this.internalErrors = internalErrors;
    this.forget = forget;
  }

  DeleteControl stopAndForget(R resource, KubernetesClient client) {
    S status = resource.getStatus();
    String recordedName = status == null ? null : kind.fields(status).jobName();
    boolean recorded = recordedName != null;
    String name = recorded ? recordedName
        : SageMakerNames.forResource(ResourceOwner.of(resource.getMetadata()));
    String job = "SageMaker " + kind.noun().words() + " " + name;
    if (kind.retainsOnDelete(resource)) {
      if (recorded) {
        events.normal(resource, Reason.RETAINED, "deletionPolicy is Retain: " + job
            + " is left as it is");
      }
      return forget.apply(resource);
    }
    try {
      stopIfOwned(resource, name, job, recorded);
      return forget.apply(resource);
    } catch (SageMakerCallException e) {
      return DeletionRetry.keepFinalizer(resource, e, backoff, events, Reason.STOP_FAILED);
    } catch (RuntimeException e) {
      List<Condition> current = status == null || kind.fields(status).conditions() == null
          ? new ArrayList<>() : kind.fields(status).conditions();
      return internalErrors.duringCleanup(resource, current, e,
          backoff.next(resource.getMetadata().getUid()), client);
    }
  }

  private void stopIfOwned(R resource, String name, String job, boolean recorded) {
    Optional<D> described = kind.describe(name);
    if (described.isEmpty()) {
      return;
    }
    D d = described.get();
    // A name, recorded or derived, proves nothing: only the ownership tags do.
    if (!kind.jobs().isOwned(kind.arnOf(d), ResourceOwner.of(resource.getMetadata()))) {
      if (recorded) {
        events.warning(resource, Reason.NOT_OWNED, "left " + job + " untouched: it is not owned by "
            + "this resource");
      }
      return;
    }
    if (kind.running(d)) {
      kind.stop(name);
      events.normal(resource, Reason.STOP_REQUESTED, "stopping " + job + " because the "
          + resource.getKind() + " was deleted (deletionPolicy Delete)");
    }
  }
}
