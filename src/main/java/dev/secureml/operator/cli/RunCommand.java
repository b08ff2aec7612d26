package dev.secureml.operator.cli;

import dev.secureml.operator.controller.OperatorAssembly;
import dev.secureml.operator.controller.OperatorSettings;
import dev.secureml.operator.controller.logs.LogOptions;
import dev.secureml.operator.logs.LogForwarderSettings;
import dev.secureml.operator.metrics.MetricsServer;
import dev.secureml.operator.sagemaker.AwsSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the operator against the current kubeconfig or the in-cluster configuration. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the operator against a Kubernetes cluster (kubeconfig or in-cluster) and "
        + "AWS (default credential chain: IRSA, EKS Pod Identity, environment, profile).")
public class RunCommand implements Callable<Integer> {
  @Option(names = "--region", defaultValue = "${env:AWS_REGION:-us-east-1}",
      description = "AWS region (env AWS_REGION; default ${DEFAULT-VALUE}).")
  String region;

  @Option(names = "--aws-endpoint", defaultValue = "${env:SECUREML_AWS_ENDPOINT}",
      description = "Endpoint override for all AWS services, e.g. http://127.0.0.1:4566 for the "
          + "emulator (env SECUREML_AWS_ENDPOINT).")
  URI awsEndpoint;

  @Option(names = "--namespaces", defaultValue = "${env:SECUREML_WATCH_NAMESPACES}", split = ",",
      description = "Namespaces to watch, comma separated (env SECUREML_WATCH_NAMESPACES; "
          + "default: all).")
  String[] namespaces;

  @Option(names = "--metrics-port", defaultValue = "${env:SECUREML_METRICS_PORT:-8080}",
      description = "Port of /metrics, /healthz and /readyz (default ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(names = "--sagemaker-rate", defaultValue = "${env:SECUREML_SAGEMAKER_RATE:-5}",
      converter = CallRateConverter.class, description = "SageMaker calls per second per operation, all resources together "
          + "(default ${DEFAULT-VALUE}).")
  double sageMakerRate;

  @Option(names = "--poll-min", defaultValue = "15s", converter = DurationConverter.class,
      description = "Poll interval right after a change (default ${DEFAULT-VALUE}).")
  Duration pollMin;

  @Option(names = "--poll-max", defaultValue = "5m", converter = DurationConverter.class,
      description = "Poll interval ceiling while nothing changes (default ${DEFAULT-VALUE}).")
  Duration pollMax;

  @Option(names = "--capture-delay", defaultValue = "2m", converter = DurationConverter.class,
      description = "How long after a monitoring window ends the Builtin engine analyzes it, "
          + "so data capture has written the window's last records (default ${DEFAULT-VALUE}).")
  Duration captureDelay;

  @Option(names = "--no-log-forwarding",
      description = "Do not forward SageMaker logs at all (resources can also opt out with "
          + "spec.logs.forward: false).")
  boolean noLogForwarding;

  @Option(names = "--log-stdout", arity = "1",
      defaultValue = "${env:SECUREML_LOG_STDOUT:-true}",
      description = "Print forwarded lines on stdout as JSON, one object a line, for the "
          + "cluster's log pipeline (default ${DEFAULT-VALUE}).")
  boolean logStdout;

  @Option(names = "--log-sink-url", defaultValue = "${env:SECUREML_LOG_SINK_URL}",
      description = "Also POST forwarded lines as NDJSON batches to this URL.")
  URI logSinkUrl;

  @Option(names = "--log-sink-headers-secret",
      defaultValue = "${env:SECUREML_LOG_SINK_HEADERS_SECRET}",
      description = "namespace/name of a Secret whose keys are HTTP headers for the log sink "
          + "(e.g. Authorization).")
  String logSinkHeadersSecret;

  @Option(names = "--log-sink-batch-size", defaultValue = "500",
      description = "Lines per POST to the log sink (default ${DEFAULT-VALUE}).")
  int logSinkBatchSize;

