package dev.secureml.operator.controller.monitor;

import java.util.List;

/**
 * One step of a pass over a monitor's Model Monitor schedule, as {@link ScheduleDecision} chose
 * it; {@link ModelMonitorSync} performs it. A pass ends with {@link Settle} or
 * {@link AwaitChange}, after which the schedule's runs are followed.
 */
sealed interface ScheduleAction {
  /** A schedule of the monitor's name belongs to another: leave it, report the conflict. */
  record ReportNameConflict(String scheduleName) implements ScheduleAction {}

  /**
   * Create (or adopt) the job definition. Definitions are immutable: the one in use before
   * ({@code retiring}, null for none) is retired, to be deleted once the schedule runs the new
   * one.
   */
  record CreateJobDefinition(String name, String retiring) implements ScheduleAction {}

  /** Create (or adopt) the schedule, running {@code definitionName} on {@code cron}. */
  record CreateSchedule(String name, String definitionName, String cron)
      implements ScheduleAction {}

  /** Stopped outside the operator: the spec says it runs, so start it again. */
  record RestartSchedule(String name) implements ScheduleAction {}

  /** Point the schedule at another job definition or cron expression. */
  record UpdateSchedule(String name, String definitionName, String cron)
      implements ScheduleAction {}

  /** The schedule runs the current definition: delete the retired ones (each only if owned). */
  record DeleteRetiredDefinitions(List<String> names) implements ScheduleAction {
    public DeleteRetiredDefinitions {
      names = List.copyOf(names);
    }
  }

  /** The schedule is in line with the spec: follow its runs, look again by the schedule. */
  record Settle() implements ScheduleAction {}

  /** The schedule was just created or changed: follow its runs, look again soon. */
  record AwaitChange() implements ScheduleAction {}
}
