package dev.secureml.operator.controller;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.DeletionPolicy;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.api.SecureTrainingJobStatus;
import dev.secureml.operator.controller.logs.FailureLogReporter;
import dev.secureml.operator.controller.logs.LogTracking;
import dev.secureml.operator.logs.RedactionScope;
import dev.secureml.operator.metrics.ResourcePhaseMetrics;
import dev.secureml.operator.policy.Decision;
import dev.secureml.operator.policy.PolicyEngine;
import dev.secureml.operator.policy.ResolvedSettings;
import dev.secureml.operator.sagemaker.AppliedSettings;
import dev.secureml.operator.sagemaker.CallerScope;
import dev.secureml.operator.sagemaker.ErrorKind;
import dev.secureml.operator.sagemaker.ResourceOwner;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import dev.secureml.operator.sagemaker.SageMakerNames;
import dev.secureml.operator.sagemaker.TrainingJobGateway;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Observe -> check policy -> act -> report, for SecureTrainingJob. Each step is a call into its
 * own class; this class only decides which step runs and what the status says afterwards.
 */
public class SecureTrainingJobController
    implements Reconciler<SecureTrainingJob>, Cleaner<SecureTrainingJob> {
  private static final Logger LOG = LoggerFactory.getLogger(SecureTrainingJobController.class);

  private final PolicyEngine engine;
  private final TrainingJobGateway gateway;
  private final TrainingJobSubmitter submitter;
  private final TrainingJobObserver observer;
  private final EventRecorder events;
  private final PollingSchedule polling;
  private final RetryBackoff backoff;
  private final ResourcePhaseMetrics phases;
  private final PerResourceState state;
  private final StatusConditions conditions;
  private final LogTracking logs;
  private final FailureLogReporter failureLogs;
  private final InternalErrors internalErrors;
  private final SchemaGate schemaGate;
  private volatile PolicyLookup lookup;

  public SecureTrainingJobController(PolicyEngine engine, TrainingJobGateway gateway,
      EventRecorder events, PerResourceState state, LogTracking logs,
      FailureLogReporter failureLogs, Clock clock) {
    this.engine = engine;
    this.gateway = gateway;
    this.submitter = new TrainingJobSubmitter(gateway);
    this.events = events;
    this.state = state;
    this.polling = state.polling();
    this.backoff = state.backoff();
    this.phases = state.phases();
    this.logs = logs;
    this.failureLogs = failureLogs;
    this.conditions = new StatusConditions(clock);
    this.observer = new TrainingJobObserver(gateway, events, conditions);
    this.internalErrors = new InternalErrors(events, clock);
    this.schemaGate = new SchemaGate(events, clock);
  }

  @Override
  public List<EventSource<?, SecureTrainingJob>> prepareEventSources(
      EventSourceContext<SecureTrainingJob> context) {
    // A policy or namespace-label change can admit a job that was rejected: wake those up.
    var watch = PolicyEventSources.create(context, SecureTrainingJob.class,
        j -> j.getStatus() == null || j.getStatus().trainingJobName == null);
    this.lookup = watch.lookup();
    return watch.sources();
  }

  @Override
  public UpdateControl<SecureTrainingJob> reconcile(SecureTrainingJob job,
      Context<SecureTrainingJob> context) {
    MDC.put("resource", job.getMetadata().getNamespace() + "/" + job.getMetadata().getName());
    // Conditions and log lines written in this pass mask the resource's declared secrets.
    RedactionScope secrets = RedactionScope.open(job);
    CallerScope caller = CallerScope.open(job.getMetadata().getUid());
    try {
      SecureTrainingJobStatus status = job.getStatus() == null
          ? new SecureTrainingJobStatus() : job.getStatus();
      job.setStatus(status);
      String before = SpecHash.of(status);
      Duration next = status.trainingJobName == null ? admitAndSubmit(job, status)
          : observer.observe(job, status, polling, backoff);
      status.observedGeneration = job.getMetadata().getGeneration();
      phases.record(job.getMetadata().getUid(), status.phase);
      logs.trainingJob(job);
      if (next == null && "Failed".equals(status.phase)) {
        next = failureLogs.report(job);
      }
      internalErrors.succeeded(job);
      UpdateControl<SecureTrainingJob> control = before.equals(SpecHash.of(status))
          ? UpdateControl.noUpdate() : UpdateControl.patchStatus(job);
      return next == null ? control : control.rescheduleAfter(next);
    } finally {
      MDC.remove("resource");
      caller.close();
      secrets.close();
    }
  }

  @Override
  public ErrorStatusUpdateControl<SecureTrainingJob> updateErrorStatus(SecureTrainingJob job,
      Context<SecureTrainingJob> context, Exception e) {
    SecureTrainingJobStatus status = job.getStatus() == null
        ? new SecureTrainingJobStatus() : job.getStatus();
    job.setStatus(status);
    return internalErrors.report(job, e, status.conditions, phase -> status.phase = phase,
        gen -> status.observedGeneration = gen);
  }

  private Duration admitAndSubmit(SecureTrainingJob job, SecureTrainingJobStatus status) {
    if (schemaGate.refuses(job, status.conditions, phase -> status.phase = phase)) {
      status.appliedPolicy = null;
      return null; // only a new spec can change the verdict
    }
    Long gen = job.getMetadata().getGeneration();
    String uid = job.getMetadata().getUid();
    Decision<ResolvedSettings> decision = engine.evaluateTrainingJob(job,
        lookup.namespace(job.getMetadata().getNamespace()), lookup.policies());
    String previousCompliance = Conditions.find(status.conditions, Conditions.COMPLIANT)
        .map(c -> c.getReason() + c.getMessage()).orElse("");
    conditions.compliance(status.conditions, decision, gen);
    boolean complianceChanged = !previousCompliance.equals(
        Conditions.find(status.conditions, Conditions.COMPLIANT)
            .map(c -> c.getReason() + c.getMessage()).orElse(""));
    if (!decision.allowed()) {
      status.phase = "Rejected";
      status.appliedPolicy = null;
      conditions.stalled(status.conditions, "PolicyViolation", decision.summary(), gen);
      if (complianceChanged) {
        events.warning(job, "PolicyViolation", decision.summary());
      }
      return null; // a policy or namespace change wakes the job up again
    }
    if (!decision.violations().isEmpty() && complianceChanged) {
      events.warning(job, "AuditViolations", "admitted by Audit enforcement despite: "
          + decision.summary());
    }
    if (alreadyRefusedBySageMaker(status, gen)) {
      return null; // terminal errors are not retried for the same spec generation
    }
    try {
      TrainingJobSubmitter.Result result = submitter.submit(job, decision.settings());
      backoff.reset(uid);
      if (result.outcome() == TrainingJobSubmitter.Outcome.NAME_CONFLICT) {
        boolean repeat = Conditions.find(status.conditions, Conditions.STALLED)
            .filter(c -> "NameConflict".equals(c.getReason())).isPresent();
        status.phase = "Error";
        conditions.stalled(status.conditions, "NameConflict", result.message(), gen);
        if (!repeat) {
          events.warning(job, "NameConflict", result.message());
        }
        return null;
      }
      status.trainingJobName = result.trainingJobName();
      status.trainingJobArn = result.trainingJobArn();
      status.submittedSpecHash = SpecHash.of(job.getSpec());
      status.appliedPolicy = AppliedSettings.of(decision.settings(),
          ResourceOwner.of(job.getMetadata()));
      status.phase = "Pending";
      String reason = result.outcome() == TrainingJobSubmitter.Outcome.CREATED
          ? "Created" : "Adopted";
      conditions.inProgress(status.conditions, reason, result.message(), gen);
      events.normal(job, reason, result.message());
      return polling.next(uid, true);
    } catch (SageMakerCallException e) {
      return onSubmitError(job, status, e);
    }
  }

  private boolean alreadyRefusedBySageMaker(SecureTrainingJobStatus status, Long gen) {
    return Conditions.find(status.conditions, Conditions.STALLED)
        .filter(c -> Conditions.TRUE.equals(c.getStatus()))
        .filter(c -> "SageMakerValidation".equals(c.getReason()))
        .filter(c -> Objects.equals(c.getObservedGeneration(), gen))
        .isPresent();
  }

  private Duration onSubmitError(SecureTrainingJob job, SecureTrainingJobStatus status,
      SageMakerCallException e) {
    Long gen = job.getMetadata().getGeneration();
    String uid = job.getMetadata().getUid();
    Optional<Duration> turn = TransientRetry.deferral(e);
    if (turn.isPresent()) {
      // Nothing failed: the job waits for its turn within the operator's SageMaker budget.
      status.phase = "Pending";
      conditions.inProgress(status.conditions, "Queued", "waiting for its turn to call SageMaker "
          + e.operation() + " within the operator's rate budget", gen);
      return turn.get();
    }
    if (e.kind().passes()) {
      Duration wait = backoff.next(uid);
      String reason = e.kind() == ErrorKind.THROTTLED ? "Throttled" : "AwsUnavailable";
      status.phase = "Pending";
      conditions.inProgress(status.conditions, reason, e.getMessage() + "; retrying in "
          + wait.toMillis() + " ms", gen);
      if (backoff.attempts(uid) == 1) {
        events.warning(job, reason, e.getMessage());
      }
      LOG.info("{} creating training job, retry {} in {}", reason, backoff.attempts(uid), wait);
      return wait;
    }
    status.phase = "Error";
    conditions.stalled(status.conditions, "SageMakerValidation", e.getMessage(), gen);
    events.warning(job, "SageMakerValidation", e.getMessage());
    return null;
  }

  @Override
  public DeleteControl cleanup(SecureTrainingJob job, Context<SecureTrainingJob> context) {
    try (CallerScope caller = CallerScope.open(job.getMetadata().getUid())) {
      return stopAndForget(job, context);
    }
  }

  private DeleteControl stopAndForget(SecureTrainingJob job, Context<SecureTrainingJob> context) {
    String uid = job.getMetadata().getUid();
    SecureTrainingJobStatus status = job.getStatus();
    boolean recorded = status != null && status.trainingJobName != null;
    String name = recorded ? status.trainingJobName : SageMakerNames.forResource(
        job.getMetadata().getNamespace(), job.getMetadata().getName(), uid);
    if (job.getSpec() != null && job.getSpec().deletionPolicy == DeletionPolicy.Retain) {
      if (recorded) {
        events.normal(job, "Retained", "deletionPolicy is Retain: SageMaker training job "
            + name + " is left as it is");
      }
      return forget(job);
    }
    try {
      var described = gateway.describe(name);
      if (described.isEmpty()) {
        return forget(job);
      }
      var d = described.get();
      // A name, recorded or derived, proves nothing: only the ownership tags do.
      if (!gateway.jobs().isOwned(d.trainingJobArn(), ResourceOwner.of(job.getMetadata()))) {
        if (recorded) {
          events.warning(job, "NotOwned", "left SageMaker training job " + name + " untouched:"
              + " it is not owned by this resource");
        }
        return forget(job);
      }
      if ("InProgress".equals(d.trainingJobStatusAsString())) {
        gateway.stop(name);
        events.normal(job, "StopRequested", "stopping SageMaker training job " + name
            + " because the SecureTrainingJob was deleted (deletionPolicy Delete)");
      }
      return forget(job);
    } catch (SageMakerCallException e) {
      return DeletionRetry.keepFinalizer(job, e, backoff, events, "StopFailed");
    } catch (RuntimeException e) {
      List<Condition> current = status == null || status.conditions == null
          ? new ArrayList<>() : status.conditions;
      return internalErrors.duringCleanup(job, current, e, backoff.next(uid),
          context.getClient());
    }
  }

  private DeleteControl forget(SecureTrainingJob job) {
    internalErrors.succeeded(job);
    logs.forget(job);
    failureLogs.forget(job.getMetadata().getUid());
    return forget(job.getMetadata().getUid());
  }

  private DeleteControl forget(String uid) {
    state.forget(uid);
    return DeleteControl.defaultDelete();
  }
}
