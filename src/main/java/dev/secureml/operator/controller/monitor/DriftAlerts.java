package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.dataquality.ExecutionReport;
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
import java.util.Optional;
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
 * the last good run in place; it raises one Warning per new kind of failure.
 *
 * <p>The last run applied is also remembered per resource. A pass that starts from a cached copy
 * older than the last status write (or whose write was lost) gets that run written again —
 * without its Events and counters, which went out the first time.
 */
final class DriftAlerts {
  /** Features named in status.driftedFeatures and in the condition message, at most. */
  static final int MAX_FEATURES_NAMED = 50;
  private static final int MAX_FEATURES_IN_MESSAGE = 10;

  /** The last run applied to a resource, and the drift state it left. */
  private record Applied(ExecutionReport report, boolean drifting, long episodes) {}

  private final EventRecorder events;
  private final DriftMetrics metrics;
  private final Clock clock;
  private final Map<String, Applied> applied = new ConcurrentHashMap<>();

  DriftAlerts(EventRecorder events, DriftMetrics metrics, Clock clock) {
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
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
    return Optional.ofNullable(applied.get(uid)).map(a -> a.report().scheduledTime())
        .filter(a -> recorded.map(a::isAfter).orElse(true))
        .or(() -> recorded);
  }

  /** A run this process applied that status does not show (a stale copy or a lost write). */
  Optional<ExecutionReport> unrecorded(String uid, DataQualityMonitorStatus status) {
    return Optional.ofNullable(applied.get(uid)).map(Applied::report)
        .filter(r -> isNew(status, r));
  }

  /**
   * After a restart the gauges are empty until the next run; status still has the last one's
   * figures, so they are shown again at once.
   */
  void restoreMetrics(DataQualityMonitor monitor, DataQualityMonitorStatus status) {
    String uid = monitor.getMetadata().getUid();
    if (applied.containsKey(uid) || status.lastExecution == null) {
      return;
    }
    metrics.record(monitor.getMetadata().getNamespace(), monitor.getMetadata().getName(),
        status.driftDistances, Conditions.isTrue(status.conditions, Conditions.DRIFT_DETECTED));
  }

  void apply(DataQualityMonitor monitor, DataQualityMonitorStatus status,
      ExecutionReport report) {
    String namespace = monitor.getMetadata().getNamespace();
    String name = monitor.getMetadata().getName();
    Long gen = monitor.getMetadata().getGeneration();
    String uid = monitor.getMetadata().getUid();
    Applied memory = applied.get(uid);
    // Status is the truth unless this process applied a later run than it shows.
    boolean statusIsStale = memory != null && isNew(status, memory.report());
    boolean repeat = memory != null
        && !report.scheduledTime().isAfter(memory.report().scheduledTime());
    boolean wasDrifting = statusIsStale ? memory.drifting()
        : Conditions.isTrue(status.conditions, Conditions.DRIFT_DETECTED);
    long episodes = Math.max(status.driftEpisodes == null ? 0 : status.driftEpisodes,
        memory == null ? 0 : memory.episodes());
    Execution previous = status.lastExecution;
    status.lastExecution = execution(report);
    if (!repeat) {
      metrics.execution(namespace, name, report.status());
    }

    if (ExecutionReport.FAILED.equals(report.status())) {
      boolean sameFailure = previous != null && ExecutionReport.FAILED.equals(previous.status)
          && failureKind(previous.failureReason).equals(failureKind(report.failureReason()));
      if (!sameFailure && !repeat) {
        events.warning(monitor, "MonitoringRunFailed", "run of "
            + report.scheduledTime() + " failed: " + report.failureReason());
      }
      if (Conditions.find(status.conditions, Conditions.DRIFT_DETECTED).isEmpty()) {
        Conditions.set(status.conditions, Conditions.DRIFT_DETECTED, Conditions.UNKNOWN,
            "NoResult", "no monitoring run has completed yet", gen, clock.instant());
      }
      applied.put(uid, new Applied(report, wasDrifting, episodes));
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
    status.driftedFeatures = checksByFeature.keySet().stream().limit(MAX_FEATURES_NAMED)
        .collect(Collectors.toCollection(ArrayList::new));
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
    applied.put(uid, new Applied(report, drift, episodes));
  }

  void forget(String uid) {
    applied.remove(uid);
  }

  /** A failure reason without its times and counts, so each window's "no data" is one kind. */
  static String failureKind(String reason) {
    return reason == null ? "" : reason.replaceAll("[0-9]", "");
  }

  /** e.g. "drift in npl_ratio (baseline_drift_check), state (categorical_values_check): ...". */
  static String driftMessage(Map<String, TreeSet<String>> checksByFeature,
      ExecutionReport report) {
    String features = checksByFeature.entrySet().stream().limit(MAX_FEATURES_IN_MESSAGE)
        .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
        .collect(Collectors.joining(", "));
    int more = checksByFeature.size() - MAX_FEATURES_IN_MESSAGE;
    if (more > 0) {
      features += " and " + more + " more feature" + (more == 1 ? "" : "s");
    }
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
