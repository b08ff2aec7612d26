package dev.secureml.operator.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * One DescribeLogStreams listing shared by every running resource of a log group with several
 * of them (training jobs all write to {@code /aws/sagemaker/TrainingJobs}): the group is listed
 * newest first, at most once per discovery interval, and each stream goes to the resource whose
 * prefix it starts with. Guarded by the forwarder's lock.
 */
final class GroupListing {
  final String group;
  /** The resources the listing serves now; rebuilt whenever a resource is tracked or dropped. */
  final List<TargetState> members = new ArrayList<>();
  long due;
  boolean inFlight;
  int failStreak;

  GroupListing(String group, long due) {
    this.group = group;
    this.due = due;
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
