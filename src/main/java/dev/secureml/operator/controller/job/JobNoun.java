package dev.secureml.operator.controller.job;

import dev.secureml.operator.api.Reason;

/**
 * How the lifecycle names a job kind in messages and reasons.
 *
 * @param words the kind in a sentence, e.g. {@code training job} ("SageMaker training job x")
 * @param notFound the reason when the recorded job no longer exists, e.g. {@link
 *     Reason#TRAINING_JOB_NOT_FOUND}
 */
public record JobNoun(String words, Reason notFound) {
  /** The kind in a sentence, plural: {@code training jobs}. */
  public String plural() {
    return words + "s";
  }
}
