package dev.secureml.operator.local.emulator;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Model Monitor's resources in one emulated account and region: data quality job definitions,
 * monitoring schedules, and the processing jobs their executions run (by lower-case name).
 * Job definitions and schedules are refused as Model Monitor refuses them: ResourceInUse for
 * a name taken, ResourceNotFound for a name unknown.
 */
record MonitoringTables(
    ResourceTable<HostedResource> definitions,
    ResourceTable<MonitoringSchedule> schedules,
    Map<String, MonitoringExecution> processingJobs,
    String processingJobArnPrefix) {

  static MonitoringTables create(String region, String accountId) {
    return new MonitoringTables(
        new ResourceTable<>(region, accountId, "data-quality-job-definition",
            "JobDefinitionName", refusals("data quality job definition")),
        new ResourceTable<>(region, accountId, "monitoring-schedule", "MonitoringScheduleName",
            refusals("monitoring schedule")),
        new ConcurrentHashMap<>(),
        "arn:aws:sagemaker:" + region + ":" + accountId + ":processing-job/");
  }

  private static ResourceTable.Refusals refusals(String noun) {
    return new ResourceTable.Refusals(
        arn -> new AwsServiceException("ResourceInUse", capitalized(noun) + " \"" + arn
            + "\" already exists."),
        name -> new AwsServiceException("ResourceNotFound", "Could not find " + noun + " \""
            + name + "\"."));
  }

  private static String capitalized(String noun) {
    return Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
  }

  String processingJobArn(String name) {
    return processingJobArnPrefix + name.toLowerCase(Locale.ROOT);
  }

  /** The job definition or schedule with this ARN, or null. */
  Taggable byArn(String arn) {
    Taggable found = definitions.byArn(arn);
    return found != null ? found : schedules.byArn(arn);
  }
}
