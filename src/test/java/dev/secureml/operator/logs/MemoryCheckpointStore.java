package dev.secureml.operator.logs;

import dev.secureml.operator.api.LogStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps the last status saved per resource (as the operator's status would) and all saves. */
final class MemoryCheckpointStore implements CheckpointStore {
  private final Map<LogSourceKey, LogStatus> last = new ConcurrentHashMap<>();
  private final List<LogStatus> history = new ArrayList<>();

  @Override
  public synchronized void save(LogSourceKey key, LogStatus status) {
    last.put(key, status);
    history.add(status);
  }

  LogStatus last(LogSourceKey key) {
    return last.get(key);
  }

  synchronized List<LogStatus> history() {
    return List.copyOf(history);
  }

  static long linesSaved(LogStatus status) {
    return status == null ? 0 : status.streams.stream()
        .mapToLong(s -> s.linesForwarded == null ? 0 : s.linesForwarded).sum();
  }
}
