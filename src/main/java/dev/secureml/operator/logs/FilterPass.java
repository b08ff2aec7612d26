package dev.secureml.operator.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * One FilterLogEvents search over up to 100 streams of a log group, from the lowest watermark
 * among them, page after page by nextToken. Its streams belong to it until it ends, so nothing
 * else reads or delivers them meanwhile; a stream that cannot go on (its delivery failed, a
 * sink parked it, its checkpoint is not saved, its resource was untracked) leaves the pass and
 * is read again later from its own watermark. Guarded by the forwarder's lock.
 */
final class FilterPass {
  /** A stream in the pass and how many lines the pass has forwarded from it so far. */
  static final class Member {
    final TargetState target;
    final StreamCursor stream;
    /** A read starting when the pass did that reaches the stream's end ends it for good. */
    final boolean finishAllowed;
    int lines;
    /** The newest timestamp of this stream the pass has returned, and how many lines bear it. */
    long placeAt = Long.MIN_VALUE;
    int placed;

    /** The place (from 1) of a line among this stream's lines of its millisecond so far. */
    int place(long timestamp) {
      if (timestamp != placeAt) { // lines come in time order
        placeAt = timestamp;
        placed = 0;
      }
      return ++placed;
    }

    Member(TargetState target, StreamCursor stream, boolean finishAllowed) {
      this.target = target;
      this.stream = stream;
      this.finishAllowed = finishAllowed;
    }
  }

  final String group;
  final long startTime;
  final List<Member> members = new ArrayList<>();
  /**
   * The streams the pass's calls name, fixed when it starts: a nextToken belongs to the search
   * that gave it, so every page names the same streams even after some left the pass.
   */
  final List<String> streamNames;
  /** The next page; null before the first call and once the pass has ended. */
  String nextToken;
  long due;
  boolean inFlight;
  boolean ended;

  /** Takes the streams: they belong to the pass from now on. */
  FilterPass(String group, List<Member> members, long now) {
    this.group = group;
    this.members.addAll(members);
    this.streamNames = members.stream().map(m -> m.stream.name).toList();
    this.startTime = members.stream().mapToLong(m -> m.stream.watermark.readFrom()).min()
        .orElse(0);
    this.due = now;
    members.forEach(m -> m.stream.pass = this);
  }

  /** Whether the pass has a page to read next. */
  boolean wanted() {
    return !ended && !inFlight && !members.isEmpty();
  }

  /** Drops the streams that cannot go on; true when none is left. */
  boolean dropStalled() {
    members.removeIf(m -> {
      boolean stalled = !canGoOn(m);
      if (stalled) {
        m.stream.pass = null;
      }
      return stalled;
    });
    return members.isEmpty();
  }

  /** Still in the pass, tracked, and neither a failed delivery nor a save holds it back. */
  boolean canGoOn(Member m) {
    return m.stream.pass == this && !m.stream.finished && m.stream.pending == null
        && FilterBatches.mayGo(m.target);
  }

  /** Takes one stream out of the pass; it is read again later from its own watermark. */
  void drop(Member m) {
    members.remove(m);
    if (m.stream.pass == this) {
      m.stream.pass = null;
    }
  }

  /** Gives every stream back to the schedule. */
  void end() {
    ended = true;
    nextToken = null;
    for (Member m : members) {
      if (m.stream.pass == this) {
        m.stream.pass = null;
      }
    }
    members.clear();
  }
}
