package dev.secureml.operator.logs;

import dev.secureml.operator.api.LogStatus;
import java.util.List;

/**
 * One stream's checkpoint and its place in the schedule. Guarded by the forwarder's lock; at
 * most one worker owns a cursor at a time ({@link #inFlight}, or a {@link FilterPass} it
 * belongs to), so reads of a stream never overlap and each page is checkpointed before the next
 * is read.
 */
final class StreamCursor {
  final String name;
  // The checkpoint: where the next read continues and what was forwarded before it. A stream
  // with a GetLogEvents token is read with GetLogEvents; one without, with FilterLogEvents
  // from its watermark (unless FilterLogEvents is turned off).
  String token;
  Watermark watermark = Watermark.fromStart();
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
  /** The FilterLogEvents pass reading this stream now; null: none. */
  FilterPass pass;
  /**
   * A FilterLogEvents call naming it with other streams said a stream was missing: it is read
   * on its own until a read finds it, so one missing stream holds up no other.
   */
  boolean readAlone;

  /**
   * @param sinksDone how many sinks, in order, accepted the batch already; a retry starts at
   *     the next one so an accepting sink is not handed the batch twice
   * @param eventIds the batch's CloudWatch eventIds (a FilterLogEvents page), which move the
   *     watermark once every sink accepted it; null for a GetLogEvents page
   */
  record Pending(List<ForwardedLine> batch, String nextToken, boolean endOfStream,
      int sinksDone, List<String> eventIds) {
    /** A GetLogEvents page. */
    Pending(List<ForwardedLine> batch, String nextToken, boolean endOfStream, int sinksDone) {
      this(batch, nextToken, endOfStream, sinksDone, null);
    }

    Pending withSinksDone(int done) {
      return new Pending(batch, nextToken, endOfStream, done, eventIds);
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
    if (cursor.token == null) {
      cursor.watermark = Watermark.restore(saved.lastEventTimestamp, saved.rereadFrom,
          saved.forwardedEventIds, saved.skipAtRereadFrom);
    }
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
    if (token == null && !finished && (watermark.last() != null || watermark.readFrom() > 0)) {
      c.rereadFrom = watermark.readFrom();
      c.forwardedEventIds = watermark.entries();
      c.skipAtRereadFrom = watermark.skipAtLast();
    }
    return c;
  }

  /** Read by GetLogEvents: a token saved before FilterLogEvents, or FilterLogEvents is off. */
  boolean readByToken(boolean filterReads) {
    return !filterReads || token != null;
  }

  /**
   * A GetLogEvents reader caught up to the stream's end: from now on it is read with
   * FilterLogEvents from the millisecond after its last line (GetLogEvents gives no eventIds).
   */
  void switchToWatermark() {
    token = null;
    watermark = Watermark.after(lastEventTimestamp);
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
