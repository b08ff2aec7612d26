package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.dataquality.ReportReader;
import dev.secureml.operator.dataquality.MonitorBaseline;
import dev.secureml.operator.dataquality.ExecutionReport;
import dev.secureml.operator.dataquality.MonitorInputException;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.PollingSchedule;
import dev.secureml.operator.policy.ResolvedMonitorSettings;
import dev.secureml.operator.sagemaker.ErrorKind;
import dev.secureml.operator.sagemaker.MonitoringGateway;
import dev.secureml.operator.sagemaker.MonitoringRequestMapper;
import dev.secureml.operator.sagemaker.OwnedResources;
import dev.secureml.operator.sagemaker.ResourceOwner;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.model.DescribeMonitoringScheduleResponse;
import software.amazon.awssdk.services.sagemaker.model.MonitoringExecutionSummary;

/**
 * The ModelMonitor engine: keeps a data-quality job definition (immutable, so content-named:
 * a spec change makes a new one and retires the old) and a monitoring schedule in SageMaker in
 * line with the spec, and follows the schedule's executions, reading each finished run's
 * reports from its processing job's output.
 */
public final class ModelMonitorSync {
  private static final Set<String> FINISHED = Set.of("Completed", "CompletedWithViolations",
      "Failed", "Stopped");
  private static final Set<String> RUNNING = Set.of("Pending", "InProgress", "Stopping");
  private static final int EXECUTIONS_LOOKED_AT = 10;

  private final MonitoringGateway gateway;
  private final ReportReader reports;
  private final EventRecorder events;
  private final PollingSchedule polling;
  private final Clock clock;
  private final RecordedMonitorNames recorded;

  public ModelMonitorSync(MonitoringGateway gateway, ReportReader reports, EventRecorder events,
      PollingSchedule polling, Clock clock) {
    this.gateway = gateway;
    this.reports = reports;
    this.events = events;
    this.polling = polling;
    this.clock = clock;
    this.recorded = new RecordedMonitorNames(gateway, events);
  }

  EngineOutcome step(DataQualityMonitor m, DataQualityMonitorStatus status,
      MonitorSchedule schedule, MonitorBaseline baseline, ResolvedMonitorSettings settings,
      Map<String, String> tags) {
    String uid = m.getMetadata().getUid();
    ResourceOwner owner = ResourceOwner.of(m.getMetadata());
    var definition = MonitoringRequestMapper.toJobDefinitionRequest(m, settings,
        status.endpointName, baseline.constraintsS3Uri(), baseline.statisticsS3Uri(), uid);
    String cron = schedule.cronExpression().orElseThrow();
    // Recorded names win only when the tags say they are this monitor's: an earlier naming
    // could give two monitors one name. Ownership first: a name taken by someone else must not
    // cost a job definition.
    var found = recorded.schedule(m, status, owner);
    String scheduleName = found.name();
    Optional<DescribeMonitoringScheduleResponse> described = found.described();
    String definitionName = recorded.jobDefinition(status, scheduleName, definition, owner);

    if (!definitionName.equals(status.jobDefinitionName)) {
      // Create first: the definition exists only after a lost status write, and then Create
      // says so and the ownership rule decides.
      var created = gateway.jobDefinitions().createOrAdopt(definitionName, owner,
          () -> gateway.createDataQualityJobDefinition(definition));
      if (!created.adopted()) {
        events.normal(m, "JobDefinitionCreated", "Model Monitor data-quality job definition "
            + definitionName);
      }
      if (status.jobDefinitionName != null
          && !status.retiredJobDefinitions.contains(status.jobDefinitionName)) {
        status.retiredJobDefinitions.add(status.jobDefinitionName);
      }
      status.jobDefinitionName = definitionName;
    }

    boolean scheduleCurrent = false;
    if (described.isEmpty()) {
      status.monitoringScheduleName = scheduleName;
      status.monitoringScheduleArn = gateway.schedules().createOrAdopt(scheduleName, owner,
          () -> gateway.createMonitoringSchedule(MonitoringRequestMapper.toCreateScheduleRequest(
              m, settings, definitionName, cron, uid))).arn();
      status.scheduleStatus = "Pending";
      events.normal(m, "ScheduleCreated", "Model Monitor schedule " + scheduleName + " ("
          + cron + ")");
    } else {
      DescribeMonitoringScheduleResponse d = described.get();
      status.monitoringScheduleName = scheduleName;
      status.monitoringScheduleArn = d.monitoringScheduleArn();
      status.scheduleStatus = d.monitoringScheduleStatusAsString();
      status.scheduleFailureReason = d.failureReason();
      var config = d.monitoringScheduleConfig();
      String currentCron = config == null || config.scheduleConfig() == null ? null
          : config.scheduleConfig().scheduleExpression();
      String currentDefinition = config == null ? null : config.monitoringJobDefinitionName();
      scheduleCurrent = cron.equals(currentCron) && definitionName.equals(currentDefinition);
      if ("Stopped".equals(status.scheduleStatus)) {
        // Stopped outside the operator: the spec says it runs, so it runs again.
        gateway.startMonitoringSchedule(scheduleName);
        status.scheduleStatus = "Scheduled";
        events.warning(m, "ScheduleRestarted", "Model Monitor schedule " + scheduleName
            + " was stopped outside the operator; started it again");
      }
      if (!scheduleCurrent && !"Pending".equals(status.scheduleStatus)) {
        gateway.updateMonitoringSchedule(MonitoringRequestMapper.toUpdateScheduleRequest(
            scheduleName, definitionName, cron));
        events.normal(m, "ScheduleUpdated", "Model Monitor schedule " + scheduleName
            + " now runs " + definitionName + " (" + cron + ")");
      }
    }
    if (scheduleCurrent) {
      deleteRetired(m, status, owner);
    }

    List<MonitoringExecutionSummary> recent = gateway.recentExecutions(scheduleName,
        EXECUTIONS_LOOKED_AT);
    // Every finished run not yet in status, oldest first: after an outage none is skipped.
    List<ExecutionReport> reports = recent.stream()
        .filter(e -> isIn(FINISHED, e.monitoringExecutionStatusAsString()))
        .filter(e -> e.scheduledTime() != null)
        .filter(e -> DriftAlerts.lastRecorded(status)
            .map(last -> e.scheduledTime().isAfter(last)).orElse(true))
        .sorted(Comparator.comparing(MonitoringExecutionSummary::scheduledTime))
        .map(e -> report(e, schedule, baseline))
        .toList();
    boolean running = recent.stream()
        .anyMatch(e -> isIn(RUNNING, e.monitoringExecutionStatusAsString()));
    Instant now = clock.instant();
    Instant nextFire = schedule.next(now);
    Duration untilNext = Duration.between(now, nextFire);
    Duration wait = running || !scheduleCurrent ? polling.min()
        : untilNext.compareTo(polling.max()) < 0 ? max(untilNext, polling.min()) : polling.max();
    return new EngineOutcome(reports, nextFire, wait);
  }

