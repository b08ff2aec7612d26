package dev.secureml.operator.logs;

import dev.secureml.operator.api.LogStatus;
import dev.secureml.operator.logs.ForwardSchedule.Work;
import java.time.Clock;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves a resource's snapshot once its sinks accepted a page. A failed save is not left for the
 * next page to carry (a finished job has none): the resource owes a save, retried on its own
 * with backoff while its streams wait, and once more when the forwarder closes. Otherwise a
 * restart would send the page a second time.
 */
final class CheckpointSaver {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointSaver.class);

  private final Object lock;
  private final CheckpointStore store;
  private final Clock clock;
  private final ForwarderMetrics metrics;
  private final long busyMillis;
  private final long quietMaxMillis;

  /** @param lock the forwarder's lock, which guards every target */
  CheckpointSaver(Object lock, CheckpointStore store, Clock clock, ForwarderMetrics metrics,
      LogForwarderSettings settings) {
    this.lock = lock;
    this.store = store;
    this.clock = clock;
    this.metrics = metrics;
    this.busyMillis = settings.busyInterval().toMillis();
    this.quietMaxMillis = settings.quietMaxInterval().toMillis();
  }

  /**
   * Saves a snapshot taken under the resource's {@link TargetState#saveLock}, which the caller
   * still holds, so saves of one resource happen in order.
   */
  void save(TargetState state, LogStatus snapshot) {
    try {
      store.save(state.target.key(), snapshot);
    } catch (RuntimeException e) {
      metrics.checkpointSaveFailed();
      synchronized (lock) {
        state.saveOwed = true;
        state.saveFailStreak = Math.min(state.saveFailStreak + 1, 30);
        state.saveDue = clock.millis()
            + StreamCursor.backoff(busyMillis, quietMaxMillis, state.saveFailStreak);
        LOG.warn("Could not save the log checkpoint of {}; saving it again in {} ms before "
            + "its streams go on: {}", state.target.key(), state.saveDue - clock.millis(),
            e.toString());
      }
      return;
    }
    synchronized (lock) {
      if (state.saveOwed) {
        LOG.info("Saved the log checkpoint of {} again", state.target.key());
      }
      state.saveOwed = false;
      state.saveFailStreak = 0;
    }
  }

  /** Runs a {@link ForwardSchedule.Kind#SAVE}: the resource's progress as it is now. */
  void retry(Work work) {
    saveIfOwed(work.target());
    synchronized (lock) {
      work.release();
      lock.notifyAll();
    }
  }

  /** One more try for every resource still owing a save; returns how many still do. */
  int saveOwed(Collection<TargetState> targets) {
    int failed = 0;
    for (TargetState state : targets) {
      if (!saveIfOwed(state)) {
        failed++;
      }
    }
    return failed;
  }

  /** False when a save was owed and failed again. */
  private boolean saveIfOwed(TargetState state) {
    synchronized (state.saveLock) {
      LogStatus snapshot;
      synchronized (lock) {
        if (!state.saveOwed || state.removed) {
          return true;
        }
        snapshot = state.snapshot();
      }
      save(state, snapshot);
      synchronized (lock) {
        return !state.saveOwed;
      }
    }
  }
}
