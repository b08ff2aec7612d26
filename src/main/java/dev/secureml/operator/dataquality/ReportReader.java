package dev.secureml.operator.dataquality;

import dev.secureml.operator.drift.DriftDistances;
import dev.secureml.operator.drift.Statistics;
import dev.secureml.operator.drift.StatisticsJson;
import dev.secureml.operator.drift.Violation;
import dev.secureml.operator.drift.ViolationsJson;
import dev.secureml.operator.sagemaker.S3ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads the reports a Model Monitor processing job wrote (constraint_violations.json, absent
 * when there were none, and statistics.json) into an {@link ExecutionReport}, with drift
 * distances against the baseline computed the way the Builtin engine computes them.
 */
public final class ReportReader {
  private final S3ObjectStore store;

  public ReportReader(S3ObjectStore store) {
    this.store = store;
  }

  /**
   * The execution whose reports are in {@code reportFolderS3Uri}. A folder without
   * statistics.json gives a Failed report saying so; a report that is not valid JSON throws
   * IllegalArgumentException naming the file.
   */
  public ExecutionReport read(String reportFolderS3Uri, MonitorBaseline baseline,
      Instant scheduledTime, Instant windowStart, Instant windowEnd, String processingJobArn) {
    String statisticsUri = ReportLayout.statistics(reportFolderS3Uri);
    String violationsUri = ReportLayout.violations(reportFolderS3Uri);
    Optional<String> statisticsJson = text(statisticsUri);
    if (statisticsJson.isEmpty()) {
      return ExecutionReport.failed(scheduledTime, windowStart, windowEnd,
          "The monitoring job wrote no statistics.json to " + reportFolderS3Uri,
          processingJobArn, 0);
    }
    Statistics statistics;
    List<Violation> violations;
    try {
      statistics = StatisticsJson.read(statisticsJson.get());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(statisticsUri + ": " + e.getMessage(), e);
    }
    Optional<String> violationsJson = text(violationsUri);
    try {
      violations = violationsJson.map(ViolationsJson::read).orElse(List.of());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(violationsUri + ": " + e.getMessage(), e);
    }
    return new ExecutionReport(scheduledTime, windowStart, windowEnd,
        ExecutionReport.statusOf(violations), statistics.itemCount(), null, statisticsUri,
        baseline.constraintsS3Uri(), violationsJson.isPresent() ? violationsUri : null,
        processingJobArn, violations,
        DriftDistances.of(baseline.statistics(), baseline.constraints(), statistics), 0);
  }

  private Optional<String> text(String uri) {
    return store.get(uri).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
  }
}
