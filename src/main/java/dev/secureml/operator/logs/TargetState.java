package dev.secureml.operator.logs;

import dev.secureml.operator.api.LogStatus;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the forwarder knows about one tracked resource: its streams, totals, tail and stream
 * discovery. Guarded by the forwarder's lock, except {@link #saveLock}, which orders the
 * resource's checkpoint saves so an older snapshot is never saved after a newer one.
 */
final class TargetState {
  final Object saveLock = new Object();
  LogTarget target;
  /** The forwarder's redactor plus the values this resource declared as secrets. */
  LogRedactor redactor;
  final Map<String, StreamCursor> streams = new TreeMap<>();
  /** The newest line of any stream whose checkpoint was dropped; null: none was. */
  Long retiredThrough;
  long linesForwarded;
  final Deque<String> tail = new ArrayDeque<>();
  Instant lastForwardTime;

  long discoveryDue;
  boolean discoveryInFlight;
  int discoveryFailStreak;
  /**
   * Once the source has finished: when its finish grace ends. Only a discovery or a read that
   * starts from then on can settle the set of streams or end a stream for good.
   */
  long finishSettlesAt;
  /** A discovery that started after the finish grace has run: no stream can appear now. */
  boolean finalDiscoveryDone;
  /**
   * Streams with events since about this time are known: a shared listing of the group need
   * not reach further back for this resource.
   */
  long coveredSince;
  /** The group's shared listing while it serves this resource; null: own discovery by prefix. */
  GroupListing listing;
  /** Untracked: finish work in flight but save nothing more. */
  boolean removed;
  /**
   * The last save failed, so the status is behind what the sinks accepted: it is saved again
   * on its own at {@link #saveDue}, and no stream is read or delivered until then.
   */
  boolean saveOwed;
  boolean saveInFlight;
  long saveDue;
  int saveFailStreak;
  /**
   * The save cannot succeed for now (a permanent failure, or too many in a row): the streams
   * go on without it and the save is tried again only now and then, at {@link #saveDue}.
   */
  boolean saveStuck;
  /** When the checkpoint was last saved; saves come at most one checkpoint interval apart. */
  long lastSaved = Long.MIN_VALUE;
  /**
   * Progress not saved yet because the last save was less than the checkpoint interval ago:
   * it is saved at {@link #deferredDue} (or sooner, with the next page after it), without
   * holding the streams up.
   */
  boolean saveDeferred;
  long deferredDue;
  /** Most characters of one line the status tail keeps; a longer line is cut with a marker. */
  static final int TAIL_LINE_MAX_CHARS = 2_000;
  /** Most characters of all tail lines together; the oldest lines go first. */
  static final int TAIL_MAX_CHARS = 16_000;
  static final String TRUNCATED = "\u2026 [truncated]";

  TargetState(LogTarget target, LogRedactor redactor, long now, long lookbackMillis,
      long finishGraceMillis) {
    this.target = target;
    this.redactor = target.secrets().applyTo(redactor);
    this.finishSettlesAt = now + finishGraceMillis; // counts only once the source has finished
    this.discoveryDue = now;
    this.coveredSince = now - lookbackMillis;
    LogStatus saved = target.saved();
    if (saved != null) {
      if (saved.streams != null) {
        for (LogStatus.StreamCheckpoint checkpoint : saved.streams) {
          if (checkpoint != null && checkpoint.name != null) {
            streams.put(checkpoint.name, StreamCursor.restore(checkpoint, now));
          }
        }
      }
      retiredThrough = saved.retiredStreamsThrough;
      streams.values().forEach(this::startAfterRetired);
      linesForwarded = saved.linesForwarded == null ? 0 : saved.linesForwarded;
      if (saved.tail != null) {
        // Masked again: a status written by an older operator may predate a secret's pattern.
        saved.tail.stream().filter(java.util.Objects::nonNull)
            .forEach(line -> tail.addLast(cut(this.redactor.redact(line))));
        trimTail(Integer.MAX_VALUE);
      }
      lastForwardTime = parse(saved.lastForwardTime);
    }
  }

