package dev.secureml.operator.controller.training;

import dev.secureml.operator.api.AppliedPolicy;
import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.DeletionPolicy;
import dev.secureml.operator.api.Phase;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.api.SecureTrainingJobStatus;
import dev.secureml.operator.controller.job.JobFields;
import dev.secureml.operator.controller.job.JobKind;
import dev.secureml.operator.controller.job.JobNoun;
import dev.secureml.operator.controller.job.JobState;
import dev.secureml.operator.controller.job.JobState.Standing;
import dev.secureml.operator.policy.Decision;
import dev.secureml.operator.policy.NamespaceInfo;
import dev.secureml.operator.policy.PolicyEngine;
import dev.secureml.operator.policy.ResolvedTrainingSettings;
import dev.secureml.operator.sagemaker.AppliedSettings;
import dev.secureml.operator.sagemaker.OwnedResources;
import dev.secureml.operator.sagemaker.ResourceOwner;
import dev.secureml.operator.sagemaker.TrainingJobGateway;
import dev.secureml.operator.sagemaker.TrainingJobRequestMapper;
import dev.secureml.operator.sagemaker.TrainingJobStatusMapper;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;

/** SecureTrainingJob as a {@link JobKind}: SageMaker training jobs. */
public final class TrainingJobKind implements JobKind<SecureTrainingJob, SecureTrainingJobStatus,
    ResolvedTrainingSettings, CreateTrainingJobRequest, DescribeTrainingJobResponse> {
  static final JobNoun NOUN = new JobNoun("training job", Reason.TRAINING_JOB_NOT_FOUND);

  private final PolicyEngine engine;
  private final TrainingJobGateway gateway;

  public TrainingJobKind(PolicyEngine engine, TrainingJobGateway gateway) {
    this.engine = engine;
    this.gateway = gateway;
  }

  @Override
  public Class<SecureTrainingJob> resourceType() {
    return SecureTrainingJob.class;
  }

  @Override
  public JobNoun noun() {
    return NOUN;
  }

  @Override
  public Decision<ResolvedTrainingSettings> evaluate(SecureTrainingJob job,
      NamespaceInfo namespace, List<CompliancePolicy> policies) {
    return engine.evaluateTrainingJob(job, namespace, policies);
  }

  @Override
  public CreateTrainingJobRequest createRequest(SecureTrainingJob job, String name,
      ResolvedTrainingSettings settings) {
    return TrainingJobRequestMapper.toCreateRequest(job, name, settings);
  }

  @Override
  public AppliedPolicy appliedPolicy(SecureTrainingJob job, ResolvedTrainingSettings settings) {
    return AppliedSettings.of(settings, ResourceOwner.of(job.getMetadata()));
  }

  @Override
  public boolean retainsOnDelete(SecureTrainingJob job) {
    return job.getSpec() != null && job.getSpec().deletionPolicy == DeletionPolicy.Retain;
  }

  @Override
  public SecureTrainingJobStatus newStatus() {
    return new SecureTrainingJobStatus();
  }

  @Override
  public JobFields fields(SecureTrainingJobStatus status) {
    return new TrainingJobFields(status);
  }

  /**
   * Completed is Ready; Failed and Stopped (MaxRuntimeExceeded named as such) are Stalled; any
   * other status (InProgress with its secondary status, Stopping) is still running, with the
   * phase as its reason.
   */
  @Override
  public JobState stateOf(DescribeTrainingJobResponse d, String name) {
    String shown = TrainingJobStatusMapper.phaseOf(d);
    Phase phase = Phase.ofSageMakerState(shown);
    int progress = d.secondaryStatusTransitions().size();
    String job = "SageMaker training job " + name;
    String primary = d.trainingJobStatusAsString();
    String secondary = d.secondaryStatusAsString();
    return switch (Phase.ofSageMakerState(primary)) {
      case COMPLETED -> new JobState(Standing.SUCCEEDED, phase, Reason.COMPLETED, job
          + " completed; model artifacts at " + (d.modelArtifacts() == null ? null
              : d.modelArtifacts().s3ModelArtifacts()), progress);
      case FAILED -> new JobState(Standing.FAILED, phase, Reason.TRAINING_FAILED, job
          + " failed: " + d.failureReason(), progress);
      case STOPPED -> new JobState(Standing.STOPPED, phase,
          Reason.MAX_RUNTIME_EXCEEDED.value().equals(secondary) ? Reason.MAX_RUNTIME_EXCEEDED
              : Reason.STOPPED, job + " stopped (" + secondary + ")", progress);
      default -> new JobState(Standing.RUNNING, phase, Reason.ofSageMakerState(shown), job
          + " is " + primary + " (" + secondary + ")", progress);
    };
  }

  @Override
  public void copy(DescribeTrainingJobResponse described, SecureTrainingJobStatus status) {
    TrainingJobStatusMapper.apply(described, status);
  }

  @Override
  public Optional<DescribeTrainingJobResponse> describe(String name) {
    return gateway.describe(name);
  }

  @Override
  public String create(CreateTrainingJobRequest request) {
    return gateway.create(request);
  }

  @Override
  public void stop(String name) {
    gateway.stop(name);
  }

  @Override
  public OwnedResources jobs() {
    return gateway.jobs();
  }

  @Override
  public String arnOf(DescribeTrainingJobResponse described) {
    return described.trainingJobArn();
  }

  @Override
  public boolean running(DescribeTrainingJobResponse described) {
    return Phase.IN_PROGRESS.value().equals(described.trainingJobStatusAsString());
  }
}
