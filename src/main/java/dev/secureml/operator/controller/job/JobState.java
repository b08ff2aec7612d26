package dev.secureml.operator.controller.job;

import dev.secureml.operator.api.Phase;
import dev.secureml.operator.api.Reason;

/**
 * Where a job stands, as its kind reads a Describe response.
 *
 * @param standing running, or how it ended
 * @param phase the short phase for status and the printer column
 * @param reason the conditions' reason for this state (and the Event's, on a transition)
 * @param message the conditions' message
 * @param progress how many steps SageMaker has reported so far (e.g. secondary status
 *     transitions); a new step is a change, polled again soon
 */
public record JobState(Standing standing, Phase phase, Reason reason, String message,
    int progress) {

  /** Running, or how it ended; every end is settled (polling stops). */
  public enum Standing {
    RUNNING, SUCCEEDED, FAILED, STOPPED;

    public boolean settled() {
      return this != RUNNING;
    }
  }
}
