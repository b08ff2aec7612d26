package dev.secureml.operator.logs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a forwarder within its close grace, so the pod ends before Kubernetes kills it: sinks
 * stop retrying, the workers get half the grace to finish what they hold (a page every sink
 * accepted is checkpointed and saved) and are then interrupted, and resources whose last save
 * failed, or whose save waits for the checkpoint interval, are saved in what is left. A page not every sink accepted is never marked
 * as sent: it is read and sent again after the restart.
 */
final class ForwarderShutdown {
  private static final Logger LOG = LoggerFactory.getLogger(ForwarderShutdown.class);

  private final List<LogSink> sinks;
  private final CheckpointSaver saver;
  private final Supplier<Collection<TargetState>> targets;
  private final long graceNanos;
  static final int SAVING_THREADS = 8;

  /** @param targets the tracked resources, copied under the forwarder's lock */
  ForwarderShutdown(List<LogSink> sinks, CheckpointSaver saver,
      Supplier<Collection<TargetState>> targets, Duration grace) {
    this.sinks = sinks;
    this.saver = saver;
    this.targets = targets;
    this.graceNanos = grace.toNanos();
  }

  /** @param workers the worker threads, already told to take no more work; null: none */
  void stop(ExecutorService workers) {
    long deadline = System.nanoTime() + graceNanos;
    for (LogSink sink : sinks) {
      try {
        sink.stopRetrying();
      } catch (RuntimeException e) {
        LOG.warn("Sink {} could not be told to stop retrying: {}", sink.name(), e.toString());
      }
    }
    if (workers != null) {
      workers.shutdown();
      if (!awaitUntil(workers, deadline - graceNanos / 2)) {
        LOG.warn("Log forwarder workers still busy after {} ms; interrupting them",
            graceNanos / 2_000_000);
        workers.shutdownNow();
        awaitUntil(workers, deadline - graceNanos / 4);
      }
    }
    saveOwedUntil(deadline);
  }

  /**
   * On threads of their own, since a save against an unreachable API server can hang, and
   * several, since every resource with progress waiting for its checkpoint interval is saved.
   */
  private void saveOwedUntil(long deadline) {
    List<TargetState> all = List.copyOf(targets.get());
    AtomicInteger unsaved = new AtomicInteger();
    List<Thread> savers = new ArrayList<>();
    for (int i = 0; i < Math.min(SAVING_THREADS, all.size()); i++) {
      List<TargetState> share = new ArrayList<>();
      for (int t = i; t < all.size(); t += SAVING_THREADS) {
        share.add(all.get(t));
      }
      Thread saving = new Thread(() -> unsaved.addAndGet(saver.saveOwed(share)),
          "log-forwarder-close-" + (i + 1));
      saving.setDaemon(true);
      saving.start();
      savers.add(saving);
    }
    boolean unfinished = false;
    for (Thread saving : savers) {
      try {
        saving.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      unfinished |= saving.isAlive();
    }
    if (unfinished || unsaved.get() != 0) {
      LOG.warn("Log checkpoints of some resources could not be saved before closing; their "
          + "last batches will be forwarded again (same eventIds) after the restart");
    }
  }

  private static boolean awaitUntil(ExecutorService workers, long deadline) {
    try {
      return workers.awaitTermination(Math.max(0, deadline - System.nanoTime()),
          TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
