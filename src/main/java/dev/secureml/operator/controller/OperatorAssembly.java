package dev.secureml.operator.controller;

import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.dataquality.BaselineProvider;
import dev.secureml.operator.dataquality.BuiltinMonitoringEngine;
import dev.secureml.operator.controller.monitor.DataQualityMonitorController;
import dev.secureml.operator.controller.monitor.ModelMonitorSync;
import dev.secureml.operator.dataquality.ReportReader;
import dev.secureml.operator.metrics.DriftMetrics;
import dev.secureml.operator.sagemaker.MonitoringGateway;
import dev.secureml.operator.sagemaker.S3ObjectStore;
import software.amazon.awssdk.services.s3.S3Client;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.controller.endpoint.ModelEndpointController;
import dev.secureml.operator.controller.logs.EventLogSink;
import dev.secureml.operator.controller.logs.FailureLogReporter;
import dev.secureml.operator.controller.logs.LogOptions;
import dev.secureml.operator.controller.logs.LogTracking;
import dev.secureml.operator.controller.logs.SinkRejectionEvents;
import dev.secureml.operator.controller.logs.StatusCheckpointStore;
import dev.secureml.operator.controller.training.SecureTrainingJobController;
import dev.secureml.operator.logs.CloudWatchLogsGateway;
import dev.secureml.operator.logs.HttpLogSink;
import dev.secureml.operator.logs.LogEventFilter;
import dev.secureml.operator.logs.LogForwarder;
import dev.secureml.operator.logs.LogRedactor;
import dev.secureml.operator.logs.LogSink;
import dev.secureml.operator.logs.StdoutJsonSink;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import java.util.function.Consumer;
import dev.secureml.operator.policy.PolicyEngine;
import dev.secureml.operator.sagemaker.AwsClientFactory;
import dev.secureml.operator.sagemaker.AutoscalingGateway;
import dev.secureml.operator.sagemaker.AwsSettings;
import dev.secureml.operator.sagemaker.EndpointGateway;
import dev.secureml.operator.sagemaker.RateLimiter;
import dev.secureml.operator.sagemaker.TrainingJobGateway;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** Builds the JOSDK operator with every controller, from a Kubernetes client and AWS settings. */
public final class OperatorAssembly implements AutoCloseable {
  /**
   * How long {@link #close} waits for reconciles in flight; with the log forwarder's close
   * grace (10 s) it stays within a pod's default termination grace of 30 s.
   */
  static final Duration RECONCILE_GRACE = Duration.ofSeconds(10);

  private final Operator operator;
  private final LogForwarder forwarder;
  private final List<AutoCloseable> clients;

  private OperatorAssembly(Operator operator, LogForwarder forwarder,
      List<AutoCloseable> clients) {
    this.operator = operator;
    this.forwarder = forwarder;
    this.clients = clients;
  }

  public static OperatorAssembly create(KubernetesClient client, AwsSettings aws,
      OperatorSettings settings, MeterRegistry registry) {
    return create(client, aws, settings, registry, new PolicyEngine());
  }

  /** As {@link #create(KubernetesClient, AwsSettings, OperatorSettings, MeterRegistry)}, judging
   * with the given engine (tests give one that fails on purpose). */
  static OperatorAssembly create(KubernetesClient client, AwsSettings aws,
      OperatorSettings settings, MeterRegistry registry, PolicyEngine engine) {
    return create(client, aws, settings, registry, engine, null);
  }

  /** As above, every SageMaker call going through the given limiter (tests give one that fails
   * on purpose); null for the one the AWS settings describe. */
  static OperatorAssembly create(KubernetesClient client, AwsSettings aws,
      OperatorSettings settings, MeterRegistry registry, PolicyEngine engine,
      RateLimiter sageMakerLimiter) {
    Clock clock = Clock.systemUTC();
    AwsClientFactory clients = new AwsClientFactory(aws);
    SageMakerClient sageMaker = clients.sageMaker();
    // One limiter for every SageMaker caller: the quota is per account, not per controller.
    RateLimiter limiter = sageMakerLimiter != null ? sageMakerLimiter
        : clients.sageMakerRateLimiter();
    var gateway = new TrainingJobGateway(sageMaker, limiter, registry);
    var events = new EventRecorder(client);
    CloudWatchLogsClient logsClient = clients.cloudWatchLogsForForwarding();
    var logFilter = LogEventFilter.withDefaults(clock);
    var eventSink = new EventLogSink(logFilter, events);
    LogForwarder forwarder = logForwarder(client, logsClient, settings.logs(), eventSink,
        new SinkRejectionEvents(events), registry, clock);
    var logTracking = new LogTracking(forwarder, eventSink, settings.logs().enabled());

    Operator operator = newOperator(client, settings, registry);
    PerResourceState trainingState = PerResourceState.of(settings, registry,
        SecureTrainingJob.KIND);
    operator.register(new SecureTrainingJobController(engine, gateway, events, trainingState,
        logTracking, new FailureLogReporter(logTracking, events, trainingState), clock),
        watched(settings));
    var applicationAutoScaling = clients.applicationAutoScaling();
    operator.register(new ModelEndpointController(engine,
        new EndpointGateway(sageMaker, limiter, registry),
        new AutoscalingGateway(applicationAutoScaling, limiter, registry), events,
        PerResourceState.of(settings, registry, ModelEndpoint.KIND), logTracking, clock),
        watched(settings));
    S3Client s3 = clients.s3();
    operator.register(monitorController(engine, new S3ObjectStore(s3, registry),
        new MonitoringGateway(sageMaker, limiter, registry), events, settings, registry, clock),
        watched(settings));
    operator.register(new CompliancePolicyController(engine, events, clock),
        c -> c.withRetry(InternalErrors.retry(settings.pollMax())));
    return new OperatorAssembly(operator, forwarder,
        List.of(sageMaker, applicationAutoScaling, logsClient, s3));
  }

