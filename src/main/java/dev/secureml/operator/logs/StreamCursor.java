package dev.secureml.operator.logs;

import dev.secureml.operator.api.LogStatus;
import java.util.List;

/**
 * One stream's checkpoint and its place in the schedule. Guarded by the forwarder's lock; at
 * most one worker owns a cursor at a time ({@link #inFlight}), so reads of a stream never
 * overlap and each page is checkpointed before the next is read.
 */
final class StreamCursor {
  final String name;
  // The checkpoint: where the next read continues and what was forwarded before it.
  String token;
  long linesForwarded;
  Long lastEventTimestamp;
  boolean finished;

  // Scheduling.
  long due;
  int quietStreak;
  int failStreak;
  boolean inFlight;
  /** The last read reached the stream's end; such a stream adds no lag. */
  boolean caughtUp;
  /** A page read but not yet accepted by every sink; retried without reading again. */
  Pending pending;
  /** The sink that rejected the pending page for good, until it accepts it; null: none. */
  String parkedBy;
  int parkStreak;

  /**
   * @param sinksDone how many sinks, in order, accepted the batch already; a retry starts at
   *     the next one so an accepting sink is not handed the batch twice
   */
  record Pending(List<ForwardedLine> batch, String nextToken, boolean endOfStream,
      int sinksDone) {
    Pending withSinksDone(int done) {
      return new Pending(batch, nextToken, endOfStream, done);
    }
  }

  StreamCursor(String name, long due) {
    this.name = name;
    this.due = due;
  }

  static StreamCursor restore(LogStatus.StreamCheckpoint saved, long due) {
    StreamCursor cursor = new StreamCursor(saved.name, due);
    cursor.token = saved.nextForwardToken;
    cursor.linesForwarded = saved.linesForwarded == null ? 0 : saved.linesForwarded;
    cursor.lastEventTimestamp = saved.lastEventTimestamp;
    cursor.finished = Boolean.TRUE.equals(saved.finished);
    cursor.caughtUp = cursor.finished;
    return cursor;
  }

  LogStatus.StreamCheckpoint checkpoint() {
    LogStatus.StreamCheckpoint c = new LogStatus.StreamCheckpoint();
    c.name = name;
    c.nextForwardToken = token;
    c.linesForwarded = linesForwarded;
    c.lastEventTimestamp = lastEventTimestamp;
    c.finished = finished;
    return c;
  }

  /** Due no later than {@code time}; a parked stream keeps its slow retry. */
  void dueBy(long time) {
    if (parkedBy == null) {
      due = Math.min(due, time);
    }
  }

  /** Nothing new: wait twice as long as last time, from busyMillis up to quietMaxMillis. */
  void backOffQuiet(long now, long busyMillis, long quietMaxMillis) {
    quietStreak = Math.min(quietStreak + 1, 30);
    due = now + backoff(busyMillis, quietMaxMillis, quietStreak);
  }

  /** A failed read or sink: the same doubling, counted separately from quietness. */
  void backOffFailure(long now, long busyMillis, long quietMaxMillis) {
    failStreak = Math.min(failStreak + 1, 30);
    due = now + backoff(busyMillis, quietMaxMillis, failStreak);
  }

  /** Rejected for good: offered again after firstMillis, then twice as long each time. */
  void park(long now, long firstMillis, long maxMillis) {
    parkStreak = Math.min(parkStreak + 1, 30);
    due = now + backoff(firstMillis, maxMillis, parkStreak - 1);
  }

  static long backoff(long busyMillis, long maxMillis, int streak) {
    long value = busyMillis;
    for (int i = 0; i < streak && value < maxMillis; i++) {
      value *= 2;
    }
    return Math.min(value, maxMillis);
  }
}
