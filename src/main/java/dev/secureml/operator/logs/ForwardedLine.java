package dev.secureml.operator.logs;

/**
 * One log line on its way to the sinks, already redacted.
 *
 * @param eventId stable across re-reads of the same event, so a receiver can de-duplicate
 * @param sageMakerResource the training job or endpoint name in SageMaker
 */
public record ForwardedLine(String eventId, String namespace, String kind, String name,
    String sageMakerResource, String group, String stream, long timestampMillis,
    String message) {
  /** A line of {@code target}'s stream. */
  static ForwardedLine of(LogTarget target, String stream, String eventId, long timestampMillis,
      String message) {
    return new ForwardedLine(eventId, target.key().namespace(), target.key().kind(),
        target.key().name(), target.sageMakerResource(), target.group(), stream,
        timestampMillis, message);
  }
}
