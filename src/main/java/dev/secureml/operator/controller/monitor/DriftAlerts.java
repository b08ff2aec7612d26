package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.api.DataQualityMonitorStatus.Execution;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.PerResourceState;
import dev.secureml.operator.controller.ResourceMemory;
import dev.secureml.operator.dataquality.ExecutionReport;
import dev.secureml.operator.metrics.DriftMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes a finished run back into the cluster: {@code status.lastExecution}, the violations,
 * the {@code DriftDetected} condition, Events on the edges only (drift starts: Warning; drift
 * clears: Normal; nothing while it persists), and the metrics.
 *
 * <p>A failed run says nothing about the data, so it leaves DriftDetected and the violations of
 * the last good run in place; it raises one Warning per new kind of failure.
 *
 * <p>The last run applied is also remembered per resource. A pass that starts from a cached copy
 * older than the last status write (or whose write was lost) gets that run written again —
 * without its Events and counters, which went out the first time.
 */
final class DriftAlerts {
  /** Features named in status.driftedFeatures and in the condition message, at most. */
  static final int MAX_FEATURES_NAMED = 50;

  /** The last run applied to a resource, and the drift state it left. */
  private record Applied(ExecutionReport report, boolean drifting, long episodes) {}

  private final EventRecorder events;
  private final DriftMetrics metrics;
  private final Clock clock;
  /** The last run applied per monitor, forgotten with the monitor. */
  private final ResourceMemory<Applied> applied;

  DriftAlerts(EventRecorder events, DriftMetrics metrics, Clock clock, PerResourceState state) {
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
    this.applied = state.memory();
  }

  /** Scheduled time of the run recorded in status; none before the first. */
  static Optional<Instant> lastRecorded(DataQualityMonitorStatus status) {
    return status.lastExecution == null || status.lastExecution.scheduledTime == null
        ? Optional.empty() : Optional.of(Instant.parse(status.lastExecution.scheduledTime));
  }

  /** Whether {@code report} is newer than the run recorded in status. */
  static boolean isNew(DataQualityMonitorStatus status, ExecutionReport report) {
    return lastRecorded(status).map(last -> report.scheduledTime().isAfter(last)).orElse(true);
  }

  /** The latest run: recorded in status, or applied by this process if status lags behind. */
  Optional<Instant> lastRun(String uid, DataQualityMonitorStatus status) {
    Optional<Instant> recorded = lastRecorded(status);
    return applied.get(uid).map(a -> a.report().scheduledTime())
        .filter(a -> recorded.map(a::isAfter).orElse(true))
        .or(() -> recorded);
  }

  /** A run this process applied that status does not show (a stale copy or a lost write). */
  Optional<ExecutionReport> unrecorded(String uid, DataQualityMonitorStatus status) {
    return applied.get(uid).map(Applied::report)
        .filter(r -> isNew(status, r));
  }

  /**
   * After a restart the gauges are empty until the next run; status still has the last one's
   * figures, so they are shown again at once.
   */
  void restoreMetrics(DataQualityMonitor monitor, DataQualityMonitorStatus status) {
    String uid = monitor.getMetadata().getUid();
    if (applied.get(uid).isPresent() || status.lastExecution == null) {
      return;
    }
    metrics.record(monitor.getMetadata().getNamespace(), monitor.getMetadata().getName(),
        status.driftDistances, Conditions.isTrue(status.conditions, Conditions.DRIFT_DETECTED));
  }

  /** A run being applied, and what status (or this process) knew before it. */
  private record Run(DataQualityMonitor monitor, DataQualityMonitorStatus status,
      ExecutionReport report, boolean repeat, boolean wasDrifting, long episodes) {
    String namespace() {
      return monitor.getMetadata().getNamespace();
    }

    String name() {
      return monitor.getMetadata().getName();
    }

    Long generation() {
      return monitor.getMetadata().getGeneration();
    }
  }

