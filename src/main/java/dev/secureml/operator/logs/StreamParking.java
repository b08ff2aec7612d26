package dev.secureml.operator.logs;

import dev.secureml.operator.logs.ForwardSchedule.Work;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parks a stream whose batch a sink rejected for good: the batch stays pending, the checkpoint
 * where it is, and nothing more of the stream is read; the batch is offered again after the
 * rejected-retry wait, doubling each time, so a repaired receiver (credentials rotated) gets
 * every line without a restart. Other streams are not held up. The owner hears once per
 * resource and sink when the rejections start and once when they stop.
 */
final class StreamParking {
  private static final Logger LOG = LoggerFactory.getLogger(StreamParking.class);

  private final Object lock;
  private final Clock clock;
  private final ForwarderMetrics metrics;
  private final SinkRejectionListener listener;
  private final long firstMillis;
  private final long maxMillis;

  /** @param lock the forwarder's lock, which guards every cursor and target */
  StreamParking(Object lock, Clock clock, ForwarderMetrics metrics,
      SinkRejectionListener listener, LogForwarderSettings settings) {
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
    long waitMillis;
    synchronized (lock) {
      first = !parkedBy(state, sink.name());
      long now = clock.millis();
      stream.pending = pending;
      stream.parkedBy = sink.name();
      stream.park(now, firstMillis, maxMillis);
      waitMillis = stream.due - now;
      work.release();
      lock.notifyAll();
    }
    // The sink's message names no header value or URL path (LogSink's contract).
    LOG.warn("Sink {} rejected {} lines of {} stream {}; the stream waits at its checkpoint "
        + "and is offered again in {} s: {}", sink.name(), pending.batch().size(),
        state.target.key(), stream.name, waitMillis / 1000, rejection.getMessage());
    if (first) {
      try {
        listener.rejected(state.target.key(), sink.name(), rejection.status(), stream.name);
      } catch (RuntimeException e) {
        LOG.warn("Could not report that sink {} rejects the lines of {}", sink.name(),
            state.target.key(), e);
      }
    }
  }

  /** The sink took the work's batch: if it had parked the stream, the stream is free again. */
  void accepted(Work work, LogSink sink) {
    TargetState state = work.target();
    boolean last;
    synchronized (lock) {
      StreamCursor stream = work.stream();
      if (!sink.name().equals(stream.parkedBy)) {
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

  /** Call under the lock. */
  private static boolean parkedBy(TargetState state, String sink) {
    return state.streams.values().stream().anyMatch(s -> sink.equals(s.parkedBy));
  }
}
