package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.EndpointRollout;
import dev.secureml.operator.api.ModelEndpointStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rollout bookkeeping at the top of the status, where releases before {@code status.rollout}
 * kept it, is kept as a mirror for one release, so that no order of upgrade loses it:
 *
 * <ul>
 *   <li>operator upgraded before the CRD (Helm never upgrades CRDs): the API server prunes the
 *       unknown {@code status.rollout} on every write, and each pass reads the mirror again;
 *   <li>an older release ran since (a downgrade and back): it changed the flat fields only, so
 *       they differ from the mirror this release wrote, and they win;
 *   <li>otherwise {@code status.rollout} is the truth and the flat fields are its copy.
 * </ul>
 *
 * Names to delete or deregister are merged, never dropped; a target the flat fields replace is
 * retired, so nothing either side created is orphaned.
 */
@SuppressWarnings("deprecation") // the deprecated fields are the mirror
final class FlatRolloutFields {
  private FlatRolloutFields() {}

  /** Makes {@code status.rollout} the truth for this pass; true when the flat fields won. */
  static boolean read(ModelEndpointStatus status) {
    if (!present(status) || (status.rollout != null && mirrors(status, status.rollout))) {
      return false;
    }
    EndpointRollout nested = status.rollout;
    status.rollout = fromFlat(status);
    if (nested != null) {
      keepWhatToCleanUp(status.rollout, nested, status);
    }
    return true;
  }

  /** Copies {@code status.rollout} into the flat fields, which older releases and CRDs read. */
  static void mirror(ModelEndpointStatus s) {
    EndpointRollout r = s.rollout;
    if (r == null) {
      return;
    }
    s.targetEndpointConfigName = r.targetEndpointConfigName;
    s.targetGeneration = r.targetGeneration;
    s.targetModelNames = new ArrayList<>(orEmpty(r.targetModelNames));
    s.retiredEndpointConfigs = new ArrayList<>(orEmpty(r.retiredEndpointConfigs));
    s.retiredModels = new ArrayList<>(orEmpty(r.retiredModels));
    s.failedGeneration = r.failedGeneration;
    s.autoscaledVariants = new ArrayList<>(orEmpty(r.autoscaledVariants));
    s.autoscalingSignature = r.autoscalingSignature;
    s.appliedTags = new LinkedHashMap<>(orEmpty(r.appliedTags));
  }

  private static EndpointRollout fromFlat(ModelEndpointStatus s) {
    EndpointRollout r = new EndpointRollout();
    r.targetEndpointConfigName = s.targetEndpointConfigName;
    r.targetGeneration = s.targetGeneration;
    r.targetModelNames = new ArrayList<>(orEmpty(s.targetModelNames));
    r.retiredEndpointConfigs = new ArrayList<>(orEmpty(s.retiredEndpointConfigs));
    r.retiredModels = new ArrayList<>(orEmpty(s.retiredModels));
    r.failedGeneration = s.failedGeneration;
    r.autoscaledVariants = new ArrayList<>(orEmpty(s.autoscaledVariants));
    r.autoscalingSignature = s.autoscalingSignature;
    r.appliedTags = new LinkedHashMap<>(orEmpty(s.appliedTags));
    return r;
  }

  /**
   * What the stale nested rollout still had to clean up stays to be cleaned up: its garbage, its
   * registered variants, and its target when the flat fields name another one (unless serving).
   */
  private static void keepWhatToCleanUp(EndpointRollout r, EndpointRollout stale,
      ModelEndpointStatus status) {
    orEmpty(stale.retiredEndpointConfigs).forEach(c -> r.retire(c, List.of()));
    r.retire(null, orEmpty(stale.retiredModels));
    orEmpty(stale.autoscaledVariants).stream().filter(v -> !r.autoscaledVariants.contains(v))
        .forEach(r::registering);
    String target = stale.targetEndpointConfigName;
    if (target != null && !target.equals(r.targetEndpointConfigName)
        && !target.equals(status.endpointConfigName)) {
      r.retire(target, orEmpty(stale.targetModelNames).stream()
          .filter(m -> !orEmpty(r.targetModelNames).contains(m))
          .filter(m -> !orEmpty(status.modelNames).contains(m)).toList());
    }
  }

  private static boolean present(ModelEndpointStatus s) {
    return s.targetEndpointConfigName != null || s.targetGeneration != null
        || s.targetModelNames != null || s.retiredEndpointConfigs != null
        || s.retiredModels != null || s.failedGeneration != null
        || s.autoscaledVariants != null || s.autoscalingSignature != null
        || s.appliedTags != null;
  }

  private static boolean mirrors(ModelEndpointStatus s, EndpointRollout r) {
    return Objects.equals(s.targetEndpointConfigName, r.targetEndpointConfigName)
        && Objects.equals(s.targetGeneration, r.targetGeneration)
        && orEmpty(s.targetModelNames).equals(orEmpty(r.targetModelNames))
        && orEmpty(s.retiredEndpointConfigs).equals(orEmpty(r.retiredEndpointConfigs))
        && orEmpty(s.retiredModels).equals(orEmpty(r.retiredModels))
        && Objects.equals(s.failedGeneration, r.failedGeneration)
        && orEmpty(s.autoscaledVariants).equals(orEmpty(r.autoscaledVariants))
        && Objects.equals(s.autoscalingSignature, r.autoscalingSignature)
        && orEmpty(s.appliedTags).equals(orEmpty(r.appliedTags));
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
