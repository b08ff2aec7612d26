package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.controller.monitor.ScheduleAction.AwaitChange;
import dev.secureml.operator.controller.monitor.ScheduleAction.CreateJobDefinition;
import dev.secureml.operator.controller.monitor.ScheduleAction.CreateSchedule;
import dev.secureml.operator.controller.monitor.ScheduleAction.DeleteRetiredDefinitions;
import dev.secureml.operator.controller.monitor.ScheduleAction.ReportNameConflict;
import dev.secureml.operator.controller.monitor.ScheduleAction.RestartSchedule;
import dev.secureml.operator.controller.monitor.ScheduleAction.Settle;
import dev.secureml.operator.controller.monitor.ScheduleAction.UpdateSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.ScheduleStatus;

/**
 * What a pass does to a monitor's Model Monitor schedule and job definitions: (the schedule as
 * SageMaker shows it, the status, the plan) -> the actions, in order. No I/O.
 *
 * <p>Ownership first: a schedule of the monitor's name that is another's must not cost a job
 * definition. A definition is created whenever the plan names another than status; the
 * schedule is created when missing, started when Stopped, and updated when it runs another
 * definition or cron (unless still Pending, when SageMaker refuses updates). Retired
 * definitions are deleted only once the schedule runs the planned one.
 */
final class ScheduleDecision {
  private ScheduleDecision() {}

  static List<ScheduleAction> decide(Optional<ObservedSchedule> observed,
      DataQualityMonitorStatus status, SchedulePlan plan) {
    if (observed.isPresent() && !observed.get().owned()) {
      return List.of(new ReportNameConflict(observed.get().name()));
    }
    List<ScheduleAction> actions = new ArrayList<>();
    List<String> retired = new ArrayList<>(status.retiredJobDefinitions);
    if (!plan.definitionName().equals(status.jobDefinitionName)) {
      actions.add(new CreateJobDefinition(plan.definitionName(), status.jobDefinitionName));
      if (status.jobDefinitionName != null && !retired.contains(status.jobDefinitionName)) {
        retired.add(status.jobDefinitionName);
      }
    }
    if (observed.isEmpty()) {
      actions.add(new CreateSchedule(plan.scheduleName(), plan.definitionName(), plan.cron()));
      actions.add(new AwaitChange());
      return actions;
    }
    ObservedSchedule schedule = observed.get();
    String state = schedule.status();
    if (ScheduleStatus.STOPPED.toString().equals(state)) {
      actions.add(new RestartSchedule(schedule.name()));
      state = ScheduleStatus.SCHEDULED.toString();
    }
    boolean current = plan.cron().equals(schedule.cron())
        && plan.definitionName().equals(schedule.definitionName());
    if (!current) {
      if (!ScheduleStatus.PENDING.toString().equals(state)) {
        actions.add(new UpdateSchedule(schedule.name(), plan.definitionName(), plan.cron()));
      }
      actions.add(new AwaitChange());
      return actions;
    }
    if (!retired.isEmpty()) {
      actions.add(new DeleteRetiredDefinitions(retired));
    }
    actions.add(new Settle());
    return actions;
  }
}
