package dev.secureml.operator.controller.logs;

import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.logs.LogSourceKey;
import dev.secureml.operator.logs.SinkRejectionListener;

/**
 * Tells a resource's owners, with one Event each way, that a log sink rejects its lines and
 * that it takes them again. The message names the sink and its status, never a header value.
 */
public final class SinkRejectionEvents implements SinkRejectionListener {
  static final Reason REJECTED = Reason.LOG_SINK_REJECTED;
  static final Reason RESUMED = Reason.LOG_SINK_RESUMED;
  static final Reason CHECKPOINT_FAILED = Reason.LOG_CHECKPOINT_FAILED;

  private final EventRecorder events;

  public SinkRejectionEvents(EventRecorder events) {
    this.events = events;
  }

  @Override
  public void rejected(LogSourceKey resource, String sink, int status, String stream) {
    events.warning(EventLogSink.reference(resource), REJECTED, "log sink " + sink
        + " rejected the lines of stream " + stream + " with status " + status
        + "; forwarding waits at the checkpoint and is retried every few minutes, so no line is "
        + "lost once the sink accepts them");
  }

  @Override
  public void resumed(LogSourceKey resource, String sink) {
    events.normal(EventLogSink.reference(resource), RESUMED, "log sink " + sink
        + " accepts this resource's lines again; forwarding goes on from the checkpoints");
  }

  @Override
  public void checkpointSaveFailed(LogSourceKey resource, String reason) {
    events.warning(EventLogSink.reference(resource), CHECKPOINT_FAILED, "the log checkpoint "
        + "in status.logs cannot be saved (" + reason + "); forwarding goes on, lines may be "
        + "sent again after an operator restart, and the save is retried every few minutes");
  }
}
