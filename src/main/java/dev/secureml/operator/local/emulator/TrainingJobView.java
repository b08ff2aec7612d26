package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Renders a job as DescribeTrainingJob, ListTrainingJobs and ListTags show it. */
final class TrainingJobView {
  private TrainingJobView() {}

  static ObjectNode describe(TrainingJob job) {
    synchronized (job) {
      ObjectNode out = Json.object();
      out.put("TrainingJobName", job.name());
      out.put("TrainingJobArn", job.arn());
      if (job.modelArtifacts() != null) {
        out.putObject("ModelArtifacts").put("S3ModelArtifacts", job.modelArtifacts());
      }
      out.put("TrainingJobStatus", job.status());
      out.put("SecondaryStatus", job.secondaryStatus());
      if (job.failureReason() != null) {
        out.put("FailureReason", job.failureReason());
      }
      // Echo what was asked for, as SageMaker does; tags are only visible through ListTags.
      job.request().fields().forEachRemaining(field -> {
        if (!field.getKey().equals("TrainingJobName")) {
          out.set(field.getKey(), field.getValue().deepCopy());
        }
      });
      for (String flag : new String[] {"EnableNetworkIsolation",
          "EnableInterContainerTrafficEncryption", "EnableManagedSpotTraining"}) {
        if (!out.has(flag)) {
          out.put(flag, false);
        }
      }
      out.put("CreationTime", Json.epochSeconds(job.creationTime()));
      if (job.trainingStart() != null) {
        out.put("TrainingStartTime", Json.epochSeconds(job.trainingStart()));
      }
      if (job.trainingEnd() != null) {
        out.put("TrainingEndTime", Json.epochSeconds(job.trainingEnd()));
      }
      out.put("LastModifiedTime", Json.epochSeconds(job.lastModified()));
      ArrayNode transitions = out.putArray("SecondaryStatusTransitions");
      for (TrainingJob.Transition t : job.transitions()) {
        ObjectNode node = transitions.addObject().put("Status", t.status())
            .put("StartTime", Json.epochSeconds(t.start()));
        if (t.end() != null) {
          node.put("EndTime", Json.epochSeconds(t.end()));
        }
        node.put("StatusMessage", t.message());
      }
      if (!job.finalMetrics().isEmpty()) {
        ArrayNode metrics = out.putArray("FinalMetricDataList");
        for (TrainingJob.Metric metric : job.finalMetrics()) {
          metrics.addObject().put("MetricName", metric.name()).put("Value", metric.value())
              .put("Timestamp", Json.epochSeconds(job.trainingEnd()));
        }
      }
      if (job.trainingSeconds() != null) {
        out.put("TrainingTimeInSeconds", job.trainingSeconds());
        out.put("BillableTimeInSeconds", job.billableSeconds());
      }
      return out;
    }
  }

  static ObjectNode summary(TrainingJob job) {
    synchronized (job) {
      ObjectNode out = Json.object()
          .put("TrainingJobName", job.name())
          .put("TrainingJobArn", job.arn())
          .put("CreationTime", Json.epochSeconds(job.creationTime()));
      if (job.trainingEnd() != null) {
        out.put("TrainingEndTime", Json.epochSeconds(job.trainingEnd()));
      }
      return out.put("LastModifiedTime", Json.epochSeconds(job.lastModified()))
          .put("TrainingJobStatus", job.status())
          .put("SecondaryStatus", job.secondaryStatus());
    }
  }

  static ArrayNode tags(Map<String, String> tags) {
    ArrayNode out = Json.array();
    tags.forEach((key, value) -> out.addObject().put("Key", key).put("Value", value));
    return out;
  }
}
