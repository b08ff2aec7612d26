package dev.secureml.operator.logs;

import dev.secureml.operator.logs.ForwardSchedule.Work;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parks a stream whose batch a sink rejected for good: the batch stays pending, the checkpoint
 * where it is, and nothing more of the stream is read; the batch is offered again after the
 * rejected-retry wait, doubling each time, so a repaired receiver (credentials rotated) gets
 * every line without a restart. Other streams are not held up. The owner hears once per
 * resource and sink when the rejections start and once when they stop.
 *
 * <p>Once the sink takes a parked batch, or (at most once per rejected-retry wait) anything at
 * all after a rejection, every stream it parked is offered again at once with its wait reset.
 * Parked batches held in memory are capped ({@link #DEFAULT_MAX_PARKED_CHARS} characters across
 * all streams); past the cap a batch is dropped and read again from the checkpoint when its
 * stream is offered again (same event ids; the sinks before the rejecting one see it twice).
 */
final class StreamParking {
  private static final Logger LOG = LoggerFactory.getLogger(StreamParking.class);

  private final Object lock;
  private final Clock clock;
  private final ForwarderMetrics metrics;
  private final SinkRejectionListener listener;
  private final long firstMillis;
  private final long maxMillis;
  private final Supplier<Collection<TargetState>> targets;
  /** Sinks that parked a stream since they last woke their parked streams, and when that was. */
  private final Map<String, Long> rejecting = new HashMap<>();
  private final Map<String, Long> lastWake = new HashMap<>();
  static final long DEFAULT_MAX_PARKED_CHARS = 32L * 1024 * 1024; // about 64 MB of heap
  private long maxParkedChars = DEFAULT_MAX_PARKED_CHARS;

  /** @param lock the forwarder's lock, which guards every cursor and target */
  StreamParking(Object lock, Clock clock, ForwarderMetrics metrics,
      SinkRejectionListener listener, LogForwarderSettings settings,
      Supplier<Collection<TargetState>> targets) {
    this.targets = targets;
    this.lock = lock;
    this.clock = clock;
    this.metrics = metrics;
    this.listener = listener;
    this.firstMillis = settings.rejectedRetry().toMillis();
    this.maxMillis = settings.rejectedRetryMax().toMillis();
  }

  /** Parks the work's stream with the batch the sink rejected, and releases the work. */
  void park(Work work, StreamCursor.Pending pending, LogSink sink,
      LogSinkRejectedException rejection) {
    TargetState state = work.target();
    StreamCursor stream = work.stream();
    metrics.sinkRejected(sink.name(), rejection.status());
    boolean first;
    boolean dropped = false;
    long waitMillis;
    synchronized (lock) {
      first = !parkedBy(state, sink.name());
      long now = clock.millis();
      stream.pending = null;
      stream.parkedBy = sink.name();
      if (parkedChars() + chars(pending) <= maxParkedChars) {
        stream.pending = pending;
      } else {
        dropped = true; // read again from the checkpoint, which has not moved
      }
      if (rejecting.put(sink.name(), now) == null) {
        lastWake.put(sink.name(), now); // a new run of rejections: no wake-up right away
      }
      stream.park(now, firstMillis, maxMillis);
      waitMillis = stream.due - now;
      work.release();
      lock.notifyAll();
    }
    // The sink's message names no header value or URL path (LogSink's contract).
    LOG.warn("Sink {} rejected {} lines of {} stream {}; the stream waits at its checkpoint "
        + "and is offered again in {} s: {}", sink.name(), pending.batch().size(),
        state.target.key(), stream.name, waitMillis / 1000, rejection.getMessage());
    if (dropped) {
      LOG.info("Parked batches fill their memory cap; the batch of {} stream {} is read again "
          + "from its checkpoint when it is offered again", state.target.key(), stream.name);
    }
    if (first) {
      try {
        listener.rejected(state.target.key(), sink.name(), rejection.status(), stream.name);
      } catch (RuntimeException e) {
        LOG.warn("Could not report that sink {} rejects the lines of {}", sink.name(),
            state.target.key(), e);
      }
    }
  }

  /**
   * The sink took the work's batch: if it had parked the stream, the stream is free again, and
   * the other streams it parked are offered again now.
   */
  void accepted(Work work, LogSink sink) {
    TargetState state = work.target();
    boolean last;
    synchronized (lock) {
      StreamCursor stream = work.stream();
      boolean wasParked = sink.name().equals(stream.parkedBy);
      if (rejecting.containsKey(sink.name())) {
        long now = clock.millis();
        Long woke = lastWake.get(sink.name());
        if (wasParked || woke == null || now - woke >= firstMillis) {
          wake(sink.name(), now);
        }
      }
      if (!wasParked) {
        return;
      }
      stream.parkedBy = null;
      stream.parkStreak = 0;
      last = !parkedBy(state, sink.name());
    }
    LOG.info("Sink {} accepted the parked lines of {} stream {} again", sink.name(),
        state.target.key(), work.stream().name);
    if (last) {
      try {
        listener.resumed(state.target.key(), sink.name());
      } catch (RuntimeException e) {
        LOG.warn("Could not report that sink {} accepts the lines of {} again", sink.name(),
            state.target.key(), e);
      }
    }
  }

  /** Every stream the sink parked is due now, its wait reset. Call under the lock. */
  private void wake(String sink, long now) {
    rejecting.remove(sink);
    lastWake.put(sink, now);
    int woken = 0;
    for (TargetState target : targets.get()) {
      for (StreamCursor s : target.streams.values()) {
        if (sink.equals(s.parkedBy)) {
          s.parkStreak = 0;
          s.due = Math.min(s.due, now);
          woken++;
        }
      }
    }
    if (woken > 0) {
      lock.notifyAll();
      LOG.info("Sink {} accepts lines again; {} parked streams are offered again now", sink,
          woken);
    }
  }

  /** For tests: the most characters of parked batches kept in memory. */
  void capParkedChars(long chars) {
    synchronized (lock) {
      maxParkedChars = chars;
    }
  }

  /** Characters of all parked batches kept in memory. Call under the lock. */
  private long parkedChars() {
    long total = 0;
    for (TargetState target : targets.get()) {
      for (StreamCursor s : target.streams.values()) {
        if (s.parkedBy != null && s.pending != null) {
          total += chars(s.pending);
        }
      }
    }
    return total;
  }

  /** A rough size: the messages plus the fields every line carries. */
  private static long chars(StreamCursor.Pending pending) {
    long total = 0;
    for (ForwardedLine line : pending.batch()) {
      total += 200 + (line.message() == null ? 0 : line.message().length());
    }
    return total;
  }

  /** Call under the lock. */
  private static boolean parkedBy(TargetState state, String sink) {
    return state.streams.values().stream().anyMatch(s -> sink.equals(s.parkedBy));
  }
}
