package dev.secureml.operator.logs;

import dev.secureml.operator.logs.CloudWatchLogsGateway.FilterPage;
import dev.secureml.operator.logs.CloudWatchLogsGateway.StreamEvent;
import dev.secureml.operator.logs.ForwardSchedule.Work;
import dev.secureml.operator.sagemaker.ErrorKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the next page of a {@link FilterPass} and hands each stream its share: the lines its
 * watermark does not hold yet, redacted, in time order, through {@link BatchDelivery} (sinks,
 * then checkpoint and save), one stream after the other on this worker, before the next page is
 * read. The pass's last page reaches every stream's end. Throttling leaves the pass where it is
 * while the budget pauses; a missing stream makes every stream of the pass read alone once, so
 * the missing one is found without holding up the others.
 */
final class FilterReader {
  private final Object lock;
  private final CloudWatchLogsGateway gateway;
  private final CallBudget filters;
  private final MeteredLogCalls calls;
  private final BatchDelivery delivery;
  private final Clock clock;
  private final int pageLimit;
  private final long busyMillis;
  private final long quietMaxMillis;

  /** @param lock the forwarder's lock, which guards every cursor, target and pass */
  FilterReader(Object lock, CloudWatchLogsGateway gateway, CallBudget filters,
      MeteredLogCalls calls, BatchDelivery delivery, Clock clock, LogForwarderSettings settings) {
    this.lock = lock;
    this.gateway = gateway;
    this.filters = filters;
    this.calls = calls;
    this.delivery = delivery;
    this.clock = clock;
    this.pageLimit = settings.pageLimit();
    this.busyMillis = settings.busyInterval().toMillis();
    this.quietMaxMillis = settings.quietMaxInterval().toMillis();
  }

  void read(Work work) {
    FilterPass pass = work.pass();
    List<String> names;
    String token;
    List<FilterPass.Member> members;
    synchronized (lock) {
      if (pass.dropStalled()) {
        pass.end();
        release(work);
        return;
      }
      names = pass.streamNames; // the lines of streams that left are dropped below
      token = pass.nextToken;
      members = List.copyOf(pass.members);
    }
    FilterPage page;
    try {
      page = calls.call(work, filters, () -> gateway.filter(pass.group, names, pass.startTime,
          token, pageLimit));
    } catch (RuntimeException e) {
      failed(work, pass, e);
      return;
    }
    boolean last = page.nextToken() == null;
    Map<String, List<StreamEvent>> byStream = new HashMap<>();
    for (StreamEvent event : page.events()) {
      byStream.computeIfAbsent(event.stream(), s -> new ArrayList<>()).add(event);
    }
    for (FilterPass.Member member : members) {
      List<StreamEvent> events = byStream.getOrDefault(member.stream.name, List.of());
      if (last || !events.isEmpty()) {
        forward(pass, member, events, last);
      }
    }
    synchronized (lock) {
      if (last || pass.members.isEmpty()) {
        pass.end();
      } else {
        pass.nextToken = page.nextToken();
        pass.due = clock.millis(); // more is waiting: the next page as soon as the budget allows
      }
      release(work);
    }
  }

  /**
   * Hands one stream its new lines (none: the pass reached its end, which reschedules it and
   * may end it for good) and commits them; a stream whose sinks did not take them leaves the
   * pass with the lines pending.
   */
  private void forward(FilterPass pass, FilterPass.Member member, List<StreamEvent> events,
      boolean endOfStream) {
    Work claimed;
    LogTarget target;
    LogRedactor redactor;
    List<StreamEvent> fresh = new ArrayList<>();
    synchronized (lock) {
      if (!pass.canGoOn(member)) {
        return; // untracked, say, while the page was read
      }
      Set<String> seen = new HashSet<>();
      for (StreamEvent event : events) {
        long timestamp = event.line().timestampMillis();
        if (seen.add(event.eventId()) && member.stream.watermark.isNew(timestamp,
            event.eventId(), member.place(timestamp))) {
          fresh.add(event);
        }
      }
      member.stream.readAlone = false;
      target = member.target.target;
      redactor = member.target.redactor;
      claimed = Work.claimDelivery(member);
    }
    fresh.sort(Comparator.comparingLong(e -> e.line().timestampMillis())); // stable
    List<ForwardedLine> batch = new ArrayList<>(fresh.size());
    List<String> eventIds = new ArrayList<>(fresh.size());
    for (StreamEvent event : fresh) {
      // Redacted first, with the resource's own redactor: nothing downstream sees a secret.
      String message = redactor.redact(event.line().message());
      batch.add(ForwardedLine.of(target, member.stream.name, EventIds.ofCloudWatchEvent(
          target.group(), member.stream.name, event.eventId(), event.line(), message),
          event.line().timestampMillis(), message));
      eventIds.add(event.eventId());
    }
    try {
      delivery.deliver(claimed,
          new StreamCursor.Pending(batch, null, endOfStream, 0, eventIds));
    } finally {
      synchronized (lock) {
        claimed.release(); // nothing when the delivery released it, as it does
        member.lines += batch.size();
        StreamCursor stream = member.stream;
        if (stream.pending != null || stream.parkedBy != null) {
          pass.drop(member);
        } else if (endOfStream && batch.isEmpty() && member.lines > 0 && !stream.finished) {
          stream.quietStreak = 0; // the pass found lines on an earlier page: busy, not quiet
          stream.due = clock.millis() + busyMillis;
        }
        lock.notifyAll();
      }
    }
  }

  private void failed(Work work, FilterPass pass, RuntimeException e) {
    ErrorKind kind = calls.failed(filters, work.target().target.key(), e);
    synchronized (lock) {
      long now = clock.millis();
      if (kind == ErrorKind.THROTTLED) {
        pass.due = now; // the same page again once the budget's pause is over
      } else {
        boolean alone = pass.members.size() == 1;
        for (FilterPass.Member member : pass.members) {
          if (kind != ErrorKind.NOT_FOUND) {
            member.stream.backOffFailure(now, busyMillis, quietMaxMillis);
          } else if (alone) {
            member.stream.backOffQuiet(now, busyMillis, quietMaxMillis); // no logs yet
          } else {
            member.stream.readAlone = true; // which one is missing: each finds out alone
          }
        }
        pass.end(); // the token may be what failed
      }
      release(work);
    }
  }

  /** After a failure no one expected: the pass ends and its streams back off. */
  void abandon(FilterPass pass) {
    synchronized (lock) {
      long now = clock.millis();
      for (FilterPass.Member member : pass.members) {
        member.stream.backOffFailure(now, busyMillis, quietMaxMillis);
      }
      pass.end();
      lock.notifyAll();
    }
  }

  /** Gives the pass back to the schedule. Call under the lock. */
  private void release(Work work) {
    work.release();
    lock.notifyAll();
  }
}
