package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A monitoring schedule: its current configuration (UpdateMonitoringSchedule replaces it), the
 * endpoint its job definition monitors, its status and when it next fires. Callers
 * synchronize on the schedule.
 */
final class MonitoringSchedule extends HostedResource {
  static final String PENDING = "Pending";
  static final String SCHEDULED = "Scheduled";
  static final String STOPPED = "Stopped";
  static final String FAILED = "Failed";
  static final List<String> STATUSES = List.of(PENDING, FAILED, SCHEDULED, STOPPED);

  private ObjectNode config;
  private ScheduleExpression expression;
  private String endpointName;
  private String status = PENDING;
  private Instant lastModified;
  /** When Pending turns into Scheduled. */
  private Instant pendingUntil;
  /** When the next execution is due; null unless Scheduled. */
  private Instant nextFiring;
  private MonitoringExecution lastExecution;
  private boolean deleted;

  MonitoringSchedule(String name, String arn, ObjectNode request, Instant creationTime,
      long sequence) {
    super(name, arn, request, creationTime, sequence);
    this.lastModified = creationTime;
  }

  /**
   * Takes a new configuration: the schedule is Pending until {@code pendingUntil}, unless it
   * is Stopped, which it stays.
   */
  void configure(ObjectNode newConfig, ScheduleExpression newExpression, String endpoint,
      Instant now, Instant pendingUntil) {
    config = newConfig;
    expression = newExpression;
    endpointName = endpoint;
    lastModified = now;
    if (!STOPPED.equals(status)) {
      status = PENDING;
      this.pendingUntil = pendingUntil;
      nextFiring = null;
    }
  }

  /** Scheduled from {@code at} on: the first execution is due one period later. */
  void schedule(Instant at, Instant firstFiring) {
    status = SCHEDULED;
    lastModified = at;
    pendingUntil = null;
    nextFiring = firstFiring;
  }

  void stop(Instant at) {
    status = STOPPED;
    lastModified = at;
    nextFiring = null;
  }

  /** Deleted: it never fires again. */
  void delete() {
    deleted = true;
    nextFiring = null;
  }

  boolean isDeleted() {
    return deleted;
  }

  void nextFiring(Instant at) {
    nextFiring = at;
  }

  void fired(MonitoringExecution execution) {
    lastExecution = execution;
  }

  ObjectNode config() {
    return config;
  }

  ScheduleExpression expression() {
    return expression;
  }

  String definitionName() {
    return config.path("MonitoringJobDefinitionName").asText();
  }

  String monitoringType() {
    return config.path("MonitoringType").asText(MonitoringService.DATA_QUALITY);
  }

  String endpointName() {
    return endpointName;
  }

  String status() {
    return status;
  }

  Instant lastModified() {
    return lastModified;
  }

  Instant pendingUntil() {
    return pendingUntil;
  }

  Instant nextFiring() {
    return nextFiring;
  }

  MonitoringExecution lastExecution() {
    return lastExecution;
  }
}
