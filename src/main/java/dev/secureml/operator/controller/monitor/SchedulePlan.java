package dev.secureml.operator.controller.monitor;

/**
 * What the spec asks of Model Monitor: the schedule (by the name the monitor works on), the
 * data-quality job definition it runs (content-named, so a spec change names a new one) and
 * its cron expression.
 */
record SchedulePlan(String scheduleName, String definitionName, String cron) {}
