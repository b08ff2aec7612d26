package dev.secureml.operator.controller.training;

import dev.secureml.operator.api.AppliedPolicy;
import dev.secureml.operator.api.SecureTrainingJobStatus;
import dev.secureml.operator.controller.job.JobFields;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** The job lifecycle's fields in a SecureTrainingJob's status. */
record TrainingJobFields(SecureTrainingJobStatus status) implements JobFields {
  @Override
  public String jobName() {
    return status.trainingJobName;
  }

  @Override
  public void submitted(String name, String arn, String specHash, AppliedPolicy applied) {
    status.trainingJobName = name;
    status.trainingJobArn = arn;
    status.submittedSpecHash = specHash;
    status.appliedPolicy = applied;
  }

  @Override
  public String submittedSpecHash() {
    return status.submittedSpecHash;
  }

  @Override
  public String phase() {
    return status.phase;
  }

  @Override
  public void phase(String phase) {
    status.phase = phase;
  }

  @Override
  public List<Condition> conditions() {
    return status.conditions;
  }

  @Override
  public void appliedPolicy(AppliedPolicy applied) {
    status.appliedPolicy = applied;
  }

  @Override
  public void observedGeneration(Long generation) {
    status.observedGeneration = generation;
  }

  /** The secondary status transitions SageMaker has reported. */
  @Override
  public int progress() {
    return status.secondaryStatusTransitions == null ? 0
        : status.secondaryStatusTransitions.size();
  }
}
