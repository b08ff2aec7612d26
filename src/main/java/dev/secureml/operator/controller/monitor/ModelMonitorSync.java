package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.PerResourceState;
import dev.secureml.operator.controller.PollingSchedule;
import dev.secureml.operator.controller.monitor.ScheduleAction.CreateJobDefinition;
import dev.secureml.operator.controller.monitor.ScheduleAction.CreateSchedule;
import dev.secureml.operator.controller.monitor.ScheduleAction.DeleteRetiredDefinitions;
import dev.secureml.operator.controller.monitor.ScheduleAction.ReportNameConflict;
import dev.secureml.operator.controller.monitor.ScheduleAction.RestartSchedule;
import dev.secureml.operator.controller.monitor.ScheduleAction.Settle;
import dev.secureml.operator.controller.monitor.ScheduleAction.UpdateSchedule;
import dev.secureml.operator.controller.monitor.ScheduleRuns.CompletedRun;
import dev.secureml.operator.controller.monitor.ScheduleRuns.FailedRun;
import dev.secureml.operator.dataquality.ExecutionReport;
import dev.secureml.operator.dataquality.MonitorBaseline;
import dev.secureml.operator.dataquality.MonitorInputException;
import dev.secureml.operator.dataquality.ReportReader;
import dev.secureml.operator.policy.ResolvedMonitorSettings;
import dev.secureml.operator.sagemaker.MonitoringGateway;
import dev.secureml.operator.sagemaker.MonitoringRequestMapper;
import dev.secureml.operator.sagemaker.NameConflictException;
import dev.secureml.operator.sagemaker.ResourceOwner;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.CreateDataQualityJobDefinitionRequest;

/**
 * The ModelMonitor engine: keeps a data-quality job definition (immutable, so content-named:
 * a spec change makes a new one and retires the old) and a monitoring schedule in SageMaker in
 * line with the spec, and follows the schedule's executions, reading each finished run's
 * reports from its processing job's output.
 *
 * <p>A pass observes (which schedule is the monitor's, what Describe says of it), asks
 * {@link ScheduleDecision} what to do, performs each action through the gateway and records it
 * in status and Events, then asks {@link ScheduleRuns} which runs to record.
 */
public final class ModelMonitorSync {
  private static final int EXECUTIONS_LOOKED_AT = 10;

  private final MonitoringGateway gateway;
  private final ReportReader reports;
  private final EventRecorder events;
  private final PollingSchedule polling;
  private final Clock clock;
  private final RecordedMonitorNames recorded;
  private final ModelMonitorTeardown teardown;

  /** @param state the monitors' polling bounds, and where names checked once are kept */
  public ModelMonitorSync(MonitoringGateway gateway, ReportReader reports, EventRecorder events,
      PerResourceState state, Clock clock) {
    this.gateway = gateway;
    this.reports = reports;
    this.events = events;
    this.polling = state.polling();
    this.clock = clock;
    this.recorded = new RecordedMonitorNames(gateway, events, state);
    this.teardown = new ModelMonitorTeardown(gateway, events);
  }

  /** What a pass knows when it acts: the monitor, its owner, and the requests to send. */
  private record Pass(DataQualityMonitor monitor, DataQualityMonitorStatus status,
      ResourceOwner owner, CreateDataQualityJobDefinitionRequest definition,
      ResolvedMonitorSettings settings) {}

  EngineOutcome step(DataQualityMonitor m, DataQualityMonitorStatus status,
      MonitorSchedule schedule, MonitorBaseline baseline, ResolvedMonitorSettings settings) {
    ResourceOwner owner = ResourceOwner.of(m.getMetadata());
    var definition = MonitoringRequestMapper.toJobDefinitionRequest(m, settings,
        status.endpointName, baseline.constraintsS3Uri(), baseline.statisticsS3Uri(),
        owner.uid());
    // Recorded names win only when the tags say they are this monitor's: an earlier naming
    // could give two monitors one name.
    var found = recorded.schedule(m, status, owner);
    SchedulePlan plan = new SchedulePlan(found.name(),
        recorded.jobDefinition(status, found.name(), definition, owner),
        schedule.cronExpression().orElseThrow());
    List<ScheduleAction> actions = ScheduleDecision.decide(found.observed(), status, plan);
    found.observed().filter(ObservedSchedule::owned).ifPresent(s -> status.scheduleSeen(
        s.name(), s.arn(), s.status(), s.failureReason()));
    Pass pass = new Pass(m, status, owner, definition, settings);
    actions.forEach(action -> perform(pass, action));
    boolean settled = actions.get(actions.size() - 1) instanceof Settle;
    return follow(status, plan.scheduleName(), schedule, baseline, settled);
  }

