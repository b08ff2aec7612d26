package dev.secureml.operator.controller.job;

import dev.secureml.operator.api.Reason;

/**
 * How the lifecycle names a job kind in messages and reasons.
 *
 * @param words the kind in a sentence, e.g. {@code transform job} ("SageMaker transform job x")
 * @param notFound the reason when the recorded job no longer exists (the kind's own
 *     {@code ...NotFound})
 */
public record JobNoun(String words, Reason notFound) {
  /** The kind in a sentence, plural: {@code transform jobs}. */
  public String plural() {
    return words + "s";
  }
}