  @Option(names = "--log-redact", paramLabel = "REGEX",
      description = "Extra pattern to mask in forwarded lines; repeatable. AWS access keys, "
          + "secret-looking key=value pairs and bearer tokens are always masked.")
  List<String> logRedactions = new ArrayList<>();

  @Option(names = "--logs-get-rate", converter = CallRateConverter.class,
      defaultValue = "${env:SECUREML_LOGS_GET_RATE:-10}",
      description = "GetLogEvents calls per second for the whole operator (default "
          + "${DEFAULT-VALUE}).")
  double logsGetRate;

  @Option(names = "--logs-describe-rate", converter = CallRateConverter.class,
      defaultValue = "${env:SECUREML_LOGS_DESCRIBE_RATE:-5}",
      description = "DescribeLogStreams calls per second for the whole operator (default "
          + "${DEFAULT-VALUE}).")
  double logsDescribeRate;

  @Option(names = "--logs-filter-rate", converter = CallRateConverter.class,
      defaultValue = "${env:SECUREML_LOGS_FILTER_RATE:-5}",
      description = "FilterLogEvents calls per second for the whole operator; each reads up to "
          + "100 streams of a log group (default ${DEFAULT-VALUE}).")
  double logsFilterRate;

  @Option(names = "--logs-per-stream-reads",
      description = "Read each log stream with its own GetLogEvents calls instead of many per "
          + "FilterLogEvents call, leaving the account's FilterLogEvents quota to others.")
  boolean logsPerStreamReads;

  private LogForwarderSettings forwarderSettings() {
    LogForwarderSettings settings = LogForwarderSettings.defaults()
        .withGetLogEventsPerSecond(logsGetRate).withDescribeStreamsPerSecond(logsDescribeRate)
        .withFilterLogEventsPerSecond(logsFilterRate);
    return logsPerStreamReads ? settings.withoutFilterReads() : settings;
  }

  @Override
  public Integer call() throws Exception {
    Running running = start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.close();
      stopped.countDown();
    }, "shutdown"));
    System.err.printf("secure-sagemaker-operator running: region %s, namespaces %s, metrics on "
        + ":%d%n", region, running.watched().isEmpty() ? "all" : running.watched(),
        running.metricsPort());
    stopped.await();
    return 0;
  }

  /** Starts the operator and its metrics endpoint; close the result to stop both. */
  Running start() throws IOException {
    Set<String> watched = namespaces == null ? Set.of()
        : new LinkedHashSet<>(Arrays.stream(namespaces).map(String::trim)
            .filter(s -> !s.isEmpty()).toList());
    LogOptions logs = LogOptions.defaults().withStdoutJson(logStdout)
        .withHttpSink(logSinkUrl, logSinkHeadersSecret, logSinkBatchSize)
        .withExtraRedactions(logRedactions)
        .withForwarder(forwarderSettings());
    var settings = OperatorSettings.defaults().withNamespaces(watched)
        .withPolling(pollMin, pollMax)
        .withCaptureDelay(captureDelay)
        .withLogs(noLogForwarding ? logs.disabled() : logs);
    var aws = new AwsSettings(region, awsEndpoint, AwsSettings.DEFAULT_MAX_ATTEMPTS, sageMakerRate,
        AwsSettings.DEFAULT_BURST);
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    KubernetesClient client = new KubernetesClientBuilder().build();
    OperatorAssembly assembly = OperatorAssembly.create(client, aws, settings, registry);
    MetricsServer metrics = MetricsServer.start("0.0.0.0", metricsPort, registry,
        assembly::isReady);
    assembly.start();
    return new Running(watched, assembly, metrics, client);
  }

  /** A started operator. */
  record Running(Set<String> watched, OperatorAssembly assembly, MetricsServer metrics,
      KubernetesClient client) implements AutoCloseable {
    int metricsPort() {
      return metrics.port();
    }

    @Override
    public void close() {
      assembly.close();
      metrics.close();
      client.close();
    }
  }
}
