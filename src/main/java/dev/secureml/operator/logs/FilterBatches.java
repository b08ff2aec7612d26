package dev.secureml.operator.logs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the streams of a FilterLogEvents pass: the stream whose turn it is, then the others of
 * its log group that are free to go, most overdue first, up to the 100 a call may name. A
 * stream not due yet rides along: the call is made anyway, and reading it now costs no budget.
 *
 * <p>The pass starts at the lowest watermark among its streams, so every line of the others
 * between that and their own watermark is fetched only to be dropped. Streams whose watermarks
 * lie more than {@link #SPREAD_MILLIS} apart therefore go in separate passes: a new stream
 * (read from its start) or one far behind does not make the up-to-date ones fetch their past.
 */
final class FilterBatches {
  static final long SPREAD_MILLIS = 30_000;

  private FilterBatches() {}

  /** The pass for {@code lead}, which is due and free to go. Call under the forwarder's lock. */
  static FilterPass plan(TargetState leadTarget, StreamCursor lead,
      Collection<TargetState> targets, long now) {
    List<FilterPass.Member> members = new ArrayList<>();
    members.add(new FilterPass.Member(leadTarget, lead, leadTarget.readyToFinishStreams(now)));
    if (!lead.readAlone) {
      addRiders(members, leadTarget.target.group(), lead, targets, now);
    }
    return new FilterPass(leadTarget.target.group(), members, now);
  }

  private static void addRiders(List<FilterPass.Member> members, String group,
      StreamCursor lead, Collection<TargetState> targets, long now) {
    List<FilterPass.Member> candidates = new ArrayList<>();
    for (TargetState target : targets) {
      if (!target.target.group().equals(group) || !mayGo(target)) {
        continue;
      }
      boolean finishAllowed = target.readyToFinishStreams(now);
      for (StreamCursor stream : target.streams.values()) {
        if (stream != lead && mayRide(stream)) {
          candidates.add(new FilterPass.Member(target, stream, finishAllowed));
        }
      }
    }
    candidates.sort(Comparator.comparingLong(m -> m.stream.due));
    long low = lead.watermark.readFrom();
    long high = low;
    for (FilterPass.Member candidate : candidates) {
      if (members.size() == CloudWatchLogsGateway.MAX_FILTER_STREAMS) {
        return;
      }
      long from = candidate.stream.watermark.readFrom();
      if (Math.max(high, from) - Math.min(low, from) <= SPREAD_MILLIS) {
        members.add(candidate);
        low = Math.min(low, from);
        high = Math.max(high, from);
      }
    }
  }

  /** The resource's streams may be read: tracked, and no save holds them back. */
  static boolean mayGo(TargetState target) {
    return !target.removed && (!target.saveOwed || target.saveStuck);
  }

  /**
   * Free to join another stream's pass: read with FilterLogEvents, not busy, nothing waiting
   * for a sink, not backing off after a failure, not suspected missing.
   */
  private static boolean mayRide(StreamCursor stream) {
    return stream.token == null && !stream.finished && !stream.inFlight && stream.pass == null
        && stream.pending == null && stream.parkedBy == null && stream.failStreak == 0
        && !stream.readAlone;
  }
}
