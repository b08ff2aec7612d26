package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes what a Model Monitor analyzer container prints into CloudWatch Logs: group
 * {@code /aws/sagemaker/ProcessingJobs}, stream {@code <job>/algo-1-<epoch>}, which appears
 * when the job's instance comes up. A few lines when the analysis starts and when it ends.
 */
final class ProcessingLogWriter {
  static final String GROUP = "/aws/sagemaker/ProcessingJobs";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS").withZone(ZoneOffset.UTC);

  private final LogStore logs;

  ProcessingLogWriter(LogStore logs) {
    this.logs = logs;
  }

  static String stream(MonitoringExecution execution) {
    return execution.processingJobName() + "/algo-1-"
        + execution.processingStart().getEpochSecond();
  }

  /** Caller holds the execution's lock; its processing has just started. */
  void started(MonitoringExecution execution) {
    Instant at = execution.processingStart();
    String stream = stream(execution);
    logs.ensureStream(GROUP, stream);
    JsonNode baseline = execution.definitionRequest().path("DataQualityBaselineConfig");
    write(stream, at, List.of(
        "INFO  Main: Start analyzing with args: endpoint=" + execution.endpointName()
            + ", monitoring_schedule=" + execution.schedule().name(),
        "INFO  Main: Baseline statistics: "
            + baseline.path("StatisticsResource").path("S3Uri").asText()
            + ", constraints: " + baseline.path("ConstraintsResource").path("S3Uri").asText(),
        "INFO  DataAnalyzer: Analyzing captured data from " + execution.windowStart() + " to "
            + execution.scheduledTime()));
  }

  /** Caller holds the execution's lock; it has just finished. */
  void finished(MonitoringExecution execution, DataQualityAnalysis.Outcome outcome) {
    List<String> lines = new ArrayList<>();
    if (MonitoringExecution.FAILED.equals(outcome.status())) {
      lines.add("ERROR Main: " + outcome.failureReason());
    } else {
      lines.add("INFO  FileUtil: Write to file statistics.json, constraints.json and"
          + " constraint_violations.json at " + execution.outputFolder().uri());
      lines.add("INFO  Main: " + outcome.exitMessage());
    }
    write(stream(execution), execution.processingEnd(), lines);
  }

  /** One line per millisecond from {@code at}, so their order is kept. */
  private void write(String stream, Instant at, List<String> lines) {
    List<Map.Entry<Long, String>> events = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Instant t = at.plusMillis(i);
      events.add(Map.entry(t.toEpochMilli(), STAMP.format(t) + " " + lines.get(i)));
    }
    logs.append(GROUP, stream, events);
  }
}
