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
 * stream: at most {@link #MAX_IDS} ids are kept, which bounds both the checkpoint in
 * status.logs and what each read fetches again.
 *
 * <p>The newest millisecond is also counted ({@link #forwardedAt}). When it alone holds more
 * than {@link #MAX_IDS} lines (a traceback written at once), or when the stream has been idle
 * for longer than the overlap, the ids are dropped and reads start at {@link #last} skipping
 * that many of its lines: CloudWatch returns the lines of one stream and millisecond in a
 * stable order, so the count says which were forwarded. Not thread-safe: guarded by the
 * forwarder's lock like the cursor that holds it.
 */
final class Watermark {
  /** Ids kept per stream at most: about 3.6 KB of status. */
  static final int MAX_IDS = 50;
  private static final char SEPARATOR = ':';

  private Long last;
  private long readFrom;
  /** Ids of forwarded lines by timestamp, all within [readFrom, last]. */
  private final TreeMap<Long, Set<String>> ids = new TreeMap<>();
  private int idCount;
  /** Lines stamped {@link #last} that were forwarded. */
  private int lastCount;
  /** The newest millisecond's lines are told apart by their place in it, not by id. */
  private boolean lastByCount;

  private Watermark(Long last, long readFrom) {
    this.last = last;
    this.readFrom = readFrom;
  }

  /** Nothing forwarded yet: read from the stream's start. */
  static Watermark fromStart() {
    return new Watermark(null, 0);
  }

  /** Nothing forwarded yet, and nothing stamped before {@code readFrom} is to be. */
  static Watermark startingAt(long readFrom) {
    return new Watermark(null, readFrom);
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
    return restore(last, rereadFrom, entries, null);
  }

  /** As above; {@code skipAtLast}: the newest millisecond's lines are skipped by that count. */
  static Watermark restore(Long last, Long rereadFrom, List<String> entries,
      Integer skipAtLast) {
    if (rereadFrom == null) {
      return after(last);
    }
    Watermark mark = new Watermark(last, Math.max(0, rereadFrom));
    if (last != null && skipAtLast != null && skipAtLast >= 0 && rereadFrom.equals(last)) {
      mark.lastByCount = true;
      mark.lastCount = skipAtLast;
      return mark;
    }
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
      mark.lastCount = mark.ids.getOrDefault(last, Set.of()).size();
      mark.trimToMaxIds(); // a hand-edited list is held to the bound a saved one keeps
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

  /** Not forwarded yet, so to be forwarded now; for a reader that does not count places. */
  boolean isNew(long timestamp, String eventId) {
    return isNew(timestamp, eventId, Integer.MAX_VALUE);
  }

  /**
   * Not forwarded yet, so to be forwarded now.
   *
   * @param place the line's place (from 1) among the lines of this stream stamped
   *     {@code timestamp} that this read has returned so far
   */
  boolean isNew(long timestamp, String eventId, int place) {
    if (timestamp < readFrom) {
      return false;
    }
    if (lastByCount && timestamp == last) {
      return place > lastCount;
    }
    Set<String> at = ids.get(timestamp);
    return at == null || !at.contains(eventId);
  }

  /** How many lines stamped {@code timestamp} are known to have been forwarded. */
  int forwardedAt(long timestamp) {
    if (last != null && timestamp == last) {
      return lastCount;
    }
    Set<String> at = ids.get(timestamp);
    return at == null ? 0 : at.size();
  }

  /** Lines stamped {@link #last} skipped by count on a re-read; null: they are listed by id. */
  Integer skipAtLast() {
    return lastByCount ? lastCount : null;
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
      if (last == null || timestamp > last) {
        if (lastByCount) {
          moveReadFrom(last + 1); // a counted millisecond has no ids to tell re-reads apart
        }
        last = timestamp;
        lastCount = 0;
        lastByCount = false;
      }
      if (timestamp == last) {
        lastCount++;
      }
      if (!(lastByCount && timestamp == last)) {
        add(timestamp, eventIds.get(i));
      }
    }
    if (last == null) {
      return;
    }
    moveReadFrom(last - overlapMillis);
    trimToMaxIds();
  }

  private void trimToMaxIds() {
    while (idCount > MAX_IDS && ids.firstKey() < last) {
      moveReadFrom(ids.firstKey() + 1);
    }
    if (idCount > MAX_IDS) {
      countLastOnly(); // one millisecond holds more lines than the list may
    }
  }

  /**
   * A read that reached the stream's end at {@code nowMillis}: once the newest line is older
   * than the overlap no late line is waited for any more, so the ids go and only the newest
   * millisecond's count stays, keeping an idle stream's checkpoint to a few fields. True: it
   * changed.
   */
  boolean settle(long nowMillis, long overlapMillis) {
    if (last == null || lastByCount || nowMillis - last <= overlapMillis) {
      return false;
    }
    countLastOnly();
    return true;
  }

  private void countLastOnly() {
    moveReadFrom(last);
    ids.clear();
    idCount = 0;
    lastByCount = true;
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
