package dev.secureml.operator.local.sandbox;

import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.controller.OperatorAssembly;
import dev.secureml.operator.controller.OperatorSettings;
import dev.secureml.operator.controller.logs.LogOptions;
import dev.secureml.operator.logs.LogForwarderSettings;
import dev.secureml.operator.logs.RedactingPrintStream;
import dev.secureml.operator.local.TrafficGenerator;
import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.local.kube.EmbeddedKubernetes;
import dev.secureml.operator.sagemaker.AwsSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * The local sandbox: embedded Kubernetes API + AWS emulator + the operator in one JVM. Uploads
 * the example data, applies manifests, sends traffic to endpoints and shifts it after a while,
 * reports every transition, and ends when all resources have settled.
 */
public final class Sandbox {
  public static final int EXIT_SETTLED = 0;
  /** Timed out, or a DataQualityMonitor did not report the drift the sandbox caused. */
  public static final int EXIT_TIMEOUT = 1;
  public static final int EXIT_BAD_INPUT = 2;

  private static final Duration WATCH_INTERVAL = Duration.ofMillis(200);
  private static final double TRAFFIC_PER_SECOND = 20;
  private static final int LOG_LINES_SHOWN = 40;

  private final DriftExpectation drift = new DriftExpectation(ExampleData.DRIFT.columns());

  private final SandboxOptions options;
  private final PrintStream out;
  private final PrintStream progress;
  private final long started = System.nanoTime();

  /**
   * @param out where the final table or JSON goes
   * @param progress where transition lines go (stderr when JSON goes to stdout)
   */
  public Sandbox(SandboxOptions options, PrintStream out, PrintStream progress) {
    this.options = options;
    // Everything the sandbox prints passes the redactor: status messages, log lines, errors.
    this.out = RedactingPrintStream.wrap(out);
    this.progress = RedactingPrintStream.wrap(progress);
  }

  public int run() throws InterruptedException {
    List<HasMetadata> manifests;
    try {
      manifests = new ManifestLoader().load(options.manifests());
      if (manifests.isEmpty()) {
        throw new BadInputException("no resources found in " + options.manifests());
      }
    } catch (BadInputException e) {
      progress.println("error: " + e.getMessage());
      return EXIT_BAD_INPUT;
    } catch (RuntimeException e) {
      progress.println("error: cannot read the manifests: " + oneLine(e));
      return EXIT_BAD_INPUT;
    }
    try {
      return run(manifests);
    } catch (RuntimeException e) {
      // Whatever fails, the console gets one line, never a stack trace.
      progress.println("error: the sandbox stopped: " + oneLine(e));
      return EXIT_TIMEOUT;
    }
  }

