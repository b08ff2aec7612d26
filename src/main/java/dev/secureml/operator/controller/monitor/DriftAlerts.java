package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.api.DataQualityMonitorStatus.Execution;
import dev.secureml.operator.api.DataQualityMonitorStatus.ViolationStatus;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.drift.Violation;
import dev.secureml.operator.metrics.DriftMetrics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Writes a finished run back into the cluster: {@code status.lastExecution}, the violations,
 * the {@code DriftDetected} condition, Events on the edges only (drift starts: Warning; drift
 * clears: Normal; nothing while it persists), and the metrics.
 *
 * <p>A failed run says nothing about the data, so it leaves DriftDetected and the violations of
 * the last good run in place; it raises one Warning per new failure reason.
 *
 * <p>What was last alerted is also remembered per resource: a pass that starts from a cached
 * copy older than the last status write must not announce the same drift again.
 */
final class DriftAlerts {
  static final String COMPLETED = "Completed";
  static final String WITH_VIOLATIONS = "CompletedWithViolations";
  static final String FAILED = "Failed";

  /** The last run applied to a resource, and the drift state it left. */
  private record Applied(Instant scheduledTime, boolean drifting, long episodes) {}

  private final EventRecorder events;
  private final DriftMetrics metrics;
  private final Clock clock;
  private final Map<String, Applied> applied = new ConcurrentHashMap<>();

  DriftAlerts(EventRecorder events, DriftMetrics metrics, Clock clock) {
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Whether {@code report} is newer than the run already recorded in status. */
  static boolean isNew(DataQualityMonitorStatus status, ExecutionReport report) {
    return status.lastExecution == null || status.lastExecution.scheduledTime == null
        || report.scheduledTime().isAfter(
            Instant.parse(status.lastExecution.scheduledTime));
  }

  void apply(DataQualityMonitor monitor, DataQualityMonitorStatus status,
      ExecutionReport report) {
    String namespace = monitor.getMetadata().getNamespace();
    String name = monitor.getMetadata().getName();
    Long gen = monitor.getMetadata().getGeneration();
    String uid = monitor.getMetadata().getUid();
    Applied memory = applied.get(uid);
    // Status is the truth unless this process applied a later run than it shows.
    boolean statusIsStale = memory != null && BuiltinRuns.lastScheduled(status)
        .map(t -> t.isBefore(memory.scheduledTime())).orElse(true);
    boolean repeat = memory != null
        && !report.scheduledTime().isAfter(memory.scheduledTime());
    boolean wasDrifting = statusIsStale ? memory.drifting()
        : Conditions.isTrue(status.conditions, Conditions.DRIFT_DETECTED);
    long episodes = Math.max(status.driftEpisodes == null ? 0 : status.driftEpisodes,
        memory == null ? 0 : memory.episodes());
    Execution previous = status.lastExecution;
    status.lastExecution = execution(report);
    if (!repeat) {
      metrics.execution(namespace, name, report.status());
    }

    if (FAILED.equals(report.status())) {
      boolean sameFailure = previous != null && FAILED.equals(previous.status)
          && Objects.equals(previous.failureReason, report.failureReason());
      if (!sameFailure && !repeat) {
        events.warning(monitor, "MonitoringRunFailed", "run of "
            + report.scheduledTime() + " failed: " + report.failureReason());
      }
      if (Conditions.find(status.conditions, Conditions.DRIFT_DETECTED).isEmpty()) {
        Conditions.set(status.conditions, Conditions.DRIFT_DETECTED, Conditions.UNKNOWN, "NoResult",
            "no monitoring run has completed yet", gen, clock.instant());
      }
      applied.put(uid, new Applied(report.scheduledTime(), wasDrifting, episodes));
      return;
    }

    List<Violation> violations = report.violations();
    status.violationCount = violations.size();
    status.violations = violations.stream().limit(DataQualityMonitorStatus.MAX_VIOLATIONS)
        .map(v -> new ViolationStatus(v.featureName(), v.checkType().name(), v.description()))
        .collect(Collectors.toCollection(ArrayList::new));
    Map<String, TreeSet<String>> checksByFeature = new TreeMap<>();
    Map<String, Long> countsByCheck = new TreeMap<>();
    for (Violation v : violations) {
      checksByFeature.computeIfAbsent(v.featureName(), f -> new TreeSet<>())
          .add(v.checkType().name());
      countsByCheck.merge(v.checkType().name(), 1L, Long::sum);
    }
    status.driftedFeatures = new ArrayList<>(checksByFeature.keySet());
    Map<String, Double> distances = new LinkedHashMap<>();
    new TreeMap<>(report.driftDistances()).forEach((f, d) -> distances.put(f, round(d)));
    status.driftDistances = distances;
    if (!repeat) {
      countsByCheck.forEach((check, n) -> metrics.violations(namespace, name, check, n));
    }

    boolean drift = !violations.isEmpty();
    metrics.record(namespace, name, report.driftDistances(), drift);
    if (drift) {
      String message = driftMessage(checksByFeature, report);
      Conditions.set(status.conditions, Conditions.DRIFT_DETECTED, Conditions.TRUE,
          "ViolationsFound", message, gen, clock.instant());
      if (!wasDrifting) {
        episodes++;
        events.warning(monitor, "DriftDetected", message);
      }
      status.driftEpisodes = episodes;
    } else {
      String message = "no violations in " + report.recordsAnalyzed()
          + " records captured between " + report.windowStart() + " and "
          + report.windowEnd();
      Conditions.set(status.conditions, Conditions.DRIFT_DETECTED, Conditions.FALSE,
          "NoViolations", message, gen, clock.instant());
      if (wasDrifting) {
        events.normal(monitor, "DriftCleared", message);
      }
      if (episodes > 0) {
        status.driftEpisodes = episodes;
      }
    }
    applied.put(uid, new Applied(report.scheduledTime(), drift, episodes));
  }

  /** The latest run applied to the resource by this process, if any. */
  java.util.Optional<Instant> lastApplied(String uid) {
    return java.util.Optional.ofNullable(applied.get(uid)).map(Applied::scheduledTime);
  }

  void forget(String uid) {
    applied.remove(uid);
  }

  /** e.g. "drift in npl_ratio (baseline_drift_check), state (categorical_values_check) ...". */
  static String driftMessage(Map<String, TreeSet<String>> checksByFeature,
      ExecutionReport report) {
    String features = checksByFeature.entrySet().stream()
        .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
        .collect(Collectors.joining(", "));
    return "drift in " + features + ": " + report.violations().size() + " violation"
        + (report.violations().size() == 1 ? "" : "s") + " in " + report.recordsAnalyzed()
        + " records captured between " + report.windowStart() + " and " + report.windowEnd()
        + (report.violationsS3Uri() == null ? "" : "; report " + report.violationsS3Uri());
  }

  private static Execution execution(ExecutionReport r) {
    Execution e = new Execution();
    e.scheduledTime = r.scheduledTime().toString();
    e.windowStart = r.windowStart() == null ? null : r.windowStart().toString();
    e.windowEnd = r.windowEnd() == null ? null : r.windowEnd().toString();
    e.status = r.status();
    e.recordsAnalyzed = r.recordsAnalyzed();
    e.failureReason = r.failureReason();
    e.statisticsS3Uri = r.statisticsS3Uri();
    e.constraintsS3Uri = r.constraintsS3Uri();
    e.violationsS3Uri = r.violationsS3Uri();
    e.processingJobArn = r.processingJobArn();
    return e;
  }

  private static double round(double d) {
    return BigDecimal.valueOf(d).setScale(4, RoundingMode.HALF_UP).doubleValue();
  }
}
