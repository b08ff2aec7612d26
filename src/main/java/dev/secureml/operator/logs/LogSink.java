package dev.secureml.operator.logs;

import java.util.List;

/**
 * Where forwarded lines go. {@link #accept} returns only once the batch is accepted; it throws
 * otherwise, and the checkpoint does not advance (at-least-once, with stable event ids). A
 * {@link LogSinkRejectedException} says retrying soon is pointless; any other failure is
 * retried with backoff.
 */
public interface LogSink {
  String name();

  void accept(List<ForwardedLine> batch) throws LogSinkException;

  /**
   * The forwarder is closing: a call to {@link #accept} waiting to retry should fail now
   * instead, and none should start another attempt. The batch is offered again after the
   * restart.
   */
  default void stopRetrying() {}
}
