package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.ResourceMemory;
import dev.secureml.operator.controller.StatusConditions;

/** What a rollout pass tells: conditions on the status, Events on the resource. */
final class RolloutReport {
  private final EventRecorder events;
  private final StatusConditions conditions;
  private final HeldVariantWarnings holds;

  RolloutReport(EventRecorder events, StatusConditions conditions,
      ResourceMemory<String> holdsShown) {
    this.events = events;
    this.conditions = conditions;
    this.holds = new HeldVariantWarnings(events, holdsShown);
  }

  /** Reconciling; with a Normal Event of the same reason when {@code announce}. */
  void inProgress(ModelEndpoint ep, ModelEndpointStatus status, Reason reason, String message,
      boolean announce) {
    conditions.inProgress(status.conditions, reason, message, generation(ep));
    if (announce) {
      events.normal(ep, reason, message);
    }
  }

  /** Ready; with a Normal Event of the same reason when {@code announce}. */
  void ready(ModelEndpoint ep, ModelEndpointStatus status, Reason reason, String message,
      boolean announce) {
    conditions.ready(status.conditions, reason, message, generation(ep));
    if (announce) {
      events.normal(ep, reason, message);
    }
  }

  /** Stalled, with a Warning Event only when the reason or message is new. */
  void stalled(ModelEndpoint ep, ModelEndpointStatus status, Reason reason, String message) {
    if (conditions.stalledAnew(status.conditions, reason, message, generation(ep))) {
      events.warning(ep, reason, message);
    }
  }

  /** Before the conditions are written: a variant held on a failed source job warns once. */
  void holding(ModelEndpoint ep, ModelEndpointStatus status, ModelSourceResolver.Hold hold) {
    holds.note(ep, status, hold);
  }

  void normal(ModelEndpoint ep, Reason reason, String message) {
    events.normal(ep, reason, message);
  }

  void warning(ModelEndpoint ep, Reason reason, String message) {
    events.warning(ep, reason, message);
  }

  private static Long generation(ModelEndpoint ep) {
    return ep.getMetadata().getGeneration();
  }
}
