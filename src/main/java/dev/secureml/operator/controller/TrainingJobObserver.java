package dev.secureml.operator.controller;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.api.SecureTrainingJobStatus;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import dev.secureml.operator.sagemaker.TrainingJobGateway;
import dev.secureml.operator.sagemaker.TrainingJobStatusMapper;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;

/** Follows a submitted training job: Describe -> status, conditions and an Event per transition. */
class TrainingJobObserver {
  private final TrainingJobGateway gateway;
  private final EventRecorder events;
  private final StatusConditions conditions;

  TrainingJobObserver(TrainingJobGateway gateway, EventRecorder events,
      StatusConditions conditions) {
    this.gateway = gateway;
    this.events = events;
    this.conditions = conditions;
  }

  /** Returns when to look again, or null once the job has settled. */
  Duration observe(SecureTrainingJob job, SecureTrainingJobStatus status, PollingSchedule polling,
      RetryBackoff backoff) {
    Long gen = job.getMetadata().getGeneration();
    String uid = job.getMetadata().getUid();
    DescribeTrainingJobResponse described;
    try {
      var found = gateway.describe(status.trainingJobName);
      if (found.isEmpty()) {
        status.phase = "Error";
        String msg = "SageMaker training job " + status.trainingJobName
            + " no longer exists (deleted outside the operator?)";
        if (!"TrainingJobNotFound".equals(stalledReason(status))) {
          events.warning(job, "TrainingJobNotFound", msg);
        }
        conditions.stalled(status.conditions, "TrainingJobNotFound", msg, gen);
        polling.forget(uid);
        return null;
      }
      described = found.get();
      backoff.reset(uid);
    } catch (SageMakerCallException e) {
      var turn = TransientRetry.deferral(e);
      if (turn.isPresent()) {
        return turn.get(); // the poll waits for its turn in the budget; nothing failed
      }
      if (e.kind().passes()) {
        return backoff.next(uid); // keep the last known status; try again later
      }
      // Access denied, an expired token...: fixable outside, so say so and look again later.
      if (!"DescribeFailed".equals(stalledReason(status))) {
        events.warning(job, "DescribeFailed", e.getMessage());
      }
      conditions.stalled(status.conditions, "DescribeFailed", e.getMessage(), gen);
      return polling.max();
    }
    String previousPhase = status.phase;
    int previousTransitions = status.secondaryStatusTransitions.size();
    TrainingJobStatusMapper.apply(described, status);
    status.phase = TrainingJobStatusMapper.phaseOf(described);
    boolean changed = !Objects.equals(previousPhase, status.phase)
        || previousTransitions != status.secondaryStatusTransitions.size();
    List<Condition> previousConditions = new ArrayList<>(status.conditions);
    boolean settled = report(job, status, previousPhase, gen);
    if (!Objects.equals(SpecHash.of(job.getSpec()), status.submittedSpecHash)) {
      // SpecImmutable outranks the job's own state; writing both would flip the conditions'
      // transition times on every poll.
      status.conditions = previousConditions;
      String msg = "spec changed after SageMaker training job " + status.trainingJobName
          + " was submitted; training jobs cannot be changed, so the change is ignored. Restore "
          + "the spec, or delete this resource and create a new one";
      if (!"SpecImmutable".equals(stalledReason(status))) {
        events.warning(job, "SpecImmutable", msg);
      }
      conditions.stalled(status.conditions, "SpecImmutable", msg, gen);
    }
    if (settled) {
      polling.forget(uid);
      return null;
    }
    return polling.next(uid, changed);
  }

  /** Sets conditions for the job's state and records the transition; true once settled. */
  private boolean report(SecureTrainingJob job, SecureTrainingJobStatus status,
      String previousPhase, Long gen) {
    String name = status.trainingJobName;
    boolean transitioned = !Objects.equals(previousPhase, status.phase);
    switch (String.valueOf(status.sageMakerStatus)) {
      case "Completed" -> {
        String msg = "SageMaker training job " + name + " completed; model artifacts at "
            + status.modelArtifacts;
        conditions.ready(status.conditions, "Completed", msg, gen);
        if (transitioned) {
          events.normal(job, "Completed", msg);
        }
        return true;
      }
      case "Failed" -> {
        String msg = "SageMaker training job " + name + " failed: " + status.failureReason;
        conditions.stalled(status.conditions, "TrainingFailed", msg, gen);
        if (transitioned) {
          events.warning(job, "TrainingFailed", msg);
        }
        return true;
      }
      case "Stopped" -> {
        String why = "MaxRuntimeExceeded".equals(status.secondaryStatus)
            ? "MaxRuntimeExceeded" : "Stopped";
        String msg = "SageMaker training job " + name + " stopped (" + status.secondaryStatus
            + ")";
        conditions.stalled(status.conditions, why, msg, gen);
        if (transitioned) {
          events.warning(job, why, msg);
        }
        return true;
      }
      default -> {
        String msg = "SageMaker training job " + name + " is " + status.sageMakerStatus + " ("
            + status.secondaryStatus + ")";
        conditions.inProgress(status.conditions, status.phase, msg, gen);
        if (transitioned) {
          events.normal(job, status.phase, msg);
        }
        return false;
      }
    }
  }

  private static String stalledReason(SecureTrainingJobStatus status) {
    return Conditions.find(status.conditions, Conditions.STALLED)
        .filter(c -> "True".equals(c.getStatus()))
        .map(c -> c.getReason()).orElse(null);
  }
}