  private int run(List<HasMetadata> manifests) throws InterruptedException {
    // Everything started is closed in reverse order, also when a later start fails.
    Deque<AutoCloseable> started = new ArrayDeque<>();
    Runnable shutdown = () -> closeAll(started);
    boolean keptRunning = false;
    try {
      EmulatorOptions emulatorOptions = EmulatorOptions.defaults().withPort(options.awsPort())
          .withSpeed(options.speed());
      AwsEmulator emulator;
      EmbeddedKubernetes kube;
      OperatorAssembly operator;
      EndpointTraffic traffic;
      S3Client s3;
      try {
        emulator = push(started, AwsEmulator.start(emulatorOptions));
        kube = push(started, EmbeddedKubernetes.start("127.0.0.1", options.kubePort()));
        operator = push(started, OperatorAssembly.create(kube.client(),
            emulatorSettings(emulator, emulatorOptions),
            OperatorSettings.defaults().withServerSideApply(false)
                .withPolling(Duration.ofMillis(300), Duration.ofSeconds(3))
                // The emulator writes captured records within a second of the request.
                .withCaptureDelay(Duration.ofSeconds(1))
                .withLogs(LogOptions.defaults().withStdoutJson(false)
                    .withForwarder(LogForwarderSettings.defaults()
                        .withIntervals(Duration.ofMillis(300), Duration.ofSeconds(2),
                            Duration.ofSeconds(1))
                        // The emulator stores lines as they are written: no late arrivals.
                        .withFinishGrace(Duration.ofSeconds(1)))
                    .withExtraSinks(List.of(new ConsoleLogSink(progress, this::clock,
                        LOG_LINES_SHOWN)))),
            new SimpleMeterRegistry()));
        SageMakerRuntimeClient runtime = push(started, emulatorClient(
            SageMakerRuntimeClient.builder(), emulator, emulatorOptions));
        s3 = push(started, emulatorClient(S3Client.builder().forcePathStyle(true), emulator,
            emulatorOptions));
        ExampleData.Traffic rows = ExampleData.traffic();
        traffic = new EndpointTraffic(push(started, new TrafficGenerator(runtime,
            rows.columns(), rows.rows(), TRAFFIC_PER_SECOND)), ExampleData.DRIFT, progress,
            this::clock);
        operator.start();
      } catch (RuntimeException e) {
        progress.println("error: the sandbox could not start (is a --aws-port or --kube-port in "
            + "use?): " + e.getMessage());
        return EXIT_BAD_INPUT;
      }
      progress.printf("sandbox: Kubernetes API at %s, AWS emulator at %s (time x%s)%n",
          kube.url(), emulator.endpoint(), formatSpeed(options.speed()));
      uploadExampleData(s3);
      List<HasMetadata> applied;
      try {
        applied = apply(kube.client(), manifests);
      } catch (KubernetesClientException e) {
        progress.println("error: the API server refused a manifest: " + (e.getStatus() != null
            && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : oneLine(e)));
        return EXIT_BAD_INPUT;
      }
      boolean settled = watchUntilSettled(kube.client(), applied, traffic);
      List<HasMetadata> finals = new ArrayList<>(current(kube.client(), applied));
      finals.addAll(retrainingJobs(kube.client(), applied));
      if (options.json()) {
        out.println(FinalReport.toJson(finals));
      } else {
        FinalReport.printTable(finals, out);
      }
      if (!settled) {
        progress.printf("sandbox: timed out after %ss before every resource settled%n",
            options.timeout().toSeconds());
      }
      List<String> driftFailures = drift.failures(finals);
      driftFailures.forEach(f -> progress.println("sandbox: " + f));
      if (options.keepRunning()) {
        keptRunning = true;
        keepRunning(kube, emulator, shutdown);
      }
      return settled && driftFailures.isEmpty() ? EXIT_SETTLED : EXIT_TIMEOUT;
    } finally {
      if (!keptRunning) {
        shutdown.run();
      }
    }
  }

  private static <T extends AutoCloseable> T push(Deque<AutoCloseable> started, T resource) {
    started.push(resource);
    return resource;
  }

