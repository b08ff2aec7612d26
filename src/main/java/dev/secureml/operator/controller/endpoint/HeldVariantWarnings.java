package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.ResourceMemory;
import io.fabric8.kubernetes.api.model.Condition;

/**
 * A variant held on its deployed model because its source training job failed raises one
 * Warning when the hold first shows, not one per pass.
 */
final class HeldVariantWarnings {
  private final EventRecorder events;
  /** The hold message last shown per endpoint uid; forgotten when the endpoint is deleted. */
  private final ResourceMemory<String> shown;

  HeldVariantWarnings(EventRecorder events, ResourceMemory<String> shown) {
    this.events = events;
    this.shown = shown;
  }

  /** Call before the conditions of this pass are written: they tell what was shown before. */
  void note(ModelEndpoint ep, ModelEndpointStatus status, ModelSourceResolver.Hold hold) {
    String uid = ep.getMetadata().getUid();
    if (hold == null) {
      shown.forget(uid);
      return;
    }
    // Shown in the conditions (survives a restart) or warned by this process (survives passes
    // whose conditions say Updating and the like, and lost status writes).
    boolean warned = Conditions.find(status.conditions, Conditions.READY)
        .map(Condition::getMessage).filter(m -> m != null && m.endsWith(hold.message()))
        .isPresent() || shown.get(uid).filter(hold.message()::equals).isPresent();
    if (hold.sourceFailed() && !warned) {
      events.warning(ep, Reason.TRAINING_JOB_FAILED, "endpoint " + status.endpointName + " keeps "
          + hold.message());
    }
    shown.put(uid, hold.message());
  }
}
