package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Renders job definitions, schedules, executions and their processing jobs as Model Monitor's
 * Describe* and List* operations show them. Callers have brought schedules and executions up
 * to date; their state is read under their locks.
 */
final class MonitoringView {
  private static final String PROCESSING = "/opt/ml/processing";
  private static final List<String> REASON_PREFIXES =
      List.of("ClientError:", "AlgorithmError:", "InternalServerError:");

  private MonitoringView() {}

  static ObjectNode definitionSummary(HostedResource definition) {
    ObjectNode out = definition.summary("MonitoringJobDefinitionName",
        "MonitoringJobDefinitionArn");
    out.put("EndpointName", MonitoringService.endpointOf(definition.request()));
    return out;
  }

  static ObjectNode describe(MonitoringSchedule schedule) {
    ObjectNode out = scheduleSummary(schedule);
    synchronized (schedule) {
      out.set("MonitoringScheduleConfig", schedule.config().deepCopy());
      MonitoringExecution last = schedule.lastExecution();
      if (last != null) {
        out.set("LastMonitoringExecutionSummary", summary(last));
      }
    }
    return out;
  }

  static ObjectNode scheduleSummary(MonitoringSchedule schedule) {
    synchronized (schedule) {
      ObjectNode out = Json.object();
      out.put("MonitoringScheduleName", schedule.name());
      out.put("MonitoringScheduleArn", schedule.arn());
      out.put("CreationTime", Json.epochSeconds(schedule.creationTime()));
      out.put("LastModifiedTime", Json.epochSeconds(schedule.lastModified()));
      out.put("MonitoringScheduleStatus", schedule.status());
      out.put("EndpointName", schedule.endpointName());
      out.put("MonitoringJobDefinitionName", schedule.definitionName());
      out.put("MonitoringType", schedule.monitoringType());
      return out;
    }
  }

  /** A MonitoringExecutionSummary. */
  static ObjectNode summary(MonitoringExecution execution) {
    synchronized (execution) {
      ObjectNode out = Json.object();
      out.put("MonitoringScheduleName", execution.schedule().name());
      out.put("ScheduledTime", Json.epochSeconds(execution.scheduledTime()));
      out.put("CreationTime", Json.epochSeconds(execution.scheduledTime()));
      out.put("LastModifiedTime", Json.epochSeconds(execution.lastModified()));
      out.put("MonitoringExecutionStatus", execution.status());
      out.put("ProcessingJobArn", execution.processingJobArn());
      out.put("EndpointName", execution.endpointName());
      if (execution.failureReason() != null) {
        out.put("FailureReason", execution.failureReason());
      }
      out.put("MonitoringJobDefinitionName", execution.definition().name());
      out.put("MonitoringType", MonitoringService.DATA_QUALITY);
      return out;
    }
  }

  static ObjectNode describeProcessingJob(MonitoringExecution execution) {
    JsonNode definition = execution.definitionRequest();
    ObjectNode out = Json.object();
    synchronized (execution) {
      out.put("ProcessingJobName", execution.processingJobName());
      out.put("ProcessingJobArn", execution.processingJobArn());
      out.put("ProcessingJobStatus", execution.processingJobStatus());
      if (execution.exitMessage() != null) {
        out.put("ExitMessage", execution.exitMessage());
      }
      if (execution.failureReason() != null) {
        String reason = execution.failureReason();
        out.put("FailureReason", REASON_PREFIXES.stream().anyMatch(reason::startsWith)
            ? reason : "AlgorithmError: " + reason);
      }
      out.set("ProcessingInputs", inputs(definition));
      out.set("ProcessingOutputConfig", outputs(execution, definition));
      out.putObject("ProcessingResources")
          .set("ClusterConfig", definition.path("JobResources").path("ClusterConfig").deepCopy());
      if (definition.hasNonNull("StoppingCondition")) {
        out.set("StoppingCondition", definition.get("StoppingCondition").deepCopy());
      }
      JsonNode app = definition.path("DataQualityAppSpecification");
      ObjectNode spec = out.putObject("AppSpecification");
      spec.put("ImageUri", app.path("ImageUri").asText());
      for (String list : List.of("ContainerEntrypoint", "ContainerArguments")) {
        if (app.hasNonNull(list)) {
          spec.set(list, app.get(list).deepCopy());
        }
      }
      out.set("Environment", environment(execution, app));
      if (definition.hasNonNull("NetworkConfig")) {
        out.set("NetworkConfig", definition.get("NetworkConfig").deepCopy());
      }
      out.put("RoleArn", definition.path("RoleArn").asText());
      out.put("MonitoringScheduleArn", execution.schedule().arn());
      if (execution.processingStart() != null) {
        out.put("ProcessingStartTime", Json.epochSeconds(execution.processingStart()));
      }
      if (execution.processingEnd() != null) {
        out.put("ProcessingEndTime", Json.epochSeconds(execution.processingEnd()));
      }
      out.put("LastModifiedTime", Json.epochSeconds(execution.lastModified()));
      out.put("CreationTime", Json.epochSeconds(execution.scheduledTime()));
    }
    return out;
  }

