package dev.secureml.operator.controller.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one pass of an engine found.
 *
 * @param report a run that finished since the last pass, if any
 * @param nextFire the schedule's next fire time, for status
 * @param lookAgainIn when to look again
 */
record EngineOutcome(Optional<ExecutionReport> report, Instant nextFire, Duration lookAgainIn) {}
