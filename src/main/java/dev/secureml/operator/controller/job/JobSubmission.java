package dev.secureml.operator.controller.job;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.Phase;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.PolicyLookup;
import dev.secureml.operator.controller.PollingSchedule;
import dev.secureml.operator.controller.RetryBackoff;
import dev.secureml.operator.controller.SchemaGate;
import dev.secureml.operator.controller.StableHash;
import dev.secureml.operator.controller.StatusConditions;
import dev.secureml.operator.controller.StreakWarnings;
import dev.secureml.operator.controller.TransientRetry;
import dev.secureml.operator.controller.job.JobSubmitter.Outcome;
import dev.secureml.operator.controller.job.JobSubmitter.Result;
import dev.secureml.operator.policy.Decision;
import dev.secureml.operator.sagemaker.ErrorKind;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import io.fabric8.kubernetes.client.CustomResource;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job not submitted yet: schema -> policy -> Create or adopt -> status. Errors are data: a
 * violation, a name conflict or SageMaker's refusal stalls the resource with its reason and is
 * not retried for the same generation; the rate limiter's turn and throttling are waited out.
 */
final class JobSubmission<R extends CustomResource<?, S>, S, T, Q> {
  private static final Logger LOG = LoggerFactory.getLogger(JobSubmission.class);

  private final JobKind<R, S, T, Q, ?> kind;
  private final JobSubmitter<R, S, T, Q> submitter;
  private final SchemaGate schemaGate;
  private final StatusConditions conditions;
  private final EventRecorder events;
  private final PollingSchedule polling;
  private final RetryBackoff backoff;

  JobSubmission(JobKind<R, S, T, Q, ?> kind, SchemaGate schemaGate, StatusConditions conditions,
      EventRecorder events, PollingSchedule polling, RetryBackoff backoff) {
    this.kind = kind;
    this.submitter = new JobSubmitter<>(kind);
    this.schemaGate = schemaGate;
    this.conditions = conditions;
    this.events = events;
    this.polling = polling;
    this.backoff = backoff;
  }

  /** Returns when to look again, or null when only a change (spec, policy) can help. */
  Duration submit(R resource, S status, PolicyLookup lookup) {
    JobFields fields = kind.fields(status);
    Decision<T> decision = admit(resource, fields, lookup);
    if (decision == null || alreadyRefusedBySageMaker(resource, fields)) {
      return null; // terminal errors are not retried for the same spec generation
    }
    try {
      Result result = submitter.submit(resource, decision.settings());
      backoff.reset(resource.getMetadata().getUid());
      return result.outcome() == Outcome.NAME_CONFLICT ? nameConflict(resource, fields, result)
          : submitted(resource, fields, decision.settings(), result);
    } catch (SageMakerCallException e) {
      return onSubmitError(resource, fields, e);
    }
  }

  /** The schema gate and the policy: the decision when the job may go ahead, else null. */
  private Decision<T> admit(R resource, JobFields fields, PolicyLookup lookup) {
    if (schemaGate.refuses(resource, fields.conditions(), fields::phase)) {
      fields.appliedPolicy(null);
      return null; // only a new spec can change the verdict
    }
    Long gen = resource.getMetadata().getGeneration();
    Decision<T> decision = kind.evaluate(resource,
        lookup.namespace(resource.getMetadata().getNamespace()), lookup.policies());
    String previousCompliance = compliance(fields);
    conditions.compliance(fields.conditions(), decision, gen);
    boolean complianceChanged = !previousCompliance.equals(compliance(fields));
    if (!decision.allowed()) {
      fields.phase(Phase.REJECTED.value());
      fields.appliedPolicy(null);
      conditions.stalled(fields.conditions(), Reason.POLICY_VIOLATION, decision.summary(), gen);
      if (complianceChanged) {
        events.warning(resource, Reason.POLICY_VIOLATION, decision.summary());
      }
      return null; // a policy or namespace change wakes the job up again
    }
    if (!decision.violations().isEmpty() && complianceChanged) {
      events.warning(resource, Reason.AUDIT_VIOLATIONS, "admitted by Audit enforcement despite: "
          + decision.summary());
    }
    return decision;
  }

  private static String compliance(JobFields fields) {
    return Conditions.find(fields.conditions(), Conditions.COMPLIANT)
        .map(c -> c.getReason() + c.getMessage()).orElse("");
  }

  private boolean alreadyRefusedBySageMaker(R resource, JobFields fields) {
    return Conditions.find(fields.conditions(), Conditions.STALLED)
        .filter(c -> Conditions.TRUE.equals(c.getStatus()))
        .filter(c -> Reason.SAGEMAKER_VALIDATION.value().equals(c.getReason()))
        .filter(c -> Objects.equals(c.getObservedGeneration(),
            resource.getMetadata().getGeneration()))
        .isPresent();
  }

  private Duration nameConflict(R resource, JobFields fields, Result result) {
    boolean anew = StreakWarnings.isNewReason(fields.conditions(), Conditions.STALLED,
        Reason.NAME_CONFLICT);
    fields.phase(Phase.ERROR.value());
    conditions.stalled(fields.conditions(), Reason.NAME_CONFLICT, result.message(),
        resource.getMetadata().getGeneration());
    if (anew) {
      events.warning(resource, Reason.NAME_CONFLICT, result.message());
    }
    return null;
  }

  private Duration submitted(R resource, JobFields fields, T settings, Result result) {
    fields.submitted(result.name(), result.arn(), StableHash.of(resource.getSpec()),
        kind.appliedPolicy(resource, settings));
    fields.phase(Phase.PENDING.value());
    Reason reason = result.outcome() == Outcome.CREATED ? Reason.CREATED : Reason.ADOPTED;
    conditions.inProgress(fields.conditions(), reason, result.message(),
        resource.getMetadata().getGeneration());
    events.normal(resource, reason, result.message());
    return polling.next(resource.getMetadata().getUid(), true);
  }

  private Duration onSubmitError(R resource, JobFields fields, SageMakerCallException e) {
    Long gen = resource.getMetadata().getGeneration();
    String uid = resource.getMetadata().getUid();
    Optional<Duration> turn = TransientRetry.deferral(e);
    if (turn.isPresent()) {
      // Nothing failed: the job waits for its turn within the operator's SageMaker budget.
      fields.phase(Phase.PENDING.value());
      conditions.inProgress(fields.conditions(), Reason.QUEUED, "waiting for its turn to call "
          + "SageMaker " + e.operation() + " within the operator's rate budget", gen);
      return turn.get();
    }
    if (e.kind().passes()) {
      Duration wait = TransientRetry.backOff(resource, e.kind(), e.getMessage(), backoff,
          events);
      Reason reason = e.kind() == ErrorKind.THROTTLED ? Reason.THROTTLED : Reason.AWS_UNAVAILABLE;
      fields.phase(Phase.PENDING.value());
      conditions.inProgress(fields.conditions(), reason, e.getMessage() + "; retrying in "
          + wait.toMillis() + " ms", gen);
      LOG.info("{} creating {}, retry {} in {}", reason, kind.noun().words(),
          backoff.attempts(uid), wait);
      return wait;
    }
    fields.phase(Phase.ERROR.value());
    conditions.stalled(fields.conditions(), Reason.SAGEMAKER_VALIDATION, e.getMessage(), gen);
    events.warning(resource, Reason.SAGEMAKER_VALIDATION, e.getMessage());
    return null;
  }
}
