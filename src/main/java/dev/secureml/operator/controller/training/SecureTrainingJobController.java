package dev.secureml.operator.controller.training;

import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.api.SecureTrainingJobStatus;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.PerResourceState;
import dev.secureml.operator.controller.job.JobLifecycle;
import dev.secureml.operator.controller.logs.FailureLogReporter;
import dev.secureml.operator.controller.logs.LogTracking;
import dev.secureml.operator.policy.PolicyEngine;
import dev.secureml.operator.policy.ResolvedTrainingSettings;
import dev.secureml.operator.sagemaker.TrainingJobGateway;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;

/**
 * SecureTrainingJob: the shared SageMaker job lifecycle ({@link JobLifecycle}) run for {@link
 * TrainingJobKind}, with the training logs forwarded ({@link TrainingJobLogs}).
 */
public class SecureTrainingJobController
    implements Reconciler<SecureTrainingJob>, Cleaner<SecureTrainingJob> {
  private final JobLifecycle<SecureTrainingJob, SecureTrainingJobStatus,
      ResolvedTrainingSettings, CreateTrainingJobRequest, DescribeTrainingJobResponse> lifecycle;

  public SecureTrainingJobController(PolicyEngine engine, TrainingJobGateway gateway,
      EventRecorder events, PerResourceState state, LogTracking logs,
      FailureLogReporter failureLogs, Clock clock) {
    this.lifecycle = new JobLifecycle<>(new TrainingJobKind(engine, gateway),
        new TrainingJobLogs(logs, failureLogs), events, state, clock);
  }

  @Override
  public List<EventSource<?, SecureTrainingJob>> prepareEventSources(
      EventSourceContext<SecureTrainingJob> context) {
    return lifecycle.prepareEventSources(context);
  }

  @Override
  public UpdateControl<SecureTrainingJob> reconcile(SecureTrainingJob job,
      Context<SecureTrainingJob> context) {
    return lifecycle.reconcile(job);
  }

  @Override
  public ErrorStatusUpdateControl<SecureTrainingJob> updateErrorStatus(SecureTrainingJob job,
      Context<SecureTrainingJob> context, Exception e) {
    return lifecycle.updateErrorStatus(job, e);
  }

  @Override
  public DeleteControl cleanup(SecureTrainingJob job, Context<SecureTrainingJob> context) {
    return lifecycle.cleanup(job, context);
  }
}