  private static void closeAll(Deque<AutoCloseable> started) {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        // Closing is best effort: the JVM is about to exit anyway.
      }
    }
  }

  /** Puts the example data sets where the manifests read them, as a user would. */
  private void uploadExampleData(S3Client s3) {
    List<ExampleData.Upload> done;
    try {
      done = ExampleData.upload(s3);
    } catch (SdkException e) {
      progress.printf("%s  warning: could not upload the example data: %s%n", clock(),
          e.getMessage());
      return;
    }
    for (ExampleData.Upload u : ExampleData.UPLOADS) {
      if (done.contains(u)) {
        progress.printf("%s  uploaded %s to %s%n", clock(), u.file(), u.s3Uri());
      } else {
        progress.printf("%s  warning: %s not found (run from the project directory); nothing "
            + "uploaded to %s%n", clock(), u.file(), u.s3Uri());
      }
    }
  }

  /** Namespaces first (created when only named), then policies, then the rest. */
  private List<HasMetadata> apply(KubernetesClient client, List<HasMetadata> manifests) {
    List<HasMetadata> ordered = new ArrayList<>(manifests);
    ordered.sort(Comparator.comparingInt(Sandbox::applyOrder));
    for (HasMetadata obj : ordered) {
      String ns = obj.getMetadata().getNamespace();
      if (ns != null && client.namespaces().withName(ns).get() == null) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
            .endMetadata().build()).create();
        progress.printf("%s  created namespace %s%n", clock(), ns);
      }
      client.resource(obj).createOr(NonDeletingOperation::update);
      progress.printf("%s  applied %s %s%n", clock(), obj.getKind(),
          ns == null ? obj.getMetadata().getName() : ns + "/" + obj.getMetadata().getName());
    }
    return ordered.stream().filter(o -> !(o instanceof Namespace)).toList();
  }

  private static int applyOrder(HasMetadata obj) {
    return obj instanceof Namespace ? 0 : obj.getMetadata().getNamespace() == null ? 1 : 2;
  }

  private boolean watchUntilSettled(KubernetesClient client, List<HasMetadata> applied,
      EndpointTraffic traffic) throws InterruptedException {
    Instant deadline = Instant.now().plus(options.timeout());
    Map<String, ResourceState> lastSeen = new HashMap<>();
    while (true) {
      List<HasMetadata> objects = current(client, applied);
      traffic.update(objects);
      List<ResourceState> states = objects.stream().map(ResourceState::of).toList();
      Stream.concat(states.stream(), retrainingJobs(client, applied).stream()
          .map(ResourceState::of)).forEach(s -> {
            drift.observe(s);
            for (String line : TransitionLines.between(
                lastSeen.put(s.kind() + "/" + s.qualifiedName(), s), s)) {
              progress.printf("%s  %s%n", clock(), line);
            }
          });
      if (states.size() == applied.size() && states.stream().allMatch(drift::settled)) {
        return true;
      }
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      Thread.sleep(WATCH_INTERVAL.toMillis());
    }
  }

  /**
   * The SecureTrainingJobs monitors created (labelled {@value ResourceState#MONITOR_LABEL}) in
   * the namespaces of the applied monitors: shown, never waited for.
   */
  private static List<HasMetadata> retrainingJobs(KubernetesClient client,
      List<HasMetadata> applied) {
    return applied.stream().filter(DataQualityMonitor.class::isInstance)
        .map(m -> m.getMetadata().getNamespace()).distinct()
        .flatMap(ns -> client.resources(SecureTrainingJob.class).inNamespace(ns)
            .withLabel(ResourceState.MONITOR_LABEL).list().getItems().stream())
        .sorted(Comparator.comparing((HasMetadata j) -> j.getMetadata().getNamespace())
            .thenComparing(j -> j.getMetadata().getName()))
        .map(HasMetadata.class::cast).toList();
  }

  /** An SDK client for the emulator, built as a user would point the AWS CLI at it. */
  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C
      emulatorClient(B builder, AwsEmulator emulator, EmulatorOptions options) {
    return builder
        .endpointOverride(emulator.endpoint())
        .region(Region.of(options.region()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("sandbox", "sandbox")))
        .build();
  }

  private static List<HasMetadata> current(KubernetesClient client, List<HasMetadata> applied) {
    return applied.stream().map(o -> (HasMetadata) client.resource(o).get())
        .filter(Objects::nonNull).toList();
  }

  private String clock() {
    return String.format("[%6.1fs]", (System.nanoTime() - started) / 1e9);
  }

  private void keepRunning(EmbeddedKubernetes kube, AwsEmulator emulator, Runnable shutdown)
      throws InterruptedException {
    try {
      kube.writeKubeconfig(options.kubeconfig());
    } catch (IOException e) {
      progress.println("warning: could not write kubeconfig " + options.kubeconfig() + ": "
          + e.getMessage());
    }
    progress.printf("sandbox: still running. Kubernetes API %s (kubeconfig %s), AWS emulator %s."
        + " Press Ctrl-C to stop.%n", kube.url(), options.kubeconfig(), emulator.endpoint());
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      shutdown.run();
      stop.countDown();
    }, "sandbox-shutdown"));
    stop.await();
  }

  /** The emulator has no quota to protect, so the sandbox calls it faster than real AWS. */
  public static AwsSettings emulatorSettings(AwsEmulator emulator, EmulatorOptions options) {
    return new AwsSettings(options.region(), emulator.endpoint(), 3, 100, 50);
  }

  /** The exception's type and the first line of its message. */
  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? "" : e.getMessage().strip().lines().findFirst()
        .orElse("");
    return message.isEmpty() ? e.getClass().getName() : e.getClass().getSimpleName() + ": "
        + message;
  }

  private static String formatSpeed(double speed) {
    return speed == Math.rint(speed) ? String.valueOf((long) speed) : String.valueOf(speed);
  }
}
