package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.dataquality.ExecutionReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one pass of an engine found.
 *
 * @param reports runs that finished since the last one recorded, oldest first
 * @param nextFire the schedule's next fire time, for status
 * @param lookAgainIn when to look again
 */
record EngineOutcome(List<ExecutionReport> reports, Instant nextFire, Duration lookAgainIn) {
  EngineOutcome {
    reports = List.copyOf(reports);
  }
}
