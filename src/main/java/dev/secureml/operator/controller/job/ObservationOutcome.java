package dev.secureml.operator.controller.job;

import dev.secureml.operator.api.Phase;
import dev.secureml.operator.api.Reason;
import java.util.List;

/**
 * What one observation of a submitted job comes to, for the executor to apply.
 *
 * @param phase the new status.phase; null leaves it as it is
 * @param verdict the conditions to write; null leaves them as they are
 * @param events the Events to raise, in order
 * @param next when to look again
 */
public record ObservationOutcome(Phase phase, Verdict verdict, List<JobEvent> events,
    Next next) {

  public ObservationOutcome {
    events = List.copyOf(events);
  }

  /** The kstatus conditions to write: which situation, with its reason and message. */
  public record Verdict(Situation situation, Reason reason, String message) {}

  /** Ready, still reconciling, or stalled (StatusConditions' three situations). */
  public enum Situation { READY, IN_PROGRESS, STALLED }

  public record JobEvent(boolean warning, Reason reason, String message) {}

  public enum Next {
    /** The job has settled (or is gone): stop polling. */
    SETTLE,
    /** Something changed: poll again soon. */
    POLL_AFTER_CHANGE,
    /** Nothing changed: poll again a little later than last time. */
    POLL_UNCHANGED,
    /** A problem only a person can fix: look again at the polling ceiling. */
    POLL_AT_CEILING,
    /** The rate limiter put the call off: look again at its turn. */
    WAIT_FOR_TURN,
    /** Throttled or a server fault: look again with backoff. */
    BACK_OFF
  }
}
