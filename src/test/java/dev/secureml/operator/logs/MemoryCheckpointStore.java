package dev.secureml.operator.logs;

import dev.secureml.operator.api.LogStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the last status saved per resource (as the operator's status would) and all saves; can
 * be told to fail the next few saves, as an API server that is briefly away would.
 */
final class MemoryCheckpointStore implements CheckpointStore {
  private final Map<LogSourceKey, LogStatus> last = new ConcurrentHashMap<>();
  private final List<LogStatus> history = new ArrayList<>();
  final AtomicInteger failNext = new AtomicInteger();
  final AtomicInteger failures = new AtomicInteger();
  /** Every save fails with this permanent failure (as a 403 would) until it is set to null. */
  volatile String refuse;

  @Override
  public synchronized void save(LogSourceKey key, LogStatus status) {
    if (refuse != null) {
      failures.incrementAndGet();
      throw new CheckpointSaveException(refuse, true, null);
    }
    if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      failures.incrementAndGet();
      throw new IllegalStateException("the API server is not answering");
    }
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
