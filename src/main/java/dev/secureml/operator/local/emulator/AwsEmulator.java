package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A local stand-in for the SageMaker, SageMaker Runtime, Application Auto Scaling, CloudWatch
 * Logs and S3 APIs the operator calls, served on one HTTP port that the real AWS SDK reaches
 * through {@code endpointOverride}. Training jobs and endpoints run through their whole
 * lifecycle on an emulated clock and write logs, model artifacts and captured data; monitoring
 * schedules turn that data into Model Monitor's reports; SageMaker can be made to fail,
 * throttle or stall.
 */
public final class AwsEmulator implements AutoCloseable {
  static {
    // HttpServer sends headers and body as two TCP segments; with Nagle's algorithm the body
    // then waits for the client's delayed ACK, adding ~40 ms to every call. The JDK reads this
    // once, when the first HttpServer of the JVM starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final long ENDPOINT_TICK_MILLIS = 50;

  private final HttpServer server;
  private final ExecutorService requestThreads;
  private final TrainingJobLifecycle lifecycle;
  private final ScheduledExecutorService endpointTicker;
  private final DataCaptureWriter capture;
  private final MonitoringScheduler scheduler;
  private final MonitoringTables monitoring;
  private final Journal journal;
  private final ScriptedRefusals refusals;
  private final Supplier<Stream<? extends Taggable>> taggable;
  private final Supplier<Collection<TrainingJob>> trainingJobs;
  private final FaultInjector faults;
  private final EmulatorInventory inventory;
  private final URI endpoint;
  private final AtomicBoolean closed = new AtomicBoolean();

  private AwsEmulator(HttpServer server, ExecutorService requestThreads,
      TrainingJobLifecycle lifecycle, ScheduledExecutorService endpointTicker,
      DataCaptureWriter capture, MonitoringScheduler scheduler, MonitoringTables monitoring,
      Journal journal, ScriptedRefusals refusals,
      Supplier<Stream<? extends Taggable>> taggable,
      Supplier<Collection<TrainingJob>> trainingJobs, FaultInjector faults,
      EmulatorInventory inventory, URI endpoint) {
    this.server = server;
    this.requestThreads = requestThreads;
    this.lifecycle = lifecycle;
    this.endpointTicker = endpointTicker;
    this.capture = capture;
    this.scheduler = scheduler;
    this.monitoring = monitoring;
    this.journal = journal;
    this.refusals = refusals;
    this.taggable = taggable;
    this.trainingJobs = trainingJobs;
    this.faults = faults;
    this.inventory = inventory;
    this.endpoint = endpoint;
  }

  public static AwsEmulator start(EmulatorOptions options) {
    Clock wall = Clock.systemUTC();
    EmulatedClock clock = new EmulatedClock(wall, options.speed());
    Journal journal = new Journal();
    ObjectStore objects = new ObjectStore(wall);
    LogStore logs = new LogStore(wall);
    TrainingJobLifecycle lifecycle = new TrainingJobLifecycle(clock,
        new TrainingLogWriter(logs, clock, options.logLinesPerSecond()),
        new ModelArtifactWriter(objects, wall));
    HostingTables hosting = HostingTables.create(options.region(), options.accountId());
    AtomicLong sequence = new AtomicLong();
    EndpointLogWriter endpointLogs = new EndpointLogWriter(logs, clock,
        options.logLinesPerSecond());
    EndpointService endpoints = new EndpointService(hosting,
        new EndpointLifecycle(clock, endpointLogs), clock, sequence);
    MonitoringTables monitoring = MonitoringTables.create(options.region(), options.accountId());
    MonitoringScheduler scheduler = new MonitoringScheduler(clock, monitoring,
        new DataQualityAnalysis(objects, endpoints, wall), new ProcessingLogWriter(logs));
    SageMakerService sageMaker = new SageMakerService(options.region(), options.accountId(),
        clock, lifecycle, arn -> Optional.ofNullable(hosting.byArn(arn))
            .orElseGet(() -> monitoring.byArn(arn)),
        new MonitoringService(monitoring, scheduler, endpoints, clock, sequence,
            new HostingService(hosting, endpoints, clock, sequence)));
    DataCaptureWriter capture = new DataCaptureWriter(objects, clock);
    ScriptedRefusals refusals = new ScriptedRefusals();
    Supplier<Stream<? extends Taggable>> taggable = () -> Stream.of(sageMaker.jobs(),
        hosting.models().all(), hosting.configs().all(), hosting.endpoints().all(),
        monitoring.definitions().all(), monitoring.schedules().all())
        .flatMap(Collection::stream);
    FaultInjector faults = new FaultInjector(options.throttleRate(), options.serverErrorRate(),
        options.latency(), options.seed());
    JsonRpcService logsApi = new ThrottledService(Map.of(
        "GetLogEvents", new LogsQuota(options.getLogEventsPerSecond(), System::nanoTime),
        "DescribeLogStreams", new LogsQuota(options.describeLogStreamsPerSecond(),
            System::nanoTime),
        "FilterLogEvents", new LogsQuota(options.filterLogEventsPerSecond(), System::nanoTime)),
        new ModelCheckedService(ServiceModel.load("logs"), "InvalidParameterException",
            new LogsService(logs, options.region(), options.accountId())));
    AutoScalingService autoScaling = new AutoScalingService(endpoints, clock, options.region(),
        options.accountId());
    JsonRpcService autoScalingApi = new ModelCheckedService(
        ServiceModel.load("application-autoscaling"), "ValidationException", autoScaling);
    HttpFront front = new HttpFront(
        new JsonRpcEndpoint(FaultInjector.SAGEMAKER, new ModelCheckedService(
            ServiceModel.load("sagemaker"), "ValidationException", refusals.around(sageMaker)),
            faults, journal, wall),
        // One injector for all three: it applies to SageMaker alone unless widened.
        new JsonRpcEndpoint(FaultInjector.LOGS, logsApi, faults, journal, wall),
        new JsonRpcEndpoint(FaultInjector.AUTO_SCALING, autoScalingApi, faults, journal, wall),
        new RuntimeService(endpoints, capture, endpointLogs, clock, options.accountId(),
            options.seed()),
        new S3Service(objects, wall, options.region(), options.accountId()), journal, wall);

    HttpServer server;
    try {
      server = HttpServer.create(
          new InetSocketAddress(InetAddress.getByName(options.host()), options.port()), 128);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen on " + options.host() + ":" + options.port(), e);
    }
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService requestThreads = Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, "aws-emulator-http-" + threadNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    server.createContext("/", front);
    server.setExecutor(requestThreads);
    server.start();
    lifecycle.start();
    capture.start();
    scheduler.start();
    ScheduledExecutorService endpointTicker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "aws-emulator-endpoints");
      thread.setDaemon(true);
      return thread;
    });
    endpointTicker.scheduleWithFixedDelay(() -> {
      try {
        endpoints.catchUpAll(); // endpoints' containers log while nobody asks about them
      } catch (RuntimeException e) {
        System.err.println("aws-emulator: endpoint catch-up failed: " + e);
      }
    }, ENDPOINT_TICK_MILLIS, ENDPOINT_TICK_MILLIS, TimeUnit.MILLISECONDS);
    int port = server.getAddress().getPort();
    // A wildcard bind is reachable on loopback; that is the address clients should use.
    String host = server.getAddress().getAddress().isAnyLocalAddress()
        ? "127.0.0.1" : options.host();
    return new AwsEmulator(server, requestThreads, lifecycle, endpointTicker, capture, scheduler,
        monitoring, journal, refusals, taggable, sageMaker::jobs, faults,
        new EmulatorInventory(sageMaker::jobs, hosting, monitoring, endpoints, autoScaling, logs),
        URI.create("http://" + host + ":" + port));
  }

  /** {@code http://127.0.0.1:<port>}, for every client's endpointOverride. */
  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return endpoint.getPort();
  }

  public Journal journal() {
    return journal;
  }

  /** Every call answered, per operation and second, as AWS's own metering would see it. */
  public CallCounter calls() {
    return journal.calls();
  }

  /** The injected faults: widen them beyond SageMaker, stop them, count them. */
  public FaultInjector faults() {
    return faults;
  }

  /** What the account holds now, read from the tables without an API call. */
  public EmulatorInventory inventory() {
    return inventory;
  }

  /**
   * Per training job name, the statuses it has gone through so far (secondary statuses in
   * order, e.g. Starting ... Completed): the least a poller must see.
   */
  public Map<String, List<StatusChange>> trainingJobStatusHistory() {
    return trainingJobs.get().stream().collect(Collectors.toMap(TrainingJob::name,
        j -> j.transitions().stream().map(t -> new StatusChange(t.status(), t.start()))
            .toList()));
  }

  /** A training job entered {@code secondaryStatus} at {@code at} (wall-clock time). */
  public record StatusChange(String secondaryStatus, java.time.Instant at) {}

  /**
   * Writes every data-capture batch still open to S3 now, instead of when it fills up or
   * comes of age, so a test or a sandbox command can read all captured records.
   */
  public void flushDataCapture() {
    capture.flushAll();
  }

  /**
   * Fires one execution of a monitoring schedule now, whatever its status, instead of waiting
   * for its period to pass. The execution analyzes the data captured in the schedule's period
   * before now and runs its course on the emulated clock, as a scheduled one does.
   *
   * @return the execution's processing job name, for DescribeProcessingJob
   * @throws IllegalArgumentException when there is no schedule of that name
   */
  public String runMonitoringScheduleNow(String scheduleName) {
    MonitoringSchedule schedule;
    try {
      schedule = monitoring.schedules().find(scheduleName);
    } catch (AwsServiceException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return scheduler.runNow(schedule).processingJobName();
  }

  /**
   * The ARNs of every SageMaker resource (training job, model, endpoint configuration,
   * endpoint, job definition, monitoring schedule) whose tags include all of these, sorted: what
   * a custom resource, known by its ownership tags, has in SageMaker now.
   */
  public List<String> arnsTagged(Map<String, String> tags) {
    return taggable.get()
        .filter(r -> r.tags().entrySet().containsAll(tags.entrySet()))
        .map(Taggable::arn)
        .sorted()
        .toList();
  }

  /**
   * From now on SageMaker refuses every {@code operation} request that {@code when} matches
   * with ValidationException {@code message}, as AWS refuses an invalid request; until {@link
   * #clearRefusals}.
   */
  public void refuse(String operation, Predicate<JsonNode> when, String message) {
    refusals.add(operation, when, message);
  }

  public void clearRefusals() {
    refusals.clear();
  }

  /** Stops serving and drops all state; calling it again does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    requestThreads.shutdownNow();
    lifecycle.close();
    endpointTicker.shutdownNow();
    capture.close();
    scheduler.close();
  }
}
