package dev.secureml.operator.controller.job;

import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.InternalErrors;
import dev.secureml.operator.controller.PerResourceState;
import dev.secureml.operator.controller.PolicyEventSources;
import dev.secureml.operator.controller.PolicyLookup;
import dev.secureml.operator.controller.SchemaGate;
import dev.secureml.operator.controller.StableHash;
import dev.secureml.operator.controller.StatusConditions;
import dev.secureml.operator.controller.Statuses;
import dev.secureml.operator.logs.RedactionScope;
import dev.secureml.operator.sagemaker.CallerScope;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * The life of a SageMaker job behind a custom resource, for any {@link JobKind}: submit (schema,
 * policy, Create or adopt), then observe until the job settles, then stop it or keep it when the
 * resource is deleted. A kind's controller hands each JOSDK call to the method of the same name.
 */
public final class JobLifecycle<R extends CustomResource<?, S>, S, T, Q, D> {
  private final JobKind<R, S, T, Q, D> kind;
  private final JobLogs<R> logs;
  private final PerResourceState state;
  private final JobSubmission<R, S, T, Q> submission;
  private final JobObserver<R, S, D> observer;
  private final JobCleanup<R, S, D> cleanup;
  private final InternalErrors internalErrors;
  private final RecentSubmissions recent;
  private volatile PolicyLookup lookup;

  public JobLifecycle(JobKind<R, S, T, Q, D> kind, JobLogs<R> logs, EventRecorder events,
      PerResourceState state, Clock clock) {
    this.kind = kind;
    this.logs = logs;
    this.state = state;
    StatusConditions conditions = new StatusConditions(clock);
    this.submission = new JobSubmission<>(kind, new SchemaGate(events, clock), conditions,
        events, state.polling(), state.backoff());
    this.observer = new JobObserver<>(kind, events, conditions, state.polling(),
        state.backoff());
    this.internalErrors = new InternalErrors(events, clock, state);
    this.recent = new RecentSubmissions(state, clock);
    this.cleanup = new JobCleanup<>(kind, events, state.backoff(), internalErrors,
        this::forget);
  }

  public List<EventSource<?, R>> prepareEventSources(EventSourceContext<R> context) {
    // A policy or namespace-label change can admit a job that was rejected: wake those up.
    var watch = PolicyEventSources.create(context, kind.resourceType(),
        r -> r.getStatus() == null || kind.fields(r.getStatus()).jobName() == null);
    this.lookup = watch.lookup();
    return watch.sources();
  }

  public UpdateControl<R> reconcile(R resource) {
    MDC.put("resource", resource.getMetadata().getNamespace() + "/"
        + resource.getMetadata().getName());
    // Conditions and log lines written in this pass mask the resource's declared secrets.
    RedactionScope secrets = RedactionScope.open(resource);
    CallerScope caller = CallerScope.open(resource.getMetadata().getUid());
    try {
      return pass(resource);
    } finally {
      MDC.remove("resource");
      caller.close();
      secrets.close();
    }
  }

  private UpdateControl<R> pass(R resource) {
    S status = statusOf(resource);
    JobFields fields = kind.fields(status);
    String uid = resource.getMetadata().getUid();
    boolean submitting = fields.jobName() == null;
    var ownWriteAhead = submitting ? recent.waitFor(uid) : Optional.<Duration>empty();
    if (ownWriteAhead.isPresent()) {
      return UpdateControl.<R>noUpdate().rescheduleAfter(ownWriteAhead.get());
    }
    String before = StableHash.of(status);
    Duration next = submitting ? submission.submit(resource, status, lookup)
        : observer.observe(resource, status);
    if (!submitting) {
      recent.readBack(uid);
    } else if (fields.jobName() != null) {
      recent.submitted(uid);
    }
    fields.observedGeneration(resource.getMetadata().getGeneration());
    state.phases().record(resource.getMetadata().getUid(), fields.phase());
    logs.track(resource);
    if (next == null) {
      next = logs.settled(resource);
    }
    internalErrors.succeeded(resource);
    UpdateControl<R> control = before.equals(StableHash.of(status))
        ? UpdateControl.noUpdate() : UpdateControl.patchStatus(resource);
    return next == null ? control : control.rescheduleAfter(next);
  }

  public ErrorStatusUpdateControl<R> updateErrorStatus(R resource, Exception e) {
    JobFields fields = kind.fields(statusOf(resource));
    return internalErrors.report(resource, e, fields.conditions(), fields::phase,
        fields::observedGeneration);
  }

  public DeleteControl cleanup(R resource, Context<R> context) {
    try (CallerScope caller = CallerScope.open(resource.getMetadata().getUid())) {
      return cleanup.stopAndForget(resource, context.getClient());
    }
  }

  private DeleteControl forget(R resource) {
    internalErrors.succeeded(resource);
    logs.forget(resource);
    state.forget(resource.getMetadata().getUid());
    return DeleteControl.defaultDelete();
  }

  private S statusOf(R resource) {
    return Statuses.ensure(resource, kind::newStatus);
  }
}
