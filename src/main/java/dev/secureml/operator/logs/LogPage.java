package dev.secureml.operator.logs;

import java.util.List;

/**
 * One GetLogEvents page read forward.
 *
 * @param nextForwardToken where the next read continues; keep it as the stream's checkpoint
 * @param endOfStream CloudWatch handed back the token it was given: nothing newer exists yet
 *     (later lines will appear under this same token)
 */
public record LogPage(List<LogLine> lines, String nextForwardToken, boolean endOfStream) {
  public LogPage {
    lines = List.copyOf(lines);
  }
}
