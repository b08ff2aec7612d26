package dev.secureml.operator.logs;

/**
 * Hears when a sink starts rejecting a resource's lines for good and when it takes them again,
 * once per resource and sink, to tell the people who own the resource. Called from forwarder
 * threads without the forwarder's lock held.
 */
public interface SinkRejectionListener {
  SinkRejectionListener NONE = new SinkRejectionListener() {};

  /**
   * @param sink the sink's name (for HTTP: scheme, host and port, never a path or header)
   * @param status the sink's answer, e.g. the HTTP status
   * @param stream the first stream parked
   */
  default void rejected(LogSourceKey resource, String sink, int status, String stream) {}

  /** The sink accepted the resource's parked lines; delivery goes on from the checkpoints. */
  default void resumed(LogSourceKey resource, String sink) {}

  /**
   * The resource's log checkpoint cannot be saved for now; forwarding goes on without it (lines
   * may be sent again after a restart) and the save is tried now and then. Once per episode.
   *
   * @param reason why, safe to show people (an API status, never a credential)
   */
  default void checkpointSaveFailed(LogSourceKey resource, String reason) {}
}
