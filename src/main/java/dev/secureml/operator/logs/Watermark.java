package dev.secureml.operator.logs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How far a stream read with FilterLogEvents has been forwarded: the timestamp of the newest
 * line forwarded ({@link #last}), the timestamp reads start at again ({@link #readFrom}), and
 * the CloudWatch eventIds of every line forwarded from there on. A line is new when it is
 * stamped at or after {@link #readFrom} and its id is not listed, so re-reading from
 * {@link #readFrom} (after a page, a pass or a restart) repeats nothing, and lines that share a
 * millisecond with the last one forwarded are neither skipped nor repeated.
 *
 * <p>Late lines: FilterLogEvents is eventually consistent and containers' lines can be ingested
 * after newer ones, so a line stamped a little before {@link #last} may become searchable only
 * after {@link #last} was forwarded. Reads therefore start {@code overlap} behind {@link #last}
 * and the ids of that window are kept: a late line inside it is forwarded (once) when it shows
 * up; one stamped further back is taken as already forwarded. The window shrinks for a chatty
 * stream: at most {@link #MAX_IDS} ids are kept (the newest millisecond's ids always), which
 * bounds both the checkpoint in status.logs and what each read fetches again. Not thread-safe:
 * guarded by the forwarder's lock like the cursor that holds it.
 */
final class Watermark {
  /** Ids kept per stream beyond the newest millisecond's: about 3.6 KB of status. */
  static final int MAX_IDS = 50;
  private static final char SEPARATOR = ':';

  private Long last;
  private long readFrom;
  /** Ids of forwarded lines by timestamp, all within [readFrom, last]. */
  private final TreeMap<Long, Set<String>> ids = new TreeMap<>();
  private int idCount;

  private Watermark(Long last, long readFrom) {
    this.last = last;
    this.readFrom = readFrom;
  }

  /** Nothing forwarded yet: read from the stream's start. */
  static Watermark fromStart() {
    return new Watermark(null, 0);
  }

  /**
   * Everything stamped up to {@code lastForwarded} was forwarded (by GetLogEvents, which gives
   * no ids): reads start at the next millisecond. Null: nothing was.
   */
  static Watermark after(Long lastForwarded) {
    return lastForwarded == null ? fromStart() : new Watermark(lastForwarded, lastForwarded + 1);
  }

  /**
   * The watermark a checkpoint saved; entries that cannot be parsed or lie outside
   * [rereadFrom, last] are dropped (a hand-edited status must not stop forwarding).
   */
  static Watermark restore(Long last, Long rereadFrom, List<String> entries) {
    if (rereadFrom == null) {
      return after(last);
    }
    Watermark mark = new Watermark(last, Math.max(0, rereadFrom));
    if (entries != null && last != null) {
      for (String entry : entries) {
        int at = entry == null ? -1 : entry.indexOf(SEPARATOR);
        if (at <= 0 || at == entry.length() - 1) {
          continue;
        }
        try {
          long timestamp = Long.parseLong(entry.substring(0, at));
          if (timestamp >= mark.readFrom && timestamp <= last) {
            mark.add(timestamp, entry.substring(at + 1));
          }
        } catch (NumberFormatException ignored) {
          // dropped, as the comment above says
        }
      }
    }
    return mark;
  }

  /** Where the next read of this stream starts (epoch ms). */
  long readFrom() {
    return readFrom;
  }

  /** The newest forwarded line's timestamp; null: none yet. */
  Long last() {
    return last;
  }

  /** Not forwarded yet, so to be forwarded now. */
  boolean isNew(long timestamp, String eventId) {
    if (timestamp < readFrom) {
      return false;
    }
    Set<String> at = ids.get(timestamp);
    return at == null || !at.contains(eventId);
  }

  /** How many lines stamped {@code timestamp} are known to have been forwarded. */
  int forwardedAt(long timestamp) {
    Set<String> at = ids.get(timestamp);
    return at == null ? 0 : at.size();
  }

  /**
   * Records lines that every sink accepted, then moves the re-read point up to
   * {@code overlapMillis} behind the newest and trims the ids to {@link #MAX_IDS}.
   *
   * @param timestamps the lines' timestamps, in the order of {@code eventIds}
   */
  void forwarded(List<Long> timestamps, List<String> eventIds, long overlapMillis) {
    for (int i = 0; i < eventIds.size(); i++) {
      long timestamp = timestamps.get(i);
      add(timestamp, eventIds.get(i));
      last = last == null ? timestamp : Math.max(last, timestamp);
    }
    if (last == null) {
      return;
    }
    moveReadFrom(last - overlapMillis);
    while (idCount > MAX_IDS && ids.firstKey() < last) {
      moveReadFrom(ids.firstKey() + 1);
    }
  }

  /** {@code <timestamp>:<eventId>} of the lines forwarded from {@link #readFrom} on. */
  List<String> entries() {
    List<String> out = new ArrayList<>(idCount);
    for (Map.Entry<Long, Set<String>> at : ids.entrySet()) {
      for (String id : at.getValue()) {
        out.add(at.getKey() + String.valueOf(SEPARATOR) + id);
      }
    }
    return out;
  }

  private void add(long timestamp, String eventId) {
    if (ids.computeIfAbsent(timestamp, t -> new LinkedHashSet<>()).add(eventId)) {
      idCount++;
    }
  }

  private void moveReadFrom(long to) {
    if (to <= readFrom) {
      return;
    }
    readFrom = to;
    while (!ids.isEmpty() && ids.firstKey() < readFrom) {
      idCount -= ids.pollFirstEntry().getValue().size();
    }
  }
}