  void apply(DataQualityMonitor monitor, DataQualityMonitorStatus status,
      ExecutionReport report) {
    String uid = monitor.getMetadata().getUid();
    Applied memory = applied.get(uid).orElse(null);
    // Status is the truth unless this process applied a later run than it shows.
    boolean statusIsStale = memory != null && isNew(status, memory.report());
    Run run = new Run(monitor, status, report,
        memory != null && !report.scheduledTime().isAfter(memory.report().scheduledTime()),
        statusIsStale ? memory.drifting()
            : Conditions.isTrue(status.conditions, Conditions.DRIFT_DETECTED),
        Math.max(status.driftEpisodes == null ? 0 : status.driftEpisodes,
            memory == null ? 0 : memory.episodes()));
    Execution previous = status.lastExecution;
    status.lastExecution = RunStatus.execution(report);
    if (!run.repeat()) {
      metrics.execution(run.namespace(), run.name(), report.status());
    }
    applied.put(uid, ExecutionReport.FAILED.equals(report.status()) ? failed(run, previous)
        : completed(run));
  }

  /** A failed run says nothing about the data: one Warning per new kind of failure. */
  private Applied failed(Run run, Execution previous) {
    ExecutionReport report = run.report();
    boolean sameFailure = previous != null && ExecutionReport.FAILED.equals(previous.status)
        && RunStatus.failureKind(previous.failureReason)
        .equals(RunStatus.failureKind(report.failureReason()));
    if (!sameFailure && !run.repeat()) {
      events.warning(run.monitor(), Reason.MONITORING_RUN_FAILED, "run of "
          + report.scheduledTime() + " failed: " + report.failureReason());
    }
    if (Conditions.find(run.status().conditions, Conditions.DRIFT_DETECTED).isEmpty()) {
      Conditions.set(run.status().conditions, Conditions.DRIFT_DETECTED, Conditions.UNKNOWN,
          Reason.NO_RESULT.value(), "no monitoring run has completed yet", run.generation(),
          clock.instant());
    }
    return new Applied(report, run.wasDrifting(), run.episodes());
  }

  /** The run's violations and distances into status; DriftDetected and Events on the edges. */
  private Applied completed(Run run) {
    ExecutionReport report = run.report();
    Map<String, TreeSet<String>> checksByFeature = recordViolations(run);
    boolean drift = !report.violations().isEmpty();
    metrics.record(run.namespace(), run.name(), report.driftDistances(), drift);
    long episodes = run.episodes();
    if (drift) {
      String message = RunStatus.driftMessage(checksByFeature, report);
      Conditions.set(run.status().conditions, Conditions.DRIFT_DETECTED, Conditions.TRUE,
          Reason.VIOLATIONS_FOUND.value(), message, run.generation(), clock.instant());
      if (!run.wasDrifting()) {
        episodes++;
        events.warning(run.monitor(), Reason.DRIFT_DETECTED, message);
      }
      run.status().driftEpisodes = episodes;
    } else {
      String message = "no violations in " + report.recordsAnalyzed()
          + " records captured between " + report.windowStart() + " and "
          + report.windowEnd();
      Conditions.set(run.status().conditions, Conditions.DRIFT_DETECTED, Conditions.FALSE,
          Reason.NO_VIOLATIONS.value(), message, run.generation(), clock.instant());
      if (run.wasDrifting()) {
        events.normal(run.monitor(), Reason.DRIFT_CLEARED, message);
      }
      if (episodes > 0) {
        run.status().driftEpisodes = episodes;
      }
    }
    return new Applied(report, drift, episodes);
  }

  /** The run's violations into status; counted in the metrics the first time only. */
  private Map<String, TreeSet<String>> recordViolations(Run run) {
    Map<String, TreeSet<String>> checksByFeature = RunStatus.violations(run.status(),
        run.report());
    if (!run.repeat()) {
      run.report().violations().stream()
          .collect(Collectors.groupingBy(v -> v.checkType().name(), TreeMap::new,
              Collectors.counting()))
          .forEach((check, n) -> metrics.violations(run.namespace(), run.name(), check, n));
    }
    return checksByFeature;
  }
}
