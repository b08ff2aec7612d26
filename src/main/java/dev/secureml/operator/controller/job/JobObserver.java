package dev.secureml.operator.controller.job;

import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.PollingSchedule;
import dev.secureml.operator.controller.RetryBackoff;
import dev.secureml.operator.controller.StableHash;
import dev.secureml.operator.controller.StatusConditions;
import dev.secureml.operator.controller.TransientRetry;
import dev.secureml.operator.controller.job.ObservationOutcome.JobEvent;
import dev.secureml.operator.controller.job.ObservationOutcome.Next;
import dev.secureml.operator.controller.job.ObservationOutcome.Verdict;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import io.fabric8.kubernetes.client.CustomResource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Follows a submitted job: Describes it, asks {@link ObservationDecision} what that means, then
 * writes status, raises the Events and says when to look again.
 */
public final class JobObserver<R extends CustomResource<?, S>, S, D> {
  private final JobKind<R, S, ?, ?, D> kind;
  private final EventRecorder events;
  private final StatusConditions conditions;
  private final PollingSchedule polling;
  private final RetryBackoff backoff;

  JobObserver(JobKind<R, S, ?, ?, D> kind, EventRecorder events, StatusConditions conditions,
      PollingSchedule polling, RetryBackoff backoff) {
    this.kind = kind;
    this.events = events;
    this.conditions = conditions;
    this.polling = polling;
    this.backoff = backoff;
  }

  /** Returns when to look again, or null once the job has settled. */
  Duration observe(R resource, S status) {
    String uid = resource.getMetadata().getUid();
    String name = kind.fields(status).jobName();
    Optional<D> described = Optional.empty();
    Observed observed;
    SageMakerCallException failure = null;
    try {
      described = kind.describe(name);
      observed = Observed.of(described.map(d -> kind.stateOf(d, name)));
    } catch (SageMakerCallException e) {
      failure = e;
      observed = Observed.failed(e);
    }
    if (described.isPresent()) {
      backoff.reset(uid);
    }
    ObservationOutcome outcome = ObservationDecision.decide(observed,
        JobSnapshot.of(kind.fields(status)), StableHash.of(resource.getSpec()), kind.noun());
    record(kind, described.orElse(null), outcome, status, conditions,
        resource.getMetadata().getGeneration());
    raise(resource, outcome.events());
    return next(outcome.next(), uid, failure);
  }

  /**
   * Writes an outcome into the status: what Describe reported (when it answered), the phase and
   * the conditions. Events and polling are the caller's.
   *
   * @param described the Describe response the outcome came from; null when there was none
   */
  public static <S, D> void record(JobKind<?, S, ?, ?, D> kind, D described,
      ObservationOutcome outcome, S status, StatusConditions conditions, Long generation) {
    if (described != null) {
      kind.copy(described, status);
    }
    JobFields fields = kind.fields(status);
    if (outcome.phase() != null) {
      fields.phase(outcome.phase().value());
    }
    Verdict v = outcome.verdict();
    if (v == null) {
      return;
    }
    switch (v.situation()) {
      case READY -> conditions.ready(fields.conditions(), v.reason(), v.message(), generation);
      case IN_PROGRESS -> conditions.inProgress(fields.conditions(), v.reason(), v.message(),
          generation);
      case STALLED -> conditions.stalled(fields.conditions(), v.reason(), v.message(),
          generation);
    }
  }

  private void raise(R resource, List<JobEvent> raised) {
    for (JobEvent e : raised) {
      if (e.warning()) {
        events.warning(resource, e.reason(), e.message());
      } else {
        events.normal(resource, e.reason(), e.message());
      }
    }
  }

  private Duration next(Next next, String uid, SageMakerCallException failure) {
    return switch (next) {
      case SETTLE -> {
        polling.forget(uid);
        yield null;
      }
      case POLL_AFTER_CHANGE -> polling.next(uid, true);
      case POLL_UNCHANGED -> polling.next(uid, false);
      case POLL_AT_CEILING -> polling.max();
      case WAIT_FOR_TURN -> TransientRetry.deferral(failure).orElseThrow();
      // Quietly, unlike a failed Create: a poll that failed for a moment says nothing new
      // about the job, and the next one will.
      case BACK_OFF -> backoff.next(uid);
    };
  }
}
