package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One run of a monitoring schedule and the processing job behind it: what it analyzes (the
 * job definition as it was when the schedule fired, and the window of captured data before
 * ScheduledTime), where its reports go, and how far it has got. Callers synchronize on it.
 */
final class MonitoringExecution {
  static final String PENDING = "Pending";
  static final String IN_PROGRESS = "InProgress";
  static final String COMPLETED = "Completed";
  static final String COMPLETED_WITH_VIOLATIONS = "CompletedWithViolations";
  static final String FAILED = "Failed";
  static final List<String> STATUSES = List.of(PENDING, COMPLETED, COMPLETED_WITH_VIOLATIONS,
      IN_PROGRESS, FAILED, "Stopping", "Stopped");

  private final String processingJobName;
  private final String processingJobArn;
  private final MonitoringSchedule schedule;
  private final HostedResource definition;
  private final Instant scheduledTime;
  private final Instant windowStart;
  private final S3Location outputFolder;
  private final long sequence;

  private String status = PENDING;
  private Instant lastModified;
  private Instant processingStart;
  private Instant processingEnd;
  private String failureReason;
  private String exitMessage;

  /**
   * @param windowStart the earliest inference time analyzed; the window ends at
   *     {@code scheduledTime} (exclusive)
   */
  MonitoringExecution(String processingJobName, String processingJobArn,
      MonitoringSchedule schedule, HostedResource definition, Instant scheduledTime,
      Instant windowStart, S3Location outputFolder, long sequence) {
    this.processingJobName = processingJobName;
    this.processingJobArn = processingJobArn;
    this.schedule = schedule;
    this.definition = definition;
    this.scheduledTime = scheduledTime;
    this.windowStart = windowStart;
    this.outputFolder = outputFolder;
    this.sequence = sequence;
    this.lastModified = scheduledTime;
  }

  /** The processing job's instances are up: the analysis runs. */
  void begin(Instant at) {
    status = IN_PROGRESS;
    processingStart = at;
    lastModified = at;
  }

  void finish(String finalStatus, String reason, String message, Instant at) {
    status = finalStatus;
    failureReason = reason;
    exitMessage = message;
    processingEnd = at;
    lastModified = at;
  }

  boolean isFinished() {
    return status.equals(COMPLETED) || status.equals(COMPLETED_WITH_VIOLATIONS)
        || status.equals(FAILED);
  }

  /** ProcessingJobStatus: InProgress until the execution ends, then Completed or Failed. */
  String processingJobStatus() {
    return !isFinished() ? IN_PROGRESS : status.equals(FAILED) ? FAILED : COMPLETED;
  }

  String processingJobName() {
    return processingJobName;
  }

  String processingJobArn() {
    return processingJobArn;
  }

  MonitoringSchedule schedule() {
    return schedule;
  }

  HostedResource definition() {
    return definition;
  }

  JsonNode definitionRequest() {
    return definition.request();
  }

  String endpointName() {
    return MonitoringService.endpointOf(definition.request());
  }

  /** The output KMS key of the job definition, null for SSE-S3. */
  String kmsKeyId() {
    return Json.text(definition.request().path("DataQualityJobOutputConfig"), "KmsKeyId");
  }

  Instant scheduledTime() {
    return scheduledTime;
  }

  Instant windowStart() {
    return windowStart;
  }

  S3Location outputFolder() {
    return outputFolder;
  }

  long sequence() {
    return sequence;
  }

  String status() {
    return status;
  }

  Instant lastModified() {
    return lastModified;
  }

  Instant processingStart() {
    return processingStart;
  }

  Instant processingEnd() {
    return processingEnd;
  }

  String failureReason() {
    return failureReason;
  }

  String exitMessage() {
    return exitMessage;
  }
}
