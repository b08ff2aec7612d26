package dev.secureml.operator.controller.training;

import dev.secureml.operator.api.Phase;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.controller.job.JobLogs;
import dev.secureml.operator.controller.logs.FailureLogReporter;
import dev.secureml.operator.controller.logs.LogTracking;
import java.time.Duration;

/**
 * A training job's logs: its streams under /aws/sagemaker/TrainingJobs are forwarded while it
 * runs, and a failed job gets one Event with its last lines.
 */
record TrainingJobLogs(LogTracking tracking, FailureLogReporter failureLogs)
    implements JobLogs<SecureTrainingJob> {
  @Override
  public void track(SecureTrainingJob job) {
    tracking.trainingJob(job);
  }

  @Override
  public Duration settled(SecureTrainingJob job) {
    return Phase.FAILED.value().equals(job.getStatus().phase) ? failureLogs.report(job) : null;
  }

  @Override
  public void forget(SecureTrainingJob job) {
    tracking.forget(job);
  }
}
