package dev.secureml.operator.logs;

import dev.secureml.operator.api.LogStatus;
import dev.secureml.operator.logs.ForwardSchedule.Work;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a page to the sinks and, once all accepted it, moves the stream's checkpoint (its
 * GetLogEvents token, or its FilterLogEvents {@link Watermark}) and saves the resource's
 * snapshot, in that order, before the stream is read again. A sink that fails
 * keeps the page in memory for a later retry from that sink on, so the sinks before it never
 * see the page twice and no budget is spent reading it again. A sink that rejects the page for
 * good parks the stream ({@link StreamParking}); saving is {@link CheckpointSaver}'s job.
 */
final class BatchDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(BatchDelivery.class);

  private final Object lock;
  private final List<LogSink> sinks;
  private final CheckpointSaver saver;
  private final StreamParking parking;
  private final Clock clock;
  private final ForwarderMetrics metrics;
  private final LogForwarderSettings settings;
  private final long busyMillis;
  private final long quietMaxMillis;
  private final long overlapMillis;

  /** @param lock the forwarder's lock, which guards every cursor and target */
  BatchDelivery(Object lock, List<LogSink> sinks, CheckpointSaver saver, StreamParking parking,
      Clock clock, ForwarderMetrics metrics, LogForwarderSettings settings) {
    this.lock = lock;
    this.sinks = sinks;
    this.saver = saver;
    this.parking = parking;
    this.clock = clock;
    this.metrics = metrics;
    this.settings = settings;
    this.busyMillis = settings.busyInterval().toMillis();
    this.quietMaxMillis = settings.quietMaxInterval().toMillis();
    this.overlapMillis = settings.filterReads().overlap().toMillis();
  }

  /** Hands the batch to the sinks not yet done with it; the checkpoint moves only after all. */
  void deliver(Work work, StreamCursor.Pending pending) {
    int done = pending.sinksDone();
    for (; done < sinks.size() && !pending.batch().isEmpty(); done++) {
      LogSink sink = sinks.get(done);
      try {
        sink.accept(pending.batch());
      } catch (LogSinkRejectedException e) {
        metrics.sinkError(sink.name());
        parking.park(work, pending.withSinksDone(done), sink, e);
        return;
      } catch (LogSinkException | RuntimeException e) {
        metrics.sinkError(sink.name());
        LOG.warn("Sink {} did not accept {} lines of {} stream {}; retrying later: {}",
            sink.name(), pending.batch().size(), work.target().target.key(), work.stream().name,
            e.toString());
        synchronized (lock) {
          long now = clock.millis();
          work.stream().pending = pending.withSinksDone(done);
          work.stream().backOffFailure(now, busyMillis, quietMaxMillis);
          release(work);
        }
        return;
      }
      parking.accepted(work, sink); // frees the stream if this sink parked it

    }
    commit(work, pending);
  }

  /** Records an accepted page and saves the resource's snapshot before the stream moves on. */
  private void commit(Work work, StreamCursor.Pending pending) {
    TargetState state = work.target();
    StreamCursor stream = work.stream();
    List<ForwardedLine> batch = pending.batch();
    synchronized (state.saveLock) { // saves of one resource in order, newest last
      LogStatus snapshot = null;
      boolean ended = false;
      synchronized (lock) {
        long now = clock.millis();
        boolean changed = !batch.isEmpty() || !Objects.equals(pending.nextToken(), stream.token);
        stream.token = pending.nextToken();
        stream.pending = null;
        stream.failStreak = 0;
        stream.caughtUp = pending.endOfStream();
        if (!batch.isEmpty()) {
          stream.linesForwarded += batch.size();
          long newest = batch.get(batch.size() - 1).timestampMillis(); // a late line is older
          stream.lastEventTimestamp = stream.lastEventTimestamp == null ? newest
              : Math.max(stream.lastEventTimestamp, newest);
          state.linesForwarded += batch.size();
          state.addTail(batch, settings.tailLines());
          state.lastForwardTime = clock.instant();
        }
        if (pending.eventIds() != null) {
          stream.watermark.forwarded(batch.stream().map(ForwardedLine::timestampMillis).toList(),
              pending.eventIds(), overlapMillis);
          if (pending.endOfStream() && stream.watermark.settle(now, overlapMillis)) {
            changed = true; // the idle stream's ids leave the checkpoint
          }
        } else if (pending.endOfStream() && settings.filterReads().enabled()) {
          stream.switchToWatermark(); // caught up with its old token: FilterLogEvents from now
        }
        if (pending.endOfStream() && work.finishAllowed()) {
          stream.finished = true;
          changed = true;
          ended = true;
        }
        reschedule(stream, batch.size(), pending.endOfStream(), now);
        if (changed && !state.removed) {
          StreamRetirement.retireIdle(state, stream, now);
          snapshot = state.snapshot();
        }
      }
      if (!batch.isEmpty()) {
        metrics.forwarded(state.target.key().kind(), batch);
      }
      if (snapshot != null) {
        saver.saveAfterPage(state, snapshot, ended);
      }
    }
    synchronized (lock) {
      release(work);
    }
  }

  private void reschedule(StreamCursor stream, int lines, boolean endOfStream, long now) {
    if (lines >= settings.pageLimit() || (lines == 0 && !endOfStream)) {
      stream.quietStreak = 0;
      stream.due = now; // more is waiting: back of the queue, but no pause
    } else if (lines > 0) {
      stream.quietStreak = 0;
      stream.due = now + busyMillis;
    } else {
      stream.backOffQuiet(now, busyMillis, quietMaxMillis);
    }
  }

  /** Gives the stream back to the schedule. Call under the lock. */
  private void release(Work work) {
    work.release();
    lock.notifyAll();
  }
}
