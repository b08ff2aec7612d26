package dev.secureml.operator.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * One DescribeLogStreams listing shared by every running resource of a log group with several
 * of them (training jobs all write to {@code /aws/sagemaker/TrainingJobs}): the group is listed
 * newest first, at most once per discovery interval, and each stream goes to the resource whose
 * prefix it starts with. A listing of several pages is a pass of one call per page, each
 * taking its turn in the DescribeLogStreams budget; a throttled page is asked again, not the
 * whole pass. Guarded by the forwarder's lock.
 */
final class GroupListing {
  final String group;
  /** The resources the listing serves now; rebuilt whenever a resource is tracked or dropped. */
  final List<TargetState> members = new ArrayList<>();
  long due;
  boolean inFlight;
  int failStreak;
  /** The next page of the pass under way; null: the next call starts a new pass. */
  String pageToken;
  /** When the pass under way started, and how far back it reaches. */
  long passStarted;
  long passSince;
  /** The members when the pass started: only they are covered by it once it is done. */
  List<TargetState> passMembers = List.of();
  /** Counts passes started or abandoned: a page answered for an older pass moves nothing on. */
  long passNumber;

  GroupListing(String group, long due) {
    this.group = group;
    this.due = due;
  }

  /** Starts a new pass unless one is under way. */
  void startPassIfNone(long now) {
    if (pageToken == null) {
      passNumber++;
      passStarted = now;
      passSince = since();
      passMembers = List.copyOf(members);
    }
  }

  /** Drops the pass under way: with no members left, its token would only go stale. */
  void abandonPass() {
    passNumber++;
    pageToken = null;
    passMembers = List.of();
  }

  boolean wanted() {
    return !inFlight && !members.isEmpty();
  }

  /** How far back the next listing must reach so that no member misses a stream. */
  long since() {
    long since = Long.MAX_VALUE;
    for (TargetState member : members) {
      since = Math.min(since, member.coveredSince);
    }
    return since;
  }
}
