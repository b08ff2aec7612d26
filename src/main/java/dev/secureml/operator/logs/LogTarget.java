package dev.secureml.operator.logs;

import dev.secureml.operator.api.LogStatus;
import java.util.Objects;

/**
 * One resource whose logs the forwarder reads.
 *
 * @param sageMakerResource the training job or endpoint name in SageMaker
 * @param group the CloudWatch Logs group, e.g. {@code /aws/sagemaker/TrainingJobs}
 * @param streamPrefix the resource's streams start with this, e.g. {@code <job>/}; null or
 *     empty: every stream of the group (an endpoint's own group)
 * @param sourceFinished the job has ended (Completed, Failed, Stopped): no stream grows any
 *     more, so reading stops once every stream's end is reached
 * @param saved the checkpoints from the resource's status, used only when the target is first
 *     tracked; null: read every stream from its head
 * @param secrets the values the resource declared as secrets: masked in its lines wherever they
 *     appear, on top of the redactor's patterns
 */
public record LogTarget(LogSourceKey key, String sageMakerResource, String group,
    String streamPrefix, boolean sourceFinished, LogStatus saved, DeclaredSecrets secrets) {
  public LogTarget {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(group, "group");
    streamPrefix = streamPrefix == null ? "" : streamPrefix;
    secrets = secrets == null ? DeclaredSecrets.NONE : secrets;
  }

  /** A target whose resource declared no secrets. */
  public LogTarget(LogSourceKey key, String sageMakerResource, String group,
      String streamPrefix, boolean sourceFinished, LogStatus saved) {
    this(key, sageMakerResource, group, streamPrefix, sourceFinished, saved,
        DeclaredSecrets.NONE);
  }
}
