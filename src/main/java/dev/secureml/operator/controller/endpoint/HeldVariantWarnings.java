package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.controller.EventRecorder;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A variant held on its deployed model because its source training job failed raises one
 * Warning when the hold first shows, not one per pass.
 */
final class HeldVariantWarnings {
  private final EventRecorder events;
  /** The hold message last shown per endpoint uid. */
  private final Map<String, String> shown = new ConcurrentHashMap<>();

  HeldVariantWarnings(EventRecorder events) {
    this.events = events;
  }

  /** Call before the conditions of this pass are written: they tell what was shown before. */
  void note(ModelEndpoint ep, ModelEndpointStatus status, ModelSourceResolver.Hold hold) {
    String uid = ep.getMetadata().getUid();
    if (hold == null) {
      shown.remove(uid);
      return;
    }
    // Shown in the conditions (survives a restart) or warned by this process (survives passes
    // whose conditions say Updating and the like, and lost status writes).
    boolean warned = Conditions.find(status.conditions, Conditions.READY)
        .map(Condition::getMessage).filter(m -> m != null && m.endsWith(hold.message()))
        .isPresent() || hold.message().equals(shown.get(uid));
    if (hold.sourceFailed() && !warned) {
      events.warning(ep, "TrainingJobFailed", "endpoint " + status.endpointName + " keeps "
          + hold.message());
    }
    shown.put(uid, hold.message());
  }

  void forget(String uid) {
    shown.remove(uid);
  }

  /** How many endpoints it remembers, for the test that a deleted one is forgotten. */
  int remembered() {
    return shown.size();
  }
}
