package dev.secureml.operator.logs;

import dev.secureml.operator.api.LogStatus;
import dev.secureml.operator.logs.ForwardSchedule.Work;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards the CloudWatch logs of every tracked resource to the sinks, each line once: a page
 * is read, redacted, accepted by every sink, checkpointed and saved before the stream is read
 * further, and {@link #close} saves what the sinks accepted and nothing more, so a restart from
 * the saved checkpoints loses nothing and repeats at most the pages that were in flight.
 *
 * <p>Streams are read many per call with FilterLogEvents ({@link FilterReader}), each from its
 * own {@link Watermark}, or one per call with GetLogEvents ({@link PageReader}) while a
 * checkpoint saved before holds a GetLogEvents token, or when FilterLogEvents is turned off.
 * All resources share one API budget per operation and a few worker threads; a
 * {@link ForwardSchedule} hands the workers the most overdue work next. Throttling pauses the
 * whole budget and is retried; it never reaches the sinks or the caller.
 */
public final class LogForwarder implements AutoCloseable {
  static final String GET_LOG_EVENTS = "GetLogEvents";
  static final String FILTER_LOG_EVENTS = "FilterLogEvents";
  static final String DESCRIBE_LOG_STREAMS = "DescribeLogStreams";
  /** Enough to overlap a slow sink with reads; the API budget, not threads, sets the pace. */
  static final int WORKERS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(LogForwarder.class);
  private static final long MAX_IDLE_WAIT_MILLIS = 1_000;
  /**
   * How far back the first shared listing of a group looks for a newly tracked resource's
   * streams. Older, silent streams are still found by the resource's own last discovery once
   * it has finished.
   */
  static final long NEW_TARGET_LOOKBACK_MILLIS = 5 * 60_000;

  private final List<LogSink> sinks;
  private final Clock clock;
  private final CallBudget reads;
  private final CallBudget filters;
  private final CallBudget describes;
  private final ForwardSchedule schedule;
  private final ForwarderMetrics metrics;
  private final BatchDelivery delivery;
  private final CheckpointSaver saver;
  private final StreamParking parking;
  private final ForwarderShutdown shutdown;
  private final MeteredLogCalls calls;
  private final PageReader reader;
  private final FilterReader filterReader;
  private final StreamDiscovery discovery;
  private final LogRedactor redactor;
  private final Object lock = new Object();
  private final Map<LogSourceKey, TargetState> targets = new LinkedHashMap<>();
  private final Map<String, GroupListing> listings = new HashMap<>();
  private final long finishGraceMillis;
  private final long busyMillis;
  private final long quietMaxMillis;
  private ExecutorService workers;
  private boolean closing;

  public LogForwarder(CloudWatchLogsGateway gateway, LogForwarderSettings settings,
      List<LogSink> sinks, LogRedactor redactor, CheckpointStore store, MeterRegistry registry,
      Clock clock) {
    this(gateway, settings, sinks, redactor, store, SinkRejectionListener.NONE, registry, clock);
  }

  /** @param rejections told when a sink starts and stops rejecting a resource's lines */
  public LogForwarder(CloudWatchLogsGateway gateway, LogForwarderSettings settings,
      List<LogSink> sinks, LogRedactor redactor, CheckpointStore store,
      SinkRejectionListener rejections, MeterRegistry registry, Clock clock) {
    this.sinks = List.copyOf(sinks);
    this.redactor = redactor;
    this.clock = clock;
    this.reads = new CallBudget(GET_LOG_EVENTS, settings.getLogEventsPerSecond());
    this.filters = new CallBudget(FILTER_LOG_EVENTS, settings.filterReads().perSecond());
    this.describes = new CallBudget(DESCRIBE_LOG_STREAMS, settings.describeStreamsPerSecond());
    this.schedule = new ForwardSchedule(reads, filters, describes,
        settings.filterReads().enabled());
    this.finishGraceMillis = settings.finishGrace().toMillis();
    this.busyMillis = settings.busyInterval().toMillis();
    this.quietMaxMillis = settings.quietMaxInterval().toMillis();
    this.metrics = new ForwarderMetrics(registry, this::lagSeconds, this::activeStreams,
        this::parkedStreams);
    this.saver = new CheckpointSaver(lock, store, clock, metrics, rejections, settings);
    this.parking = new StreamParking(lock, clock, metrics, rejections, settings,
        targets::values);
    this.delivery = new BatchDelivery(lock, this.sinks, saver, parking, clock, metrics,
        settings);
    this.shutdown = new ForwarderShutdown(this.sinks, saver, this::trackedTargets,
        settings.closeGrace());
    this.calls = new MeteredLogCalls(clock, metrics);
    this.reader = new PageReader(lock, gateway, reads, calls, delivery, clock, settings);
    this.filterReader = new FilterReader(lock, gateway, filters, calls, delivery, clock,
        settings);
    this.discovery = new StreamDiscovery(lock, gateway, describes, calls, clock, settings);
  }

  /** Starts the worker threads; tracked resources are forwarded from then on. */
  public void start() {
    synchronized (lock) {
      if (closing || workers != null) {
        throw new IllegalStateException(closing ? "closed" : "already started");
      }
      AtomicInteger number = new AtomicInteger();
      workers = Executors.newFixedThreadPool(WORKERS, r -> {
        Thread thread = new Thread(r, "log-forwarder-" + number.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
    }
    for (int i = 0; i < WORKERS; i++) {
      workers.execute(this::workLoop);
    }
  }

  /**
   * Adds a resource, or updates one already tracked (typically: its source has finished). The
   * saved checkpoints in {@code target} count only when the resource is first tracked.
   */
  public void track(LogTarget target) {
    synchronized (lock) {
      long now = clock.millis();
      TargetState state = targets.get(target.key());
      if (state == null) {
        targets.put(target.key(), new TargetState(target, redactor, now,
            NEW_TARGET_LOOKBACK_MILLIS, finishGraceMillis));
      } else {
        boolean justFinished = target.sourceFinished() && !state.target.sourceFinished();
        if (!target.secrets().equals(state.target.secrets())) {
          state.redactor = target.secrets().applyTo(redactor);
        }
        state.target = target;
        if (justFinished) {
          // Look for last streams and read every stream to its end now, not after a backoff;
          // the ends found count as final only once the finish grace is over.
          state.finishSettlesAt = now + finishGraceMillis;
          state.discoveryDue = Math.min(state.discoveryDue, now);
          state.streams.values().forEach(s -> s.dueBy(now));
        } else if (!target.sourceFinished() && state.finalDiscoveryDone) {
          state.finalDiscoveryDone = false; // restarted after all: streams may appear again
          state.discoveryDue = now;
        }
      }
      regroup(now);
      lock.notifyAll();
    }
  }

  /** Stops forwarding a resource; work in flight for it finishes but saves nothing more. */
  public void untrack(LogSourceKey key) {
    synchronized (lock) {
      TargetState state = targets.remove(key);
      if (state != null) {
        state.removed = true;
        regroup(clock.millis());
      }
    }
  }

  /** The resource's progress as it would be saved, or empty when it is not tracked. */
  public Optional<LogStatus> snapshot(LogSourceKey key) {
    synchronized (lock) {
      TargetState state = targets.get(key);
      return state == null ? Optional.empty() : Optional.of(state.snapshot());
    }
  }

  /**
   * Stops within the close grace ({@link ForwarderShutdown}): takes no new work, abandons sink
   * retries, saves the checkpoints of what every sink accepted and nothing else. A new forwarder
   * tracking the saved checkpoints continues from there.
   */
  @Override
  public void close() {
    ExecutorService running;
    synchronized (lock) {
      if (closing) {
        return;
      }
      closing = true;
      running = workers;
      lock.notifyAll();
    }
    shutdown.stop(running);
    metrics.close();
  }

  /** Caps the parked batches kept in memory (characters). For tests. */
  void capParkedChars(long chars) {
    parking.capParkedChars(chars);
  }

  /** Runs one piece of due work on the calling thread; false when none is due. For tests. */
  boolean runDueWork() {
    Work work;
    synchronized (lock) {
      work = closing ? null : schedule.next(targets.values(), clock.millis());
    }
    if (work == null) {
      return false;
    }
    runSafely(work);
    return true;
  }

  private void workLoop() {
    while (true) {
      try {
        for (Work work = awaitWork(); work != null; work = awaitWork()) {
          runSafely(work);
        }
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Throwable e) { // not even a failure while waiting may end a worker
        LOG.error("Log forwarding worker failed; it goes on", e);
      }
    }
  }

  /** Runs the work; whatever it throws, the worker goes on and the work's owner is freed. */
  private void runSafely(Work work) {
    try {
      run(work);
    } catch (Throwable e) { // a bug must not kill the worker and strand the stream
      try {
        LOG.error("Log forwarding failed for {}", work.target().target.key(), e);
        synchronized (lock) {
          if (release(work) && work.stream() != null) {
            // Not at once again: the same failure would spin the worker.
            work.stream().backOffFailure(clock.millis(), busyMillis, quietMaxMillis);
          } else if (work.pass() != null) {
            filterReader.abandon(work.pass());
          }
        }
      } catch (Throwable ignored) {
        // nothing more to do; the worker goes on
      }
    }
  }

  private Work awaitWork() throws InterruptedException {
    synchronized (lock) {
      while (!closing) {
        long now = clock.millis();
        Work work = schedule.next(targets.values(), now);
        if (work != null) {
          return work;
        }
        long wait = schedule.millisUntilWork(targets.values(), now);
        lock.wait(Math.max(1, Math.min(MAX_IDLE_WAIT_MILLIS, wait)));
      }
      return null;
    }
  }

  private void run(Work work) {
    switch (work.kind()) {
      case DISCOVER -> discovery.discover(work);
      case SAVE -> saver.retry(work);
      case READ -> reader.read(work);
      case FILTER -> filterReader.read(work);
      case DELIVER -> {
        StreamCursor.Pending pending;
        synchronized (lock) {
          pending = work.stream().pending;
        }
        delivery.deliver(work, pending);
      }
    }
  }

  /**
   * Puts running resources that share a log group on one shared listing; a resource alone in
   * its group (an endpoint) or finished discovers by its own prefix. Call under the lock.
   */
  private void regroup(long now) {
    Map<String, List<TargetState>> sharing = new HashMap<>();
    for (TargetState state : targets.values()) {
      if (state.canShareListing()) {
        sharing.computeIfAbsent(state.target.group(), g -> new ArrayList<>()).add(state);
      }
    }
    for (GroupListing listing : listings.values()) {
      listing.members.clear();
    }
    for (TargetState state : targets.values()) {
      List<TargetState> group = sharing.get(state.target.group());
      GroupListing before = state.listing;
      if (group != null && group.size() > 1 && state.canShareListing()) {
        GroupListing listing = listings.computeIfAbsent(state.target.group(),
            g -> new GroupListing(g, now));
        listing.members.add(state);
        state.listing = listing;
        if (before != listing) {
          listing.due = Math.min(listing.due, state.discoveryDue); // a new member: look soon
        }
      } else {
        state.listing = null;
        if (before != null) {
          state.discoveryDue = Math.min(state.discoveryDue, before.due);
        }
      }
    }
    for (GroupListing listing : listings.values()) {
      if (listing.members.isEmpty()) {
        listing.abandonPass();
      }
    }
  }

  /** Gives the work's owner back to the schedule, once. Call under the lock. */
  private boolean release(Work work) {
    boolean released = work.release();
    lock.notifyAll();
    return released;
  }

  private double lagSeconds() {
    synchronized (lock) {
      long now = clock.millis();
      return targets.values().stream().mapToLong(t -> t.lagMillis(now)).max().orElse(0) / 1000.0;
    }
  }

  private List<TargetState> trackedTargets() {
    synchronized (lock) {
      return List.copyOf(targets.values());
    }
  }

  private int parkedStreams() {
    synchronized (lock) {
      return (int) targets.values().stream().flatMap(t -> t.streams.values().stream())
          .filter(s -> s.parkedBy != null).count();
    }
  }

  private int activeStreams() {
    synchronized (lock) {
      return targets.values().stream().mapToInt(TargetState::activeStreams).sum();
    }
  }
}
