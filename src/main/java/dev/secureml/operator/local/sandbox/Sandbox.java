package dev.secureml.operator.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.controller.OperatorAssembly;
import dev.secureml.operator.controller.OperatorSettings;
import dev.secureml.operator.controller.logs.LogOptions;
import dev.secureml.operator.logs.LogForwarderSettings;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * The local sandbox: embedded Kubernetes API + AWS emulator + the operator in one JVM. Applies
 * manifests, reports every transition, and ends when all resources have settled.
 */
public final class Sandbox {
  public static final int EXIT_SETTLED = 0;
  public static final int EXIT_TIMEOUT = 1;
  public static final int EXIT_BAD_INPUT = 2;

  private static final Duration WATCH_INTERVAL = Duration.ofMillis(200);
  private static final double TRAFFIC_PER_SECOND = 20;
  private static final int LOG_LINES_SHOWN = 40;
  /** Used when examples/data is not beside the jar: one row of the example's features. */
  private static final String SAMPLE_ROW = "11.2,1.8,0.9,9.5,78.0,21.0,850,TX";

  private final Set<String> trafficStarted = new HashSet<>();

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
    this.out = out;
    this.progress = progress;
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
    }
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
      TrafficGenerator traffic;
      try {
        emulator = push(started, AwsEmulator.start(emulatorOptions));
        kube = push(started, EmbeddedKubernetes.start("127.0.0.1", options.kubePort()));
        operator = push(started, OperatorAssembly.create(kube.client(),
            emulatorSettings(emulator, emulatorOptions),
            OperatorSettings.defaults().withServerSideApply(false)
                .withPolling(Duration.ofMillis(300), Duration.ofSeconds(3))
                .withLogs(LogOptions.defaults().withStdoutJson(false)
                    .withForwarder(LogForwarderSettings.defaults()
                        .withIntervals(Duration.ofMillis(300), Duration.ofSeconds(2),
                            Duration.ofSeconds(1))
                        // The emulator stores lines as they are written: no late arrivals.
                        .withFinishGrace(Duration.ofSeconds(1)))
                    .withExtraSinks(List.of(new ConsoleLogSink(progress, this::clock,
                        LOG_LINES_SHOWN)))),
            new SimpleMeterRegistry()));
        SageMakerRuntimeClient runtime = push(started, runtimeClient(emulator, emulatorOptions));
        traffic = push(started, new TrafficGenerator(runtime, trafficRows(),
            TRAFFIC_PER_SECOND));
        operator.start();
      } catch (RuntimeException e) {
        progress.println("error: the sandbox could not start (is a --aws-port or --kube-port in "
            + "use?): " + e.getMessage());
        return EXIT_BAD_INPUT;
      }
      progress.printf("sandbox: Kubernetes API at %s, AWS emulator at %s (time x%s)%n",
          kube.url(), emulator.endpoint(), formatSpeed(options.speed()));
      List<HasMetadata> applied;
      try {
        applied = apply(kube.client(), manifests);
      } catch (KubernetesClientException e) {
        progress.println("error: the API server refused a manifest: " + e.getMessage());
        return EXIT_BAD_INPUT;
      }
      boolean settled = watchUntilSettled(kube.client(), applied, traffic);
      List<HasMetadata> finals = current(kube.client(), applied);
      if (options.json()) {
        out.println(toJson(finals));
      } else {
        printTable(finals);
      }
      if (!settled) {
        progress.printf("sandbox: timed out after %ss before every resource settled%n",
            options.timeout().toSeconds());
      }
      if (options.keepRunning()) {
        keptRunning = true;
        keepRunning(kube, emulator, shutdown);
      }
      return settled ? EXIT_SETTLED : EXIT_TIMEOUT;
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
      TrafficGenerator traffic) throws InterruptedException {
    Instant deadline = Instant.now().plus(options.timeout());
    Map<String, String> lastShown = new LinkedHashMap<>();
    while (true) {
      List<HasMetadata> objects = current(client, applied);
      startTraffic(objects, traffic);
      List<ResourceState> states = objects.stream().map(ResourceState::of).toList();
      for (ResourceState s : states) {
        String shown = s.phase() + "|" + s.reason() + "|" + s.message();
        if (!Objects.equals(lastShown.put(s.kind() + "/" + s.qualifiedName(), shown), shown)) {
          progress.printf("%s  %-18s %-40s %-12s %s%n", clock(), s.kind(), s.qualifiedName(),
              s.phase(), s.reason().isEmpty() ? "" : s.reason() + ": " + s.message());
        }
      }
      if (states.size() == applied.size() && states.stream().allMatch(ResourceState::settled)) {
        return true;
      }
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      Thread.sleep(WATCH_INTERVAL.toMillis());
    }
  }

  /** Endpoints with data capture get requests built from the example data, once InService. */
  private void startTraffic(List<HasMetadata> objects, TrafficGenerator traffic) {
    for (HasMetadata obj : objects) {
      if (obj instanceof ModelEndpoint ep && ep.getStatus() != null
          && "InService".equals(ep.getStatus().phase) && ep.getSpec().dataCapture != null
          && !Boolean.FALSE.equals(ep.getSpec().dataCapture.enabled)
          && traffic.sent(ep.getStatus().endpointName) == 0
          && trafficStarted.add(ep.getStatus().endpointName)) {
        traffic.start(ep.getStatus().endpointName);
        progress.printf("%s  sending example traffic to endpoint %s (captured to %s)%n", clock(),
            ep.getStatus().endpointName, ep.getSpec().dataCapture.destinationS3Uri);
      }
    }
  }

  private static List<String> trafficRows() {
    Path data = Path.of("examples", "data", "fdic-bank-failures.csv");
    try {
      return Files.isRegularFile(data) ? TrafficGenerator.loadRows(data) : List.of(SAMPLE_ROW);
    } catch (UncheckedIOException e) {
      return List.of(SAMPLE_ROW);
    }
  }

  private static SageMakerRuntimeClient runtimeClient(AwsEmulator emulator,
      EmulatorOptions options) {
    return SageMakerRuntimeClient.builder()
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

  private void printTable(List<HasMetadata> objects) {
    List<ResourceState> rows = objects.stream().map(ResourceState::of).toList();
    String format = "%-18s %-40s %-12s %-6s %-8s %s%n";
    out.println();
    out.printf(format, "KIND", "NAME", "PHASE", "READY", "STALLED", "MESSAGE");
    for (ResourceState r : rows) {
      out.printf(format, r.kind(), r.qualifiedName(), r.phase(), r.ready(), r.stalled(),
          r.reason().isEmpty() ? "" : r.reason() + ": " + r.message());
    }
  }

  static String toJson(List<HasMetadata> objects) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ArrayNode array = mapper.createArrayNode();
    for (HasMetadata obj : objects) {
      JsonNode full = mapper.valueToTree(obj);
      ObjectNode item = array.addObject();
      item.set("apiVersion", full.get("apiVersion"));
      item.set("kind", full.get("kind"));
      ObjectNode meta = item.putObject("metadata");
      for (String field : List.of("name", "namespace", "uid", "generation", "creationTimestamp",
          "labels")) {
        if (full.path("metadata").has(field)) {
          meta.set(field, full.path("metadata").get(field));
        }
      }
      item.set("spec", full.get("spec"));
      item.set("status", full.get("status"));
    }
    return array.toPrettyString();
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

  private static String formatSpeed(double speed) {
    return speed == Math.rint(speed) ? String.valueOf((long) speed) : String.valueOf(speed);
  }
}
