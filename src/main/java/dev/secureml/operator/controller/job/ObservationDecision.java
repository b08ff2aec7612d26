package dev.secureml.operator.controller.job;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.Phase;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.StreakWarnings;
import dev.secureml.operator.controller.job.ObservationOutcome.JobEvent;
import dev.secureml.operator.controller.job.ObservationOutcome.Next;
import dev.secureml.operator.controller.job.ObservationOutcome.Situation;
import dev.secureml.operator.controller.job.ObservationOutcome.Verdict;
import dev.secureml.operator.controller.job.Observed.DescribeFailed;
import dev.secureml.operator.controller.job.Observed.Found;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Following a submitted job, as a pure decision: (what Describe gave, the status before, the
 * hash of the current spec) -> phase, conditions, Events and when to look again. No I/O, no
 * clock: {@link JobObserver} performs the outcome.
 *
 * <p>An Event marks a transition (a new phase) or a new problem (a Stalled reason the status
 * does not show yet), never a pass that only repeats what status already says.
 */
public final class ObservationDecision {
  private ObservationDecision() {}

  public static ObservationOutcome decide(Observed observed, JobSnapshot before,
      String specHash, JobNoun noun) {
    if (observed instanceof Found found) {
      return found(found.state(), before, specHash, noun);
    }
    if (observed instanceof DescribeFailed failed) {
      return describeFailed(failed, before);
    }
    return notFound(before, noun);
  }

  private static ObservationOutcome found(JobState state, JobSnapshot before, String specHash,
      JobNoun noun) {
    boolean transitioned = !Objects.equals(before.phase(), state.phase().value());
    boolean changed = transitioned || before.progress() != state.progress();
    List<JobEvent> events = new ArrayList<>();
    if (transitioned) {
      boolean endedBadly = state.standing() == JobState.Standing.FAILED
          || state.standing() == JobState.Standing.STOPPED;
      events.add(new JobEvent(endedBadly, state.reason(), state.message()));
    }
    Verdict verdict = new Verdict(situationOf(state.standing()), state.reason(),
        state.message());
    if (!Objects.equals(specHash, before.submittedSpecHash())) {
      // SpecImmutable outranks the job's own state; writing both would flip the conditions'
      // transition times on every poll.
      verdict = specImmutable(before, noun);
      announceAnew(events, before, verdict);
    }
    Next next = state.standing().settled() ? Next.SETTLE
        : changed ? Next.POLL_AFTER_CHANGE : Next.POLL_UNCHANGED;
    return new ObservationOutcome(state.phase(), verdict, events, next);
  }

  private static Verdict specImmutable(JobSnapshot before, JobNoun noun) {
    return new Verdict(Situation.STALLED, Reason.SPEC_IMMUTABLE, "spec changed after SageMaker "
        + noun.words() + " " + before.jobName() + " was submitted; " + noun.plural()
        + " cannot be changed, so the change is ignored. Restore the spec, or delete this "
        + "resource and create a new one");
  }

  private static ObservationOutcome notFound(JobSnapshot before, JobNoun noun) {
    Verdict verdict = new Verdict(Situation.STALLED, noun.notFound(), "SageMaker "
        + noun.words() + " " + before.jobName() + " no longer exists (deleted outside the "
        + "operator?)");
    List<JobEvent> events = new ArrayList<>();
    announceAnew(events, before, verdict);
    return new ObservationOutcome(Phase.ERROR, verdict, events, Next.SETTLE);
  }

  private static ObservationOutcome describeFailed(DescribeFailed failed, JobSnapshot before) {
    return switch (failed.failure()) {
      // Nothing is known that status does not say already: keep it, look again.
      case DEFERRED -> new ObservationOutcome(null, null, List.of(), Next.WAIT_FOR_TURN);
      case TRANSIENT -> new ObservationOutcome(null, null, List.of(), Next.BACK_OFF);
      case LASTING -> {
        Verdict verdict = new Verdict(Situation.STALLED, Reason.DESCRIBE_FAILED, failed.message());
        List<JobEvent> events = new ArrayList<>();
        announceAnew(events, before, verdict);
        yield new ObservationOutcome(null, verdict, events, Next.POLL_AT_CEILING);
      }
    };
  }

  /** A Warning for a Stalled reason the status does not show yet. */
  private static void announceAnew(List<JobEvent> events, JobSnapshot before, Verdict verdict) {
    if (StreakWarnings.isNewReason(before.conditions(), Conditions.STALLED, verdict.reason())) {
      events.add(new JobEvent(true, verdict.reason(), verdict.message()));
    }
  }

  private static Situation situationOf(JobState.Standing standing) {
    return switch (standing) {
      case SUCCEEDED -> Situation.READY;
      case RUNNING -> Situation.IN_PROGRESS;
      case FAILED, STOPPED -> Situation.STALLED;
    };
  }
}