  /** When a save of its own is due, owed or deferred; null: none is. */
  Long saveWantedAt() {
    return saveOwed ? Long.valueOf(saveDue) : saveDeferred ? Long.valueOf(deferredDue) : null;
  }

  boolean discoveryWanted() {
    return !finalDiscoveryDone && !discoveryInFlight && !removed;
  }

  /** Could share its group's listing: running, with a prefix that picks out its streams. */
  boolean canShareListing() {
    return !removed && !target.sourceFinished() && !finalDiscoveryDone
        && !target.streamPrefix().isEmpty();
  }

  /** A read starting at {@code now} that reaches a stream's end ends the stream for good. */
  boolean readyToFinishStreams(long now) {
    return target.sourceFinished() && finalDiscoveryDone && now >= finishSettlesAt;
  }

  /**
   * How far behind the oldest stream with lines still unread is; a stream whose last read
   * reached its end adds nothing, however long ago its last line was written.
   */
  long lagMillis(long now) {
    long lag = 0;
    for (StreamCursor s : streams.values()) {
      if (!s.finished && !s.caughtUp && s.lastEventTimestamp != null) {
        lag = Math.max(lag, now - s.lastEventTimestamp);
      }
    }
    return lag;
  }

  int activeStreams() {
    return (int) streams.values().stream().filter(s -> !s.finished).count();
  }

  void addTail(List<ForwardedLine> batch, int tailLines) {
    for (ForwardedLine line : batch) {
      tail.addLast(cut(line.message()));
    }
    trimTail(tailLines);
  }

  /** Keeps status.logs well under the API server's request limit however long the lines. */
  private void trimTail(int tailLines) {
    long chars = tail.stream().mapToLong(String::length).sum();
    while (!tail.isEmpty() && (tail.size() > tailLines || chars > TAIL_MAX_CHARS)) {
      chars -= tail.removeFirst().length();
    }
  }

  static String cut(String line) {
    if (line == null || line.length() <= TAIL_LINE_MAX_CHARS) {
      return line;
    }
    int end = TAIL_LINE_MAX_CHARS - TRUNCATED.length();
    if (Character.isHighSurrogate(line.charAt(end - 1))) {
      end--;
    }
    return line.substring(0, end) + TRUNCATED;
  }

  /** A stream found now; one that forwarded nothing yet starts after the retired streams. */
  StreamCursor newStream(String name, long now) {
    StreamCursor stream = new StreamCursor(name, now);
    startAfterRetired(stream);
    return stream;
  }

  private void startAfterRetired(StreamCursor stream) {
    if (retiredThrough != null && stream.token == null && stream.lastEventTimestamp == null
        && stream.watermark.readFrom() <= retiredThrough) {
      stream.watermark = Watermark.startingAt(retiredThrough + 1);
    }
  }

  /**
   * Nothing to save: found again after the retired streams (listings name old streams too)
   * and nothing forwarded since, so found again after a restart it starts at the same place.
   */
  boolean startsAfterRetiredWithNothingForwarded(StreamCursor stream) {
    return retiredThrough != null && stream.token == null && !stream.finished
        && stream.lastEventTimestamp == null && stream.watermark.readFrom() > 0;
  }

  LogStatus snapshot() {
    LogStatus status = new LogStatus();
    status.group = target.group();
    List<LogStatus.StreamCheckpoint> checkpoints = new ArrayList<>();
    for (StreamCursor cursor : streams.values()) {
      if (!startsAfterRetiredWithNothingForwarded(cursor)) {
        checkpoints.add(cursor.checkpoint());
      }
    }
    status.streams = checkpoints;
    status.retiredStreamsThrough = retiredThrough;
    status.linesForwarded = linesForwarded;
    status.tail = new ArrayList<>(tail);
    status.lastForwardTime = lastForwardTime == null ? null : lastForwardTime.toString();
    return status;
  }

  private static Instant parse(String time) {
    try {
      return time == null ? null : Instant.parse(time);
    } catch (RuntimeException e) {
      return null; // a hand-edited status must not stop forwarding
    }
  }
}
