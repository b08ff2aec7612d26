package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs monitoring schedules on the emulated clock. A schedule is Pending for
 * {@link #SCHEDULE_PENDING_SECONDS}, then Scheduled; it fires one period after that and every
 * period after, each firing an execution whose ScheduledTime is the firing instant and whose
 * window is the period before it. An execution is Pending for {@link #STARTING_SECONDS} while
 * its instance starts, InProgress for {@link #ANALYSIS_SECONDS}, then ends as the analysis
 * says (Failed early if the job definition's MaxRuntimeInSeconds is shorter).
 *
 * <p>As with training jobs, state is a function of time: reads call {@code catchUp} first, a
 * ticker does so for everyone, and every change is stamped with the instant it was due.
 */
final class MonitoringScheduler implements AutoCloseable {
  static final double SCHEDULE_PENDING_SECONDS = 2;
  static final double STARTING_SECONDS = 60;
  static final double ANALYSIS_SECONDS = 120;
  /** A schedule that fell further behind than this many periods skips the older firings. */
  private static final int MAX_MISSED_FIRINGS = 3;
  private static final long TICK_MILLIS = 20;
  private static final DateTimeFormatter JOB_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR_PATH =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTE_PATH =
      DateTimeFormatter.ofPattern("mm-ss").withZone(ZoneOffset.UTC);

  private final EmulatedClock clock;
  private final MonitoringTables tables;
  private final DataQualityAnalysis analysis;
  private final ProcessingLogWriter logs;
  private final AtomicLong sequence = new AtomicLong();
  private final Set<MonitoringExecution> active = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "aws-emulator-monitoring");
    thread.setDaemon(true);
    return thread;
  });

  MonitoringScheduler(EmulatedClock clock, MonitoringTables tables, DataQualityAnalysis analysis,
      ProcessingLogWriter logs) {
    this.clock = clock;
    this.tables = tables;
    this.analysis = analysis;
    this.logs = logs;
  }

  void start() {
    ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }

  /** A new schedule's first configuration. */
  void configure(MonitoringSchedule schedule, ObjectNode config, ScheduleExpression expression,
      String endpoint) {
    synchronized (schedule) {
      Instant now = clock.now();
      schedule.configure(config, expression, endpoint, now, pendingUntil(now));
    }
  }

  /** UpdateMonitoringSchedule: Pending again with the new configuration (Stopped stays). */
  void reconfigure(MonitoringSchedule schedule, ObjectNode config, ScheduleExpression expression,
      String endpoint) {
    synchronized (schedule) {
      Instant now = settled(schedule);
      schedule.configure(config, expression, endpoint, now, pendingUntil(now));
    }
  }

  void stop(MonitoringSchedule schedule) {
    synchronized (schedule) {
      schedule.stop(settled(schedule));
    }
  }

  /** A stopped schedule is Scheduled again and fires one period later; others are left. */
  void resume(MonitoringSchedule schedule) {
    synchronized (schedule) {
      Instant now = settled(schedule);
      if (MonitoringSchedule.STOPPED.equals(schedule.status())) {
        schedule.schedule(now, now.plus(period(schedule)));
      }
    }
  }

  /** Stops the schedule's firings for good; executions under way finish. */
  void delete(MonitoringSchedule schedule) {
    synchronized (schedule) {
      settled(schedule);
      schedule.delete();
      tables.schedules().remove(schedule);
    }
  }

  /** Fires one execution of the schedule now, whatever its status. */
  MonitoringExecution runNow(MonitoringSchedule schedule) {
    synchronized (schedule) {
      Instant now = clock.now();
      advance(schedule, now);
      return fire(schedule, now);
    }
  }

  void catchUp(MonitoringSchedule schedule) {
    synchronized (schedule) {
      advance(schedule, clock.now());
    }
  }

  void catchUp(MonitoringExecution execution) {
    synchronized (execution) {
      advance(execution, clock.now());
    }
    if (execution.isFinished()) {
      active.remove(execution);
    }
  }

  private void tick() {
    for (MonitoringSchedule schedule : tables.schedules().all()) {
      try {
        catchUp(schedule);
      } catch (RuntimeException e) {
        System.err.println("aws-emulator: monitoring schedule " + schedule.name() + ": " + e);
      }
    }
    for (MonitoringExecution execution : active) {
      try {
        catchUp(execution);
      } catch (RuntimeException e) {
        // One broken execution must not stop the ticker (a thrown exception would cancel it).
        active.remove(execution);
        System.err.println("aws-emulator: dropped monitoring execution "
            + execution.processingJobName() + ": " + e);
      }
    }
  }

  /** Brings the schedule up to now and refuses changes while it is Pending. */
  private Instant settled(MonitoringSchedule schedule) {
    Instant now = clock.now();
    advance(schedule, now);
    if (MonitoringSchedule.PENDING.equals(schedule.status())) {
      throw AwsServiceException.validation("Monitoring schedule in status Pending: wait until it"
          + " is Scheduled, then try again.");
    }
    return now;
  }

  /** Applies what is due by {@code now}: leaving Pending, then each firing. */
  private void advance(MonitoringSchedule schedule, Instant now) {
    if (schedule.isDeleted()) {
      return;
    }
    Duration period = period(schedule);
    if (MonitoringSchedule.PENDING.equals(schedule.status())
        && !now.isBefore(schedule.pendingUntil())) {
      Instant at = schedule.pendingUntil();
      schedule.schedule(at, at.plus(period));
    }
    if (!MonitoringSchedule.SCHEDULED.equals(schedule.status())) {
      return;
    }
    Instant next = schedule.nextFiring();
    long missed = Duration.between(next, now).toNanos() / period.toNanos();
    if (missed > MAX_MISSED_FIRINGS) {
      next = next.plus(period.multipliedBy(missed - MAX_MISSED_FIRINGS));
    }
    while (!now.isBefore(next)) {
      fire(schedule, next);
      next = next.plus(period);
    }
    schedule.nextFiring(next);
  }

  private MonitoringExecution fire(MonitoringSchedule schedule, Instant at) {
    HostedResource definition = tables.definitions().find(schedule.definitionName());
    String name = "model-monitoring-" + JOB_STAMP.format(at) + "-"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    MonitoringExecution execution = new MonitoringExecution(name, tables.processingJobArn(name),
        schedule, definition, at, at.minus(period(schedule)),
        outputFolder(definition, schedule, at), sequence.incrementAndGet());
    tables.processingJobs().put(name.toLowerCase(Locale.ROOT), execution);
    active.add(execution);
    schedule.fired(execution);
    return execution;
  }

  /**
   * {@code <S3Uri>/<endpoint>/<schedule>/yyyy/MM/dd/HH}, with {@code /mm-ss} added when the
   * execution is not scheduled at a whole hour.
   */
  private static S3Location outputFolder(HostedResource definition, MonitoringSchedule schedule,
      Instant at) {
    String uri = definition.request().path("DataQualityJobOutputConfig")
        .path("MonitoringOutputs").path(0).path("S3Output").path("S3Uri").asText();
    String endpoint = MonitoringService.endpointOf(definition.request());
    String path = endpoint + "/" + schedule.name() + "/" + HOUR_PATH.format(at);
    if (!at.truncatedTo(ChronoUnit.HOURS).equals(at)) {
      path += "/" + MINUTE_PATH.format(at);
    }
    return S3Location.parse(uri).resolve(path);
  }

  /** Caller holds the execution's lock. */
  private void advance(MonitoringExecution execution, Instant now) {
    if (MonitoringExecution.PENDING.equals(execution.status())) {
      Instant up = execution.scheduledTime().plus(clock.real(STARTING_SECONDS));
      if (now.isBefore(up)) {
        return;
      }
      execution.begin(up);
      logs.started(execution);
    }
    if (!MonitoringExecution.IN_PROGRESS.equals(execution.status())) {
      return;
    }
    long maxRuntime = execution.definitionRequest().path("StoppingCondition")
        .path("MaxRuntimeInSeconds").asLong(3600);
    boolean overRuntime = maxRuntime < ANALYSIS_SECONDS;
    Instant end = execution.processingStart()
        .plus(clock.real(overRuntime ? maxRuntime : ANALYSIS_SECONDS));
    if (now.isBefore(end)) {
      return;
    }
    DataQualityAnalysis.Outcome outcome = overRuntime
        ? failed("Processing job runtime exceeded MaxRuntimeInSeconds provided")
        : analyze(execution);
    execution.finish(outcome.status(), outcome.failureReason(), outcome.exitMessage(), end);
    logs.finished(execution, outcome);
  }

  private DataQualityAnalysis.Outcome analyze(MonitoringExecution execution) {
    try {
      return analysis.run(execution);
    } catch (RuntimeException e) {
      return failed("InternalServerError: " + e);
    }
  }

  private static DataQualityAnalysis.Outcome failed(String reason) {
    return new DataQualityAnalysis.Outcome(MonitoringExecution.FAILED, reason, reason);
  }

  private Instant pendingUntil(Instant now) {
    return now.plus(clock.real(SCHEDULE_PENDING_SECONDS));
  }

  /** The schedule's period in real time, at least a millisecond. */
  private Duration period(MonitoringSchedule schedule) {
    Duration period = clock.real(schedule.expression().periodSeconds());
    return period.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : period;
  }
}
