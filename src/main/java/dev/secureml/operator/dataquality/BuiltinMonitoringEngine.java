package dev.secureml.operator.dataquality;

import dev.secureml.operator.drift.ConstraintChecker;
import dev.secureml.operator.drift.ConstraintsJson;
import dev.secureml.operator.drift.DataQualityJob;
import dev.secureml.operator.drift.DriftDistances;
import dev.secureml.operator.drift.StatisticsJson;
import dev.secureml.operator.drift.ViolationsJson;
import dev.secureml.operator.sagemaker.S3ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One monitoring execution done by the operator itself, in place of a Model Monitor processing
 * job: the window's captured rows against the effective baseline, with the same report files
 * (statistics.json, constraints.json, constraint_violations.json) in the same layout
 * ({@link ReportLayout}), encrypted with SSE-KMS.
 */
public final class BuiltinMonitoringEngine {
  private static final Logger LOG = LoggerFactory.getLogger(BuiltinMonitoringEngine.class);

  private final S3ObjectStore store;
  private final CaptureWindowReader reader;

  public BuiltinMonitoringEngine(S3ObjectStore store) {
    this.store = store;
    this.reader = new CaptureWindowReader(store);
  }

  /**
   * Analyzes the records captured in [windowStart, windowEnd). With none the execution is
   * Failed and writes nothing; else the reports go under the execution's folder.
   */
  public ExecutionReport run(MonitorBaseline baseline, String captureDestinationS3Uri,
      String endpointName, String monitorName, Instant scheduledTime, Instant windowStart,
      Instant windowEnd, String outputS3Uri, String kmsKeyId) {
    DataQualityJob.Result result;
    long skipped;
    String firstSkipped;
    try (CaptureWindowReader.Rows rows = reader.read(captureDestinationS3Uri, endpointName,
        windowStart, windowEnd, baseline.columnNames())) {
      result = DataQualityJob.run(baseline.statistics(), baseline.constraints(), rows,
          new ConstraintChecker());
      skipped = rows.malformedRecords();
      firstSkipped = rows.firstMalformed().orElse(null);
      if (skipped > 0) {
        LOG.warn("{}/{}: skipped {} unreadable captured records of {} files, the first: {}",
            endpointName, monitorName, skipped, rows.files().size(), firstSkipped);
      }
    }
    if (result.statistics().itemCount() == 0) {
      String reason = "No captured records between " + windowStart + " and " + windowEnd;
      if (skipped > 0) {
        reason += " (" + skipped + " unreadable records skipped; the first: " + firstSkipped + ")";
      }
      return ExecutionReport.failed(scheduledTime, windowStart, windowEnd, reason, null, skipped);
    }
    Map<String, Double> distances = DriftDistances.of(baseline.statistics(),
        baseline.constraints(), result.statistics());
    String folder = ReportLayout.folder(outputS3Uri, endpointName, monitorName, scheduledTime);
    String statisticsUri = ReportLayout.statistics(folder);
    String constraintsUri = ReportLayout.constraints(folder);
    String violationsUri = ReportLayout.violations(folder);
    put(statisticsUri, StatisticsJson.write(result.statistics()), kmsKeyId);
    put(constraintsUri, ConstraintsJson.write(baseline.constraints()), kmsKeyId);
    put(violationsUri, ViolationsJson.write(result.violations()), kmsKeyId);
    return new ExecutionReport(scheduledTime, windowStart, windowEnd,
        ExecutionReport.statusOf(result.violations()), result.statistics().itemCount(), null,
        statisticsUri, constraintsUri, violationsUri, null, result.violations(), distances,
        skipped);
  }

  private void put(String uri, String json, String kmsKeyId) {
    store.put(uri, json.getBytes(StandardCharsets.UTF_8), kmsKeyId);
  }
}
