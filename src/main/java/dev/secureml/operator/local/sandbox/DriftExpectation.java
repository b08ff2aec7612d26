package dev.secureml.operator.local.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the sandbox expects of every DataQualityMonitor: drift reported in exactly the features
 * whose traffic it shifted. A run whose window straddles the start of the shift can miss one of
 * them, and one over the few records after traffic starts can flag noise; so a report of other
 * features settles the monitor only when the run before reported drift too, which makes the
 * window of the later run wholly shifted traffic.
 */
final class DriftExpectation {
  private final List<String> expected;
  private final Map<String, String> lastRun = new HashMap<>();
  private final Map<String, Integer> driftingRunsInARow = new HashMap<>();

  DriftExpectation(Collection<String> shiftedFeatures) {
    this.expected = shiftedFeatures.stream().sorted().toList();
  }

  /** Counts a monitor's runs; call with every look at it. */
  void observe(ResourceState s) {
    ResourceState.Monitor m = s.monitor();
    if (m == null || m.lastRun() == null) {
      return;
    }
    String key = s.qualifiedName();
    if (!Objects.equals(lastRun.put(key, m.lastRun().scheduledTime()),
        m.lastRun().scheduledTime())) {
      driftingRunsInARow.put(key,
          m.driftDetected() ? driftingRunsInARow.getOrDefault(key, 0) + 1 : 0);
    }
  }

  boolean settled(ResourceState s) {
    ResourceState.Monitor m = s.monitor();
    if (m == null || !s.settled() || !m.driftDetected()) {
      return s.settled();
    }
    return matches(m) || driftingRunsInARow.getOrDefault(s.qualifiedName(), 0) >= 2;
  }

  /** For each monitor among {@code objects} that did not do what is expected: kind, name, why. */
  List<String> failures(List<HasMetadata> objects) {
    List<String> out = new ArrayList<>();
    for (HasMetadata obj : objects) {
      ResourceState s = ResourceState.of(obj);
      failure(s).ifPresent(why -> out.add(s.kind() + " " + s.qualifiedName() + " " + why));
    }
    return out;
  }

  /** Why a monitor did not do what the sandbox expects; empty when it did, or is no monitor. */
  Optional<String> failure(ResourceState s) {
    ResourceState.Monitor m = s.monitor();
    if (m == null || (m.driftDetected() && matches(m))) {
      return Optional.empty();
    }
    String wanted = "expected drift in exactly " + String.join(", ", expected);
    if (m.driftDetected()) {
      return Optional.of("reported drift in " + String.join(", ", m.driftedFeatures()) + "; "
          + wanted);
    }
    return Optional.of("is " + s.phase()
        + (s.condition().isEmpty() ? "" : " (" + s.condition() + ")") + "; " + m.summary()
        + "; " + wanted);
  }

  private boolean matches(ResourceState.Monitor m) {
    return m.driftedFeatures().stream().sorted().toList().equals(expected);
  }
}
