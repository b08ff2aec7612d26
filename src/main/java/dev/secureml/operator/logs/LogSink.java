package dev.secureml.operator.logs;

import java.util.List;

/**
 * Where forwarded lines go. {@link #accept} returns only once the batch is accepted; it throws
 * otherwise, and the checkpoint does not advance (at-least-once, with stable event ids).
 */
public interface LogSink {
  String name();

  void accept(List<ForwardedLine> batch) throws LogSinkException;
}
