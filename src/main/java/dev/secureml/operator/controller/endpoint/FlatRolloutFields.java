package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.EndpointRollout;
import dev.secureml.operator.api.ModelEndpointStatus;
import java.util.List;

/**
 * The upgrade from releases that kept the rollout bookkeeping at the top of the status: their
 * values move into {@code status.rollout} on the first pass (reconcile or delete), and the old
 * fields are cleared, so nothing they named is orphaned. A value set at the top comes from the
 * release that ran last and wins; names to delete or deregister are merged, never dropped.
 */
@SuppressWarnings("deprecation") // reading the deprecated fields is the point
final class FlatRolloutFields {
  private FlatRolloutFields() {}

  /** Returns true when the status held old fields (now moved). */
  static boolean moveIntoRollout(ModelEndpointStatus status) {
    EndpointRollout r = status.rollout();
    if (!present(status)) {
      return false;
    }
    if (status.targetEndpointConfigName != null) {
      r.targetEndpointConfigName = status.targetEndpointConfigName;
      r.targetModelNames = status.targetModelNames == null ? List.of()
          : List.copyOf(status.targetModelNames);
      r.targetGeneration = status.targetGeneration;
    }
    r.failedGeneration = first(status.failedGeneration, r.failedGeneration);
    r.retire(null, status.retiredModels == null ? List.of() : status.retiredModels);
    if (status.retiredEndpointConfigs != null) {
      status.retiredEndpointConfigs.forEach(c -> r.retire(c, List.of()));
    }
    String signature = first(status.autoscalingSignature, r.autoscalingSignature);
    if (status.autoscaledVariants != null) {
      status.autoscaledVariants.forEach(r::registering);
    }
    r.autoscalingSet(signature);
    if (status.appliedTags != null && !status.appliedTags.isEmpty()) {
      r.tagsApplied(status.appliedTags);
    }
    clear(status);
    return true;
  }

  private static boolean present(ModelEndpointStatus s) {
    return s.targetEndpointConfigName != null || s.targetGeneration != null
        || s.targetModelNames != null || s.retiredEndpointConfigs != null
        || s.retiredModels != null || s.failedGeneration != null
        || s.autoscaledVariants != null || s.autoscalingSignature != null
        || s.appliedTags != null;
  }

  private static void clear(ModelEndpointStatus s) {
    s.targetEndpointConfigName = null;
    s.targetGeneration = null;
    s.targetModelNames = null;
    s.retiredEndpointConfigs = null;
    s.retiredModels = null;
    s.failedGeneration = null;
    s.autoscaledVariants = null;
    s.autoscalingSignature = null;
    s.appliedTags = null;
  }

  private static <T> T first(T legacy, T current) {
    return legacy != null ? legacy : current;
  }
}