  private ExecutionReport report(MonitoringExecutionSummary e, MonitorSchedule schedule,
      MonitorBaseline baseline) {
    Instant scheduled = e.scheduledTime();
    // Model Monitor analyzes the data captured since the schedule's previous fire time.
    Instant windowStart = schedule.previous(scheduled.minusNanos(1));
    String status = e.monitoringExecutionStatusAsString();
    if (!status.startsWith("Completed")) {
      return ExecutionReport.failed(scheduled, windowStart, scheduled,
          e.failureReason() != null ? e.failureReason() : "execution " + status,
          e.processingJobArn(), 0);
    }
    String jobName = e.processingJobArn().substring(e.processingJobArn().lastIndexOf('/') + 1);
    var job = gateway.describeProcessingJob(jobName).orElseThrow(() ->
        new MonitorInputException("processing job " + jobName + " of the run at "
            + scheduled + " is not found"));
    String output = job.processingOutputConfig().outputs().get(0).s3Output().s3Uri();
    return reports.read(output, baseline, scheduled, windowStart, scheduled,
        e.processingJobArn());
  }

  private void deleteRetired(DataQualityMonitor m, DataQualityMonitorStatus status,
      ResourceOwner owner) {
    for (String name : new ArrayList<>(status.retiredJobDefinitions)) {
      try {
        if (gateway.jobDefinitions().deleteIfOwned(name, owner)
            == OwnedResources.Deletion.NOT_OWNED) {
          events.warning(m, "NotOwned", "left data quality job definition " + name
              + " untouched: it is not owned by this resource");
        }
        status.retiredJobDefinitions.remove(name);
      } catch (SageMakerCallException e) {
        if (e.kind() != ErrorKind.RETRYABLE) {
          throw e;
        }
        // still in use by a run: next pass
      }
    }
  }

  void forget(String uid) {
    recorded.forget(uid);
  }

  /** Whether SageMaker may hold a schedule or job definition of this monitor. */
  boolean hasResources(DataQualityMonitorStatus status) {
    return status.monitoringScheduleName != null || status.jobDefinitionName != null
        || !status.retiredJobDefinitions.isEmpty();
  }

  /**
   * Deletes the schedule, then every job definition. Returns false while SageMaker still needs
   * time (a definition in use by a run); the caller looks again.
   */
  boolean teardown(DataQualityMonitor m, DataQualityMonitorStatus status) {
    ResourceOwner owner = ResourceOwner.of(m.getMetadata());
    String scheduleName = status.monitoringScheduleName != null ? status.monitoringScheduleName
        : MonitoringRequestMapper.scheduleName(m, m.getMetadata().getUid());
    var described = gateway.describeMonitoringSchedule(scheduleName);
    if (described.isPresent()) {
      if (!gateway.schedules().isOwned(described.get().monitoringScheduleArn(), owner)) {
        events.warning(m, "NotOwned", "left Model Monitor schedule " + scheduleName
            + " untouched: it is not owned by this resource");
      } else {
        if (!"Deleting".equals(described.get().monitoringScheduleStatusAsString())) {
          gateway.deleteMonitoringSchedule(scheduleName);
          events.normal(m, "ScheduleDeleted", "deleted Model Monitor schedule " + scheduleName);
        }
        if (gateway.describeMonitoringSchedule(scheduleName).isPresent()) {
          return false;
        }
      }
    }
    status.monitoringScheduleName = null;
    status.monitoringScheduleArn = null;
    status.scheduleStatus = null;
    status.scheduleFailureReason = null;
    if (status.jobDefinitionName != null
        && !status.retiredJobDefinitions.contains(status.jobDefinitionName)) {
      status.retiredJobDefinitions.add(status.jobDefinitionName);
    }
    status.jobDefinitionName = null;
    deleteRetired(m, status, owner);
    return status.retiredJobDefinitions.isEmpty();
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Set.of refuses null, and a summary may come without a status. */
  private static boolean isIn(Set<String> states, String state) {
    return state != null && states.contains(state);
  }
}
