package dev.secureml.operator.logs;

import dev.secureml.operator.api.LogStatus;

/**
 * Persists a resource's log progress (the operator writes it into the resource's status), called
 * after every batch all sinks accepted and before the next read. A save that throws is made
 * again with backoff, and the resource's streams wait for it.
 */
public interface CheckpointStore {
  void save(LogSourceKey key, LogStatus status);
}
