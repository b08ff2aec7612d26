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
 *
 * <p>A save that cannot succeed (a {@link CheckpointSaveException#permanent} failure such as a
 * 403, or {@value #MAX_TRIES} failures in a row) must not stop forwarding for good: the resource
 * is marked {@link TargetState#saveStuck}, its streams go on (at least once: after a restart,
 * lines since the last saved checkpoint are sent again, with the same event ids), its owners
 * hear once, and the save is tried again after the rejected-retry waits until it succeeds.
 *
 * <p>While a resource's streams run, its checkpoint is saved at most once per checkpoint
 * interval: FilterLogEvents reads a busy stream every second or two, and one status write per
 * read would be hundreds a second for a thousand jobs. Progress in between is saved when the
 * interval is over, at once when a stream ends, and when the forwarder closes.
 */
final class CheckpointSaver {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointSaver.class);

  private final Object lock;
  private final CheckpointStore store;
  private final Clock clock;
  private final ForwarderMetrics metrics;
  private final long busyMillis;
  private final long quietMaxMillis;
  private final long stuckFirstMillis;
  private final long stuckMaxMillis;
  private final SinkRejectionListener listener;
  private final long intervalMillis;
  static final int MAX_TRIES = 5;

  /** @param lock the forwarder's lock, which guards every target */
  CheckpointSaver(Object lock, CheckpointStore store, Clock clock, ForwarderMetrics metrics,
      SinkRejectionListener listener, LogForwarderSettings settings) {
    this.listener = listener;
    this.stuckFirstMillis = settings.rejectedRetry().toMillis();
    this.stuckMaxMillis = settings.rejectedRetryMax().toMillis();
    this.lock = lock;
    this.store = store;
    this.clock = clock;
    this.metrics = metrics;
    this.busyMillis = settings.busyInterval().toMillis();
    this.quietMaxMillis = settings.quietMaxInterval().toMillis();
    this.intervalMillis = settings.checkpointInterval().toMillis();
  }

  /**
   * Saves a snapshot taken under the resource's {@link TargetState#saveLock}, which the caller
   * still holds, so saves of one resource happen in order.
   */
  void save(TargetState state, LogStatus snapshot) {
    try {
      store.save(state.target.key(), snapshot);
    } catch (RuntimeException e) {
      failed(state, e);
      return;
    }
    synchronized (lock) {
      state.lastSaved = clock.millis();
      state.saveDeferred = false; // the snapshot, taken under the save lock, holds it all
      if (state.saveStuck) {
        LOG.info("Saved the log checkpoint of {} again; its streams wait for their saves "
            + "again", state.target.key());
      } else if (state.saveOwed) {
        LOG.info("Saved the log checkpoint of {} again", state.target.key());
      }
      state.saveOwed = false;
      state.saveStuck = false;
      state.saveFailStreak = 0;
    }
  }

  /**
   * After a page: saves the snapshot, unless the resource's saves are stuck, in which case the
   * save is owed and made at the next slow try (with the progress as it is then), or the last
   * save was less than the checkpoint interval ago, in which case it is deferred to the end of
   * the interval and the streams go on.
   *
   * @param now at once whatever the interval: a stream has ended
   */
  void saveAfterPage(TargetState state, LogStatus snapshot, boolean now) {
    synchronized (lock) {
      if (state.saveStuck) {
        state.saveOwed = true;
        return;
      }
      long at = clock.millis();
      if (!now && !state.saveOwed && state.lastSaved > at - intervalMillis) {
        state.saveDeferred = true;
        state.deferredDue = state.lastSaved + intervalMillis;
        return;
      }
    }
    save(state, snapshot);
  }

  private void failed(TargetState state, RuntimeException e) {
    metrics.checkpointSaveFailed();
    String reason = describe(e);
    boolean announce = false;
    synchronized (lock) {
      long now = clock.millis();
      state.saveOwed = true;
      state.saveFailStreak = Math.min(state.saveFailStreak + 1, 30);
      boolean permanent = e instanceof CheckpointSaveException c && c.permanent();
      if (state.saveStuck || permanent || state.saveFailStreak >= MAX_TRIES) {
        announce = !state.saveStuck;
        state.saveStuck = true;
        int slowTries = permanent ? state.saveFailStreak - 1
            : Math.max(0, state.saveFailStreak - MAX_TRIES);
        state.saveDue = now + StreamCursor.backoff(stuckFirstMillis, stuckMaxMillis, slowTries);
      } else {
        state.saveDue = now
            + StreamCursor.backoff(busyMillis, quietMaxMillis, state.saveFailStreak);
      }
      if (announce) {
        LOG.warn("Cannot save the log checkpoint of {}; forwarding goes on without it (lines "
            + "may be sent again after a restart) and the save is tried again in {} s: {}",
            state.target.key(), (state.saveDue - now) / 1000, reason);
      } else if (state.saveStuck) {
        LOG.debug("Still cannot save the log checkpoint of {}: {}", state.target.key(), reason);
      } else {
        LOG.warn("Could not save the log checkpoint of {}; saving it again in {} ms before "
            + "its streams go on: {}", state.target.key(), state.saveDue - now, reason);
      }
    }
    if (announce) {
      try {
        listener.checkpointSaveFailed(state.target.key(), reason);
      } catch (RuntimeException listenerFailed) {
        LOG.warn("Could not report the failed log checkpoint save of {}", state.target.key(),
            listenerFailed);
      }
    }
  }

  /** What went wrong, without the saved status or anything else that may hold a secret. */
  static String describe(RuntimeException e) {
    if (e instanceof CheckpointSaveException) {
      return e.getMessage();
    }
    String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ");
    if (message.length() > 300) {
      message = message.substring(0, 300) + "...";
    }
    return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }

  /** Runs a {@link ForwardSchedule.Kind#SAVE} (owed or deferred): the progress as it is now. */
  void retry(Work work) {
    saveIfOwed(work.target());
    synchronized (lock) {
      work.release();
      lock.notifyAll();
    }
  }

  /** One more try for every resource owing or deferring a save; returns how many failed. */
  int saveOwed(Collection<TargetState> targets) {
    int failed = 0;
    for (TargetState state : targets) {
      if (!saveIfOwed(state)) {
        failed++;
      }
    }
    return failed;
  }

  /** False when a save was owed or deferred and failed. */
  private boolean saveIfOwed(TargetState state) {
    synchronized (state.saveLock) {
      LogStatus snapshot;
      synchronized (lock) {
        if ((!state.saveOwed && !state.saveDeferred) || state.removed) {
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
