package dev.secureml.operator.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps a resource's stream checkpoints few: an endpoint's streams never finish, and each new
 * instance writes a new stream, so without this status.logs would grow with every instance
 * ever started. A stream idle for longer than {@link #IDLE_MILLIS}, or the least recently active
 * idle ones beyond {@link #MAX_STREAMS}, leave the checkpoint; {@link TargetState#retiredThrough}
 * keeps the newest line any of them forwarded, and a stream found again later is read only
 * after it, so a retired stream's lines are not forwarded twice. Only while the resource runs:
 * a finished one's streams are read to their ends and finished instead.
 */
final class StreamRetirement {
  static final long IDLE_MILLIS = 3_600_000;
  static final int MAX_STREAMS = 100;

  private StreamRetirement() {}

  /**
   * Drops the checkpoints of idle streams; {@code committing} is the stream whose page is being
   * committed now, free to go as well. Call under the forwarder's lock.
   */
  static void retireIdle(TargetState state, StreamCursor committing, long now) {
    if (state.target.sourceFinished()) {
      return; // its streams are about to be read to their ends and finished
    }
    List<StreamCursor> idle = new ArrayList<>();
    int saved = 0;
    for (StreamCursor stream : state.streams.values()) {
      if (!state.startsAfterRetiredWithNothingForwarded(stream)) {
        saved++;
      }
      if ((stream == committing || !stream.inFlight) && retirable(stream)) {
        idle.add(stream);
      }
    }
    idle.sort(Comparator.comparingLong(s -> s.lastEventTimestamp));
    int over = saved - MAX_STREAMS;
    for (StreamCursor stream : idle) {
      if (over <= 0 && stream.lastEventTimestamp >= now - IDLE_MILLIS) {
        return;
      }
      state.streams.remove(stream.name);
      stream.finished = true; // a pass still holding it forwards nothing more from it
      state.retiredThrough = state.retiredThrough == null ? stream.lastEventTimestamp
          : Math.max(state.retiredThrough, stream.lastEventTimestamp);
      over--;
    }
  }

  /**
   * Read by FilterLogEvents, settled (no ids left: idle for longer than the overlap), and with
   * no lines waiting for a sink.
   */
  private static boolean retirable(StreamCursor stream) {
    return stream.token == null && !stream.finished && stream.pending == null && stream.parkedBy == null && stream.lastEventTimestamp != null
        && stream.watermark.skipAtLast() != null;
  }
}
