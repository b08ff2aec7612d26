package dev.secureml.operator.controller.job;

/**
 * How the lifecycle names a job kind in messages and reasons.
 *
 * @param words the kind in a sentence, e.g. {@code training job} ("SageMaker training job x")
 * @param notFoundReason the reason when the recorded job no longer exists, e.g. {@code
 *     TrainingJobNotFound}
 */
public record JobNoun(String words, String notFoundReason) {
  /** The kind in a sentence, plural: {@code training jobs}. */
  public String plural() {
    return words + "s";
  }
}