  private static Operator newOperator(KubernetesClient client, OperatorSettings settings,
      MeterRegistry registry) {
    return new Operator(o -> o
        .withKubernetesClient(client)
        .withCloseClientOnStop(false)
        .withUseSSAToPatchPrimaryResource(settings.useServerSideApply())
        .withConcurrentReconciliationThreads(settings.reconcileThreads())
        .withStopOnInformerErrorDuringStartup(true)
        .withCacheSyncTimeout(Duration.ofMinutes(2))
        // Compare resourceVersions (integers on every Kubernetes API server), so a reconcile right
        // after the operator's own status write never reads the resource from before it: a job
        // would otherwise be created a second time (refused by SageMaker and adopted, but a call
        // wasted). Later JOSDK releases turn this on by default.
        .withParseResourceVersions(true)
        // JOSDK's default (zero) interrupts reconciles in flight at once, and the AWS clients
        // are closed under them: their calls fail after the stop. Let them finish first.
        .withReconciliationTerminationTimeout(RECONCILE_GRACE)
        // Per kind, not per resource: meters per custom resource cost heap and series for
        // every CR ever seen (about 15 KiB each, measured with bench at 10,000 CRs) and add
        // little beside secureml_resources{kind, phase}.
        .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry)));
  }

  private static DataQualityMonitorController monitorController(PolicyEngine engine,
      S3ObjectStore objects, MonitoringGateway monitoring, EventRecorder events,
      OperatorSettings settings, MeterRegistry registry, Clock clock) {
    PerResourceState state = PerResourceState.of(settings, registry, DataQualityMonitor.KIND);
    return new DataQualityMonitorController(engine, new BaselineProvider(objects),
        new BuiltinMonitoringEngine(objects),
        new ModelMonitorSync(monitoring, new ReportReader(objects), events, state, clock),
        events, new DriftMetrics(registry), state, settings.captureDelay(), clock);
  }

  /**
   * Namespaced controllers watch the configured namespaces, or all when none are given, and
   * retry unexpected exceptions with backoff up to the longest poll interval.
   */
  private static <P extends HasMetadata> Consumer<ControllerConfigurationOverrider<P>> watched(
      OperatorSettings settings) {
    return c -> {
      c.withRetry(InternalErrors.retry(settings.pollMax()));
      if (!settings.namespaces().isEmpty()) {
        c.settingNamespaces(settings.namespaces());
      }
    };
  }

  /** Sinks in order: the HTTP sink (may refuse), then stdout, the extra sinks and Events. */
  private static LogForwarder logForwarder(KubernetesClient client,
      CloudWatchLogsClient logsClient, LogOptions options, EventLogSink eventSink,
      SinkRejectionEvents rejections, MeterRegistry registry, Clock clock) {
    List<LogSink> sinks = new ArrayList<>();
    if (options.httpSinkUrl() != null) {
      sinks.add(new HttpLogSink(options.httpSinkUrl(), httpHeaders(client, options),
          options.httpBatchSize(), 5, Duration.ofSeconds(10)));
    }
    if (options.stdoutJson()) {
      sinks.add(new StdoutJsonSink());
    }
    sinks.addAll(options.extraSinks());
    sinks.add(eventSink);
    return new LogForwarder(new CloudWatchLogsGateway(logsClient), options.forwarder(), sinks,
        LogRedactor.withExtraPatterns(options.extraRedactions()),
        new StatusCheckpointStore(client), rejections, registry, clock);
  }

  private static Map<String, String> httpHeaders(KubernetesClient client, LogOptions options) {
    if (options.httpHeadersSecret() == null) {
      return Map.of();
    }
    String[] ref = options.httpHeadersSecret().split("/", 2);
    if (ref.length != 2) {
      throw new IllegalArgumentException("the log sink headers Secret must be given as "
          + "namespace/name, not '" + options.httpHeadersSecret() + "'");
    }
    Secret secret = client.secrets().inNamespace(ref[0]).withName(ref[1]).get();
    if (secret == null) {
      throw new IllegalArgumentException("Secret " + options.httpHeadersSecret()
          + " (log sink headers) not found");
    }
    return HttpLogSink.headersFromSecret(secret);
  }

  public void start() {
    operator.start();
    forwarder.start();
  }

  /** True once every informer has synced and the controllers run. */
  public boolean isReady() {
    try {
      return operator.getRuntimeInfo().isStarted()
          && operator.getRuntimeInfo().allEventSourcesAreHealthy();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Stops log forwarding first, so the last batch's checkpoint is saved while the API is up,
   * then the controllers, whose reconciles in flight finish (up to {@link #RECONCILE_GRACE})
   * before the AWS clients close.
   */
  @Override
  public void close() {
    try {
      forwarder.close();
    } finally {
      closeOperatorAndClients();
    }
  }

  private void closeOperatorAndClients() {
    operator.stop();
    for (AutoCloseable c : clients) {
      try {
        c.close();
      } catch (Exception e) {
        // closing an SDK client does not fail in practice; nothing to do if it does
      }
    }
  }
}
