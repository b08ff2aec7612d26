package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.controller.PerResourceState;
import dev.secureml.operator.controller.PollingSchedule;
import dev.secureml.operator.controller.RetryBackoff;
import dev.secureml.operator.metrics.ResourcePhaseMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/** A fresh per-resource state for the monitor's parts under test, as one process has it. */
final class MonitorStates {
  static final Duration MIN_POLL = Duration.ofSeconds(5);
  static final Duration MAX_POLL = Duration.ofMinutes(10);

  private MonitorStates() {}

  static PerResourceState fresh() {
    return new PerResourceState(new PollingSchedule(MIN_POLL, MAX_POLL),
        new RetryBackoff(MIN_POLL, MAX_POLL),
        new ResourcePhaseMetrics(new SimpleMeterRegistry(), "DataQualityMonitor"));
  }
}
