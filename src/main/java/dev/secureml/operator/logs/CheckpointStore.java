package dev.secureml.operator.logs;

import dev.secureml.operator.api.LogStatus;

/**
 * Persists a resource's log progress (the operator writes it into the resource's status), called
 * after every batch all sinks accepted and before the next read. A save that throws is made
 * again with backoff, and the resource's streams wait for it, unless it cannot succeed: a
 * {@link CheckpointSaveException#permanent} failure, or one that keeps failing, lets the streams
 * go on (at least once: the saved checkpoint lags) while the save is tried now and then.
 */
public interface CheckpointStore {
  void save(LogSourceKey key, LogStatus status);
}
