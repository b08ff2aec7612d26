package dev.secureml.operator.controller.monitor;

import software.amazon.awssdk.services.sagemaker.model.DescribeMonitoringScheduleResponse;

/**
 * A monitoring schedule as DescribeMonitoringSchedule showed it, in plain values, and whether
 * its ownership tags name the monitor.
 *
 * @param cron the schedule expression it runs on
 * @param definitionName the data-quality job definition it runs
 */
record ObservedSchedule(String name, String arn, String status, String failureReason,
    String cron, String definitionName, boolean owned) {

  static ObservedSchedule of(String name, DescribeMonitoringScheduleResponse d, boolean owned) {
    var config = d.monitoringScheduleConfig();
    String cron = config == null || config.scheduleConfig() == null ? null
        : config.scheduleConfig().scheduleExpression();
    String definition = config == null ? null : config.monitoringJobDefinitionName();
    return new ObservedSchedule(name, d.monitoringScheduleArn(),
        d.monitoringScheduleStatusAsString(), d.failureReason(), cron, definition, owned);
  }
}