  private static ArrayNode inputs(JsonNode definition) {
    JsonNode baseline = definition.path("DataQualityBaselineConfig");
    ArrayNode inputs = Json.array();
    input(inputs, "baseline", baseline.path("StatisticsResource").path("S3Uri").asText(),
        PROCESSING + "/baseline/stats");
    input(inputs, "constraints", baseline.path("ConstraintsResource").path("S3Uri").asText(),
        PROCESSING + "/baseline/constraints");
    return inputs;
  }

  private static void input(ArrayNode inputs, String name, String uri, String localPath) {
    ObjectNode s3 = inputs.addObject().put("InputName", name).put("AppManaged", false)
        .putObject("S3Input");
    s3.put("S3Uri", uri).put("LocalPath", localPath).put("S3DataType", "S3Prefix")
        .put("S3InputMode", "File").put("S3DataDistributionType", "FullyReplicated");
  }

  private static ObjectNode outputs(MonitoringExecution execution, JsonNode definition) {
    JsonNode config = definition.path("DataQualityJobOutputConfig");
    JsonNode s3 = config.path("MonitoringOutputs").path(0).path("S3Output");
    ObjectNode out = Json.object();
    ObjectNode output = out.putArray("Outputs").addObject();
    output.put("OutputName", "result");
    output.putObject("S3Output").put("S3Uri", execution.outputFolder().uri())
        .put("LocalPath", s3.path("LocalPath").asText(PROCESSING + "/output"))
        .put("S3UploadMode", s3.path("S3UploadMode").asText("EndOfJob"));
    output.put("AppManaged", false);
    if (Json.text(config, "KmsKeyId") != null) {
      out.put("KmsKeyId", Json.text(config, "KmsKeyId"));
    }
    return out;
  }

  /** What Model Monitor's analyzer is started with, the window included. */
  private static ObjectNode environment(MonitoringExecution execution, JsonNode app) {
    ObjectNode env = Json.object();
    env.put("dataset_format",
        "{\"sagemakerCaptureJson\":{\"captureIndexNames\":[\"endpointInput\",\"endpointOutput\"]}}");
    env.put("dataset_source", execution.definitionRequest().path("DataQualityJobInput")
        .path("EndpointInput").path("LocalPath").asText(PROCESSING + "/input/endpoint"));
    env.put("output_path", PROCESSING + "/output");
    env.put("publish_cloudwatch_metrics", "Enabled");
    env.put("sagemaker_endpoint_name", execution.endpointName());
    env.put("sagemaker_monitoring_schedule_name", execution.schedule().name());
    env.put("baseline_statistics", PROCESSING + "/baseline/stats/statistics.json");
    env.put("baseline_constraints", PROCESSING + "/baseline/constraints/constraints.json");
    env.put("start_time", execution.windowStart().toString());
    env.put("end_time", execution.scheduledTime().toString());
    app.path("Environment").fields().forEachRemaining(e -> env.set(e.getKey(), e.getValue()));
    return env;
  }
}
