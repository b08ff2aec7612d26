package dev.secureml.operator.sagemaker;

import dev.secureml.operator.api.Phase;
import dev.secureml.operator.api.SecureTrainingJobStatus;
import dev.secureml.operator.api.SecureTrainingJobStatus.StatusTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.MetricData;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatusTransition;

/**
 * DescribeTrainingJob -> the SageMaker part of the resource's status. Everything SageMaker
 * reports is copied, absent values included, because Describe is the truth; the operator's own
 * fields (phase, conditions, names, applied policy) are left to the controller.
 */
public final class TrainingJobStatusMapper {
  static final String IN_PROGRESS = "InProgress";

  private TrainingJobStatusMapper() {}

  public static void apply(DescribeTrainingJobResponse d, SecureTrainingJobStatus status) {
    status.trainingJobArn = d.trainingJobArn();
    status.sageMakerStatus = d.trainingJobStatusAsString();
    status.secondaryStatus = d.secondaryStatusAsString();
    status.secondaryStatusTransitions = transitions(d.secondaryStatusTransitions());
    status.failureReason = d.failureReason();
    status.trainingStartTime = iso(d.trainingStartTime());
    status.trainingEndTime = iso(d.trainingEndTime());
    status.trainingTimeSeconds = toLong(d.trainingTimeInSeconds());
    status.billableTimeSeconds = toLong(d.billableTimeInSeconds());
    status.modelArtifacts = d.modelArtifacts() == null
        ? null : d.modelArtifacts().s3ModelArtifacts();
    status.finalMetrics = metrics(d.finalMetricDataList());
  }

  /**
   * The short phase for the printer column: while InProgress, SageMaker's secondary status
   * (Starting, Downloading, Training, Uploading, Pending, Interrupted, ...); otherwise the
   * primary status (Completed, Failed, Stopping, Stopped). A state newer than {@link Phase} is
   * Unknown (status.sageMakerStatus and secondaryStatus keep its name).
   */
  public static String phaseOf(DescribeTrainingJobResponse d) {
    String primary = d.trainingJobStatusAsString();
    if (IN_PROGRESS.equals(primary)) {
      String secondary = d.secondaryStatusAsString();
      // Right after CreateTrainingJob, Describe may not have a secondary status yet.
      return secondary == null || secondary.isEmpty() ? Phase.STARTING.value()
          : Phase.ofSageMakerState(secondary).value();
    }
    return Phase.ofSageMakerState(primary).value();
  }

  private static List<StatusTransition> transitions(List<SecondaryStatusTransition> from) {
    List<StatusTransition> list = new ArrayList<>();
    for (SecondaryStatusTransition t : from) {
      StatusTransition transition = new StatusTransition();
      transition.status = t.statusAsString();
      transition.startTime = iso(t.startTime());
      transition.endTime = iso(t.endTime());
      transition.statusMessage = t.statusMessage();
      list.add(transition);
    }
    return list;
  }

  private static Map<String, Double> metrics(List<MetricData> from) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (MetricData m : from) {
      if (m.metricName() != null && m.value() != null) {
        // SageMaker's values are floats; going through the decimal text keeps 0.91 as 0.91
        // instead of widening it to 0.9100000262260437.
        metrics.put(m.metricName(), Double.parseDouble(Float.toString(m.value())));
      }
    }
    return metrics;
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Long toLong(Integer value) {
    return value == null ? null : value.longValue();
  }
}
