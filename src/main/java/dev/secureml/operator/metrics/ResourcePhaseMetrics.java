package dev.secureml.operator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Gauge {@code secureml_resources{kind, phase}}: how many resources of a kind are in each phase. */
public class ResourcePhaseMetrics {
  private final MeterRegistry registry;
  private final String kind;
  private final Map<String, String> phaseByUid = new ConcurrentHashMap<>();
  private final Set<String> registeredPhases = ConcurrentHashMap.newKeySet();

  public ResourcePhaseMetrics(MeterRegistry registry, String kind) {
    this.registry = registry;
    this.kind = kind;
  }

  public void record(String uid, String phase) {
    if (phase == null) {
      return;
    }
    phaseByUid.put(uid, phase);
    if (registeredPhases.add(phase)) {
      Gauge.builder("secureml.resources", phaseByUid,
              m -> m.values().stream().filter(phase::equals).count())
          .description("Custom resources by kind and phase")
          .tag("kind", kind)
          .tag("phase", phase)
          .register(registry);
    }
  }

  public void forget(String uid) {
    phaseByUid.remove(uid);
  }
}
