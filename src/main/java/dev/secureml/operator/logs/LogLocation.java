package dev.secureml.operator.logs;

import dev.secureml.operator.api.LogStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a SageMaker resource's CloudWatch logs are: a group, the prefix its streams share, and
 * streams already known (from status.logs). SageMaker names them by convention, so a resource
 * whose logs were never forwarded can still be found.
 *
 * @param streamPrefix null when every stream of the group belongs to the resource
 */
public record LogLocation(String group, String streamPrefix, List<String> knownStreams) {
  public static final String TRAINING_JOBS_GROUP = "/aws/sagemaker/TrainingJobs";
  public static final String ENDPOINTS_GROUP_PREFIX = "/aws/sagemaker/Endpoints/";

  public LogLocation {
    knownStreams = List.copyOf(knownStreams);
  }

  /** Streams {@code <job>/algo-<n>-<epoch>} in the shared training group. */
  public static LogLocation ofTrainingJob(String trainingJobName, LogStatus logs) {
    return of(TRAINING_JOBS_GROUP, trainingJobName + "/", logs);
  }

  /** Streams {@code <variant>/<instance-id>} in the endpoint's own group. */
  public static LogLocation ofEndpoint(String endpointName, LogStatus logs) {
    return of(ENDPOINTS_GROUP_PREFIX + endpointName, null, logs);
  }

  private static LogLocation of(String derivedGroup, String prefix, LogStatus logs) {
    if (logs == null) {
      return new LogLocation(derivedGroup, prefix, List.of());
    }
    List<String> known = new ArrayList<>();
    if (logs.streams != null) {
      logs.streams.stream().filter(s -> s != null && s.name != null)
          .forEach(s -> known.add(s.name));
    }
    String group = logs.group == null || logs.group.isBlank() ? derivedGroup : logs.group;
    return new LogLocation(group, prefix, known);
  }

  @Override
  public String toString() {
    return group + (streamPrefix == null ? "" : " (streams " + streamPrefix + "*)");
  }
}
