package dev.secureml.operator.dataquality;

import dev.secureml.operator.drift.Violation;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one monitoring execution, from either engine: status {@link #COMPLETED},
 * {@link #COMPLETED_WITH_VIOLATIONS} or {@link #FAILED} (with {@code failureReason}), the
 * records analyzed, the report files, the violations and each feature's drift distance.
 * {@code processingJobArn} is set by the ModelMonitor engine only; {@code recordsSkipped}
 * counts captured lines that could not be read (Builtin engine).
 */
public record ExecutionReport(Instant scheduledTime, Instant windowStart, Instant windowEnd,
    String status, long recordsAnalyzed, String failureReason, String statisticsS3Uri,
    String constraintsS3Uri, String violationsS3Uri, String processingJobArn,
    List<Violation> violations, Map<String, Double> driftDistances, long recordsSkipped) {
  public static final String COMPLETED = "Completed";
  public static final String COMPLETED_WITH_VIOLATIONS = "CompletedWithViolations";
  public static final String FAILED = "Failed";

  public ExecutionReport {
    violations = violations == null ? List.of() : List.copyOf(violations);
    driftDistances = driftDistances == null ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(driftDistances));
  }

  /** Without a count of skipped records. */
  public ExecutionReport(Instant scheduledTime, Instant windowStart, Instant windowEnd,
      String status, long recordsAnalyzed, String failureReason, String statisticsS3Uri,
      String constraintsS3Uri, String violationsS3Uri, String processingJobArn,
      List<Violation> violations, Map<String, Double> driftDistances) {
    this(scheduledTime, windowStart, windowEnd, status, recordsAnalyzed, failureReason,
        statisticsS3Uri, constraintsS3Uri, violationsS3Uri, processingJobArn, violations,
        driftDistances, 0);
  }

  /** A failed execution: no reports, no violations. */
  public static ExecutionReport failed(Instant scheduledTime, Instant windowStart,
      Instant windowEnd, String failureReason, String processingJobArn, long recordsSkipped) {
    return new ExecutionReport(scheduledTime, windowStart, windowEnd, FAILED, 0, failureReason,
        null, null, null, processingJobArn, List.of(), Map.of(), recordsSkipped);
  }

  /** Completed, or CompletedWithViolations when there are any. */
  public static String statusOf(List<Violation> violations) {
    return violations.isEmpty() ? COMPLETED : COMPLETED_WITH_VIOLATIONS;
  }
}