  private void perform(Pass pass, ScheduleAction action) {
    DataQualityMonitor m = pass.monitor();
    if (action instanceof ReportNameConflict a) {
      throw new NameConflictException("monitoring schedule", a.scheduleName());
    } else if (action instanceof CreateJobDefinition a) {
      // Create first: the definition exists only after a lost status write, and then Create
      // says so and the ownership rule decides.
      var created = gateway.jobDefinitions().createOrAdopt(a.name(), pass.owner(),
          () -> gateway.createDataQualityJobDefinition(pass.definition()));
      if (!created.adopted()) {
        events.normal(m, Reason.JOB_DEFINITION_CREATED, "Model Monitor data-quality job definition "
            + a.name());
      }
      pass.status().jobDefinitionReplaced(a.name());
    } else if (action instanceof CreateSchedule a) {
      String arn = gateway.schedules().createOrAdopt(a.name(), pass.owner(),
          () -> gateway.createMonitoringSchedule(MonitoringRequestMapper.toCreateScheduleRequest(
              m, pass.settings(), a.definitionName(), a.cron(), pass.owner().uid()))).arn();
      pass.status().scheduleCreated(a.name(), arn);
      events.normal(m, Reason.SCHEDULE_CREATED, "Model Monitor schedule " + a.name() + " ("
          + a.cron() + ")");
    } else if (action instanceof RestartSchedule a) {
      gateway.startMonitoringSchedule(a.name());
      pass.status().scheduleRestarted();
      events.warning(m, Reason.SCHEDULE_RESTARTED, "Model Monitor schedule " + a.name()
          + " was stopped outside the operator; started it again");
    } else if (action instanceof UpdateSchedule a) {
      gateway.updateMonitoringSchedule(MonitoringRequestMapper.toUpdateScheduleRequest(
          a.name(), a.definitionName(), a.cron()));
      events.normal(m, Reason.SCHEDULE_UPDATED, "Model Monitor schedule " + a.name()
          + " now runs " + a.definitionName() + " (" + a.cron() + ")");
    } else if (action instanceof DeleteRetiredDefinitions a) {
      teardown.deleteRetired(m, pass.status(), pass.owner(), a.names());
    }
  }

  /** Every finished run not yet in status, oldest first, and when to look again. */
  private EngineOutcome follow(DataQualityMonitorStatus status, String scheduleName,
      MonitorSchedule schedule, MonitorBaseline baseline, boolean settled) {
    var outcome = ScheduleRuns.decide(gateway.recentExecutions(scheduleName,
        EXECUTIONS_LOOKED_AT), DriftAlerts.lastRecorded(status), schedule, settled,
        clock.instant(), polling.min(), polling.max());
    List<ExecutionReport> read = outcome.runs().stream()
        .map(run -> run instanceof FailedRun failed ? failed.report()
            : read((CompletedRun) run, baseline))
        .toList();
    return new EngineOutcome(read, outcome.nextFire(), outcome.lookAgainIn());
  }

  private ExecutionReport read(CompletedRun run, MonitorBaseline baseline) {
    String jobName = run.processingJobName();
    var job = gateway.describeProcessingJob(jobName).orElseThrow(() ->
        new MonitorInputException("processing job " + jobName + " of the run at "
            + run.scheduledTime() + " is not found"));
    String output = job.processingOutputConfig().outputs().get(0).s3Output().s3Uri();
    return reports.read(output, baseline, run.scheduledTime(), run.windowStart(),
        run.scheduledTime(), run.processingJobArn());
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
    return teardown.run(m, status);
  }
}
