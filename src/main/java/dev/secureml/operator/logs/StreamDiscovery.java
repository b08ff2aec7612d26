package dev.secureml.operator.logs;

import dev.secureml.operator.logs.ForwardSchedule.Work;
import dev.secureml.operator.sagemaker.ErrorKind;
import java.time.Clock;
import java.util.List;

/**
 * Finds a resource's streams by prefix (one per training instance, or per endpoint instance).
 * A running resource is looked at every discovery interval; once it has finished, one last
 * look by its own prefix that started at least the finish grace after the finish settles the
 * set of streams for good.
 *
 * <p>Running resources that share a log group share one listing of it ({@link GroupListing}):
 * newest streams first, paged only back to the previous listing, one budgeted
 * DescribeLogStreams call per page, serves them all instead of one call per resource.
 */
final class StreamDiscovery {
  private static final int DESCRIBE_PAGE_SIZE = CloudWatchLogsGateway.DESCRIBE_PAGE_SIZE;
  /**
   * How far before the previous listing the next one reaches: CloudWatch updates a stream's
   * last event time a little after ingestion, so a stream written just before a listing may
   * still look older to it.
   */
  static final long LISTING_OVERLAP_MILLIS = 60_000;

  private final Object lock;
  private final CloudWatchLogsGateway gateway;
  private final CallBudget describes;
  private final MeteredLogCalls calls;
  private final Clock clock;
  private final long busyMillis;
  private final long intervalMillis;

  /** @param lock the forwarder's lock, which guards every target */
  StreamDiscovery(Object lock, CloudWatchLogsGateway gateway, CallBudget describes,
      MeteredLogCalls calls, Clock clock, LogForwarderSettings settings) {
    this.lock = lock;
    this.gateway = gateway;
    this.describes = describes;
    this.calls = calls;
    this.clock = clock;
    this.busyMillis = settings.busyInterval().toMillis();
    this.intervalMillis = settings.discoveryInterval().toMillis();
  }

  void discover(Work work) {
    if (work.listing() != null) {
      listGroup(work, work.listing());
      return;
    }
    TargetState state = work.target();
    LogTarget target;
    synchronized (lock) {
      target = state.target;
    }
    List<String> names;
    long started = clock.millis();
    try {
      names = calls.call(work, describes,
          () -> gateway.streams(target.group(), target.streamPrefix()));
    } catch (RuntimeException e) {
      ErrorKind kind = calls.failed(describes, target.key(), e);
      synchronized (lock) {
        if (kind != ErrorKind.THROTTLED) { // throttled: keeps its place, the budget waits
          state.discoveryFailStreak = Math.min(state.discoveryFailStreak + 1, 30);
          state.discoveryDue = clock.millis()
              + StreamCursor.backoff(busyMillis, intervalMillis, state.discoveryFailStreak);
        }
        release(work);
      }
      return;
    }
    long now = clock.millis();
    // The gateway lists every page in one go; book the extra pages against the budget.
    describes.charge(now, Math.max(0, (names.size() - 1) / DESCRIBE_PAGE_SIZE));
    synchronized (lock) {
      for (String name : names) {
        state.streams.computeIfAbsent(name, n -> state.newStream(n, now));
      }
      state.discoveryFailStreak = 0;
      state.coveredSince = Math.max(state.coveredSince, started - LISTING_OVERLAP_MILLIS);
      if (target.sourceFinished() && state.target.sourceFinished()
          && started >= state.finishSettlesAt) {
        state.finalDiscoveryDone = true;
        // Read every stream to its end once more now: that read may end it for good.
        state.streams.values().forEach(s -> s.dueBy(now));
      } else if (state.target.sourceFinished()) {
        state.discoveryDue = Math.max(now, Math.min(now + intervalMillis, state.finishSettlesAt));
      } else {
        state.discoveryDue = now + intervalMillis;
      }
      release(work);
    }
  }

  /**
   * Reads the next page of the group's listing for all its members and hands each member its
   * own new streams at once. The pass goes on, one page per budgeted call, until it reaches
   * back to where the previous one started; only then are its members covered.
   */
  private void listGroup(Work work, GroupListing listing) {
    String token;
    long since;
    long pass;
    synchronized (lock) {
      listing.startPassIfNone(clock.millis());
      token = listing.pageToken;
      since = listing.passSince;
      pass = listing.passNumber;
    }
    CloudWatchLogsGateway.RecentStreamsPage page;
    try {
      page = calls.call(work, describes,
          () -> gateway.recentStreamsPage(listing.group, since, token));
    } catch (RuntimeException e) {
      failedPage(work, listing, e);
      return;
    }
    long now = clock.millis();
    synchronized (lock) {
      // Members that joined during the pass get its streams too; they count as covered only
      // from the next pass on, which reaches back to their own start.
      for (TargetState member : listing.members) {
        String prefix = member.target.streamPrefix();
        for (String name : page.names()) {
          if (name.startsWith(prefix)) {
            member.streams.computeIfAbsent(name, n -> member.newStream(n, now));
          }
        }
      }
      listing.failStreak = 0;
      if (pass != listing.passNumber) {
        listing.due = now; // the pass was abandoned meanwhile: a new one starts afresh
      } else if (page.nextToken() != null) {
        listing.pageToken = page.nextToken();
        listing.due = now; // the next page as soon as the budget has room
      } else {
        listing.pageToken = null;
        for (TargetState member : listing.passMembers) {
          member.coveredSince = Math.max(member.coveredSince,
              listing.passStarted - LISTING_OVERLAP_MILLIS);
          member.discoveryDue = now + intervalMillis;
        }
        listing.passMembers = List.of();
        listing.due = now + intervalMillis;
      }
      release(work);
    }
  }

  /** A throttled page is asked again once the budget allows; another failure restarts the pass. */
  private void failedPage(Work work, GroupListing listing, RuntimeException e) {
    LogSourceKey key;
    synchronized (lock) {
      key = listing.members.isEmpty() ? work.target().target.key()
          : listing.members.get(0).target.key();
    }
    ErrorKind kind = calls.failed(describes, key, e);
    synchronized (lock) {
      if (kind != ErrorKind.THROTTLED) {
        listing.abandonPass(); // the token may be what failed
        listing.failStreak = Math.min(listing.failStreak + 1, 30);
        listing.due = clock.millis()
            + StreamCursor.backoff(busyMillis, intervalMillis, listing.failStreak);
      }
      release(work);
    }
  }

  private void release(Work work) {
    work.release();
    lock.notifyAll();
  }
}
