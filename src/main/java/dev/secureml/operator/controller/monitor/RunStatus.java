package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.api.DataQualityMonitorStatus.Execution;
import dev.secureml.operator.api.DataQualityMonitorStatus.ViolationStatus;
import dev.secureml.operator.dataquality.ExecutionReport;
import dev.secureml.operator.drift.Violation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** How a finished run reads in status and in the DriftDetected message. No I/O. */
final class RunStatus {
  private static final int MAX_FEATURES_IN_MESSAGE = 10;

  private RunStatus() {}

  static Execution execution(ExecutionReport r) {
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

  /**
   * Writes the run's violations (bounded), drifted features and drift distances (rounded) into
   * status; returns the checks each feature failed, by feature.
   */
  static Map<String, TreeSet<String>> violations(DataQualityMonitorStatus status,
      ExecutionReport report) {
    status.violationCount = report.violations().size();
    status.violations = report.violations().stream()
        .limit(DataQualityMonitorStatus.MAX_VIOLATIONS)
        .map(v -> new ViolationStatus(v.featureName(), v.checkType().name(), v.description()))
        .collect(Collectors.toCollection(ArrayList::new));
    Map<String, TreeSet<String>> checksByFeature = new TreeMap<>();
    for (Violation v : report.violations()) {
      checksByFeature.computeIfAbsent(v.featureName(), f -> new TreeSet<>())
          .add(v.checkType().name());
    }
    status.driftedFeatures = checksByFeature.keySet().stream()
        .limit(DriftAlerts.MAX_FEATURES_NAMED)
        .collect(Collectors.toCollection(ArrayList::new));
    Map<String, Double> distances = new LinkedHashMap<>();
    new TreeMap<>(report.driftDistances()).forEach((f, d) -> distances.put(f, round(d)));
    status.driftDistances = distances;
    return checksByFeature;
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

  private static double round(double d) {
    return BigDecimal.valueOf(d).setScale(4, RoundingMode.HALF_UP).doubleValue();
  }
}
