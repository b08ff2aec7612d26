package dev.secureml.operator.local.sandbox;

import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.local.DriftPlan;
import dev.secureml.operator.local.TrafficGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which endpoints the sandbox sends traffic to, and when it shifts: every endpoint with data
 * capture, from when it is InService, shifted by one drift plan. Both are announced.
 */
final class EndpointTraffic {
  private final TrafficGenerator traffic;
  private final DriftPlan drift;
  private final PrintStream progress;
  private final Supplier<String> clock;
  private final Set<String> started = new HashSet<>();
  private final Set<String> shifted = new HashSet<>();

  EndpointTraffic(TrafficGenerator traffic, DriftPlan drift, PrintStream progress,
      Supplier<String> clock) {
    this.traffic = traffic;
    this.drift = drift;
    this.progress = progress;
    this.clock = clock;
  }

  /** Starts traffic to endpoints that have become InService; announces shifts that began. */
  void update(List<HasMetadata> objects) {
    for (HasMetadata obj : objects) {
      if (!(obj instanceof ModelEndpoint ep) || ep.getStatus() == null
          || ep.getStatus().endpointName == null) {
        continue;
      }
      String name = ep.getStatus().endpointName;
      if ("InService".equals(ep.getStatus().phase) && ep.getSpec().dataCapture != null
          && !Boolean.FALSE.equals(ep.getSpec().dataCapture.enabled)
          && traffic.sent(name) == 0 && started.add(name)) {
        traffic.start(name, drift);
        progress.printf("%s  sending example traffic to endpoint %s (captured to %s)%n",
            clock.get(), name, ep.getSpec().dataCapture.destinationS3Uri);
      }
      if (traffic.shifted(name) && shifted.add(name)) {
        progress.printf("%s  shifting traffic to %s: %s (the monitor should report drift in "
            + "exactly these)%n", clock.get(), name, drift.describe());
      }
    }
  }
}
