package dev.secureml.operator.logs;

import dev.secureml.operator.logs.ForwardSchedule.Work;
import dev.secureml.operator.sagemaker.ErrorKind;
import java.time.Clock;
import java.util.List;

/**
 * Finds a resource's streams by prefix (one per training instance, or per endpoint instance).
 * A running resource is looked at every discovery interval; once it has finished, one last
 * look that started after the finish settles the set of streams for good.
 */
final class StreamDiscovery {
  private static final int DESCRIBE_PAGE_SIZE = 50;

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
    TargetState state = work.target();
    LogTarget target;
    synchronized (lock) {
      target = state.target;
    }
    List<String> names;
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
        state.streams.computeIfAbsent(name, n -> new StreamCursor(n, now));
      }
      state.discoveryFailStreak = 0;
      if (target.sourceFinished() && state.target.sourceFinished()) {
        state.finalDiscoveryDone = true;
      } else {
        state.discoveryDue = now + intervalMillis;
      }
      release(work);
    }
  }

  private void release(Work work) {
    work.release();
    lock.notifyAll();
  }
}
