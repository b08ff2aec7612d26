package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.dataquality.BuiltinMonitoringEngine;
import dev.secureml.operator.dataquality.MonitorBaseline;
import dev.secureml.operator.dataquality.ExecutionReport;
import dev.secureml.operator.api.DataQualityMonitor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides when the Builtin engine runs and over which window. A run for fire time T analyzes the
 * records captured in [previous fire time, T) and starts {@code captureDelay} after T, when data
 * capture has written the window's last files. Fire times come from the schedule alone, so a
 * restart neither shifts nor repeats them; after a long outage only the latest complete window
 * is analyzed.
 */
final class BuiltinRuns {
  private final BuiltinMonitoringEngine engine;
  private final Clock clock;
  private final Duration captureDelay;

  BuiltinRuns(BuiltinMonitoringEngine engine, Clock clock, Duration captureDelay) {
    this.engine = engine;
    this.clock = clock;
    this.captureDelay = captureDelay;
  }

  /**
   * @param lastRun scheduled time of the last run recorded; none before the first
   */
  EngineOutcome step(DataQualityMonitor monitor, Optional<Instant> lastRun, String endpointName,
      MonitorSchedule schedule, MonitorBaseline baseline, String captureS3Uri, String kmsKeyId) {
    Instant now = clock.instant();
    Instant since = lastRun.orElse(created(monitor, now));
    Instant fire = schedule.previous(now.minus(captureDelay));
    List<ExecutionReport> reports = List.of();
    if (fire.isAfter(since)) {
      Instant windowStart = schedule.previous(fire.minusNanos(1));
      reports = List.of(engine.run(baseline, captureS3Uri, endpointName,
          monitor.getMetadata().getName(), fire, windowStart, fire,
          monitor.getSpec().outputS3Uri, kmsKeyId));
      since = fire;
    }
    Instant nextFire = schedule.next(since);
    Duration wait = Duration.between(clock.instant(), nextFire.plus(captureDelay));
    return new EngineOutcome(reports, nextFire, wait.isNegative() ? Duration.ZERO : wait);
  }

  private static Instant created(DataQualityMonitor monitor, Instant fallback) {
    String ts = monitor.getMetadata().getCreationTimestamp();
    return ts == null ? fallback : Instant.parse(ts);
  }
}
