package dev.secureml.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.local.kube.EmbeddedKubernetes;
import dev.secureml.operator.local.sandbox.TestManifests;
import dev.secureml.operator.local.sandbox.Sandbox;
import dev.secureml.operator.policy.PolicyEngine;
import dev.secureml.operator.sagemaker.RateLimiter;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import dev.secureml.operator.controller.logs.LogOptions;
import dev.secureml.operator.logs.ForwardedLine;
import dev.secureml.operator.logs.LogForwarderSettings;
import dev.secureml.operator.logs.LogSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A whole operator for controller tests: embedded API server + AWS emulator + the production
 * wiring, with fast polling. Stop and start the operator to simulate restarts.
 */
final class OperatorHarness implements AutoCloseable {
  final AwsEmulator emulator;
  final EmbeddedKubernetes kube;
  final KubernetesClient client;
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final EmulatorOptions emulatorOptions;
  private final PolicyEngine engine;
  private final RateLimiter limiter;
  private OperatorAssembly operator;
  private UnaryOperator<LogOptions> logChanges = UnaryOperator.identity();

  private OperatorHarness(EmulatorOptions options, PolicyEngine engine, RateLimiter limiter) {
    this.emulatorOptions = options;
    this.engine = engine;
    this.limiter = limiter;
    this.emulator = AwsEmulator.start(options);
    this.kube = EmbeddedKubernetes.start("127.0.0.1", 0);
    this.client = kube.client();
  }

  static OperatorHarness start(EmulatorOptions options) {
    return start(options, new PolicyEngine());
  }

  /** With the given policy engine, e.g. one that fails on purpose. */
  static OperatorHarness start(EmulatorOptions options, PolicyEngine engine) {
    return start(options, engine, null);
  }

  /** With every SageMaker call going through the given limiter, e.g. one that fails. */
  static OperatorHarness start(EmulatorOptions options, PolicyEngine engine,
      RateLimiter limiter) {
    OperatorHarness h = new OperatorHarness(options, engine, limiter);
    h.startOperator();
    return h;
  }

  static OperatorHarness start() {
    return start(EmulatorOptions.defaults().withSpeed(200));
  }

  /** Every line forwarded by any operator this harness started, in order. */
  final List<ForwardedLine> forwarded = new CopyOnWriteArrayList<>();

  void startOperator() {
    LogSink capture = new LogSink() {
      @Override
      public String name() {
        return "test-capture";
      }

      @Override
      public void accept(List<ForwardedLine> batch) {
        forwarded.addAll(batch);
      }
    };
    operator = OperatorAssembly.create(client,
        Sandbox.emulatorSettings(emulator, emulatorOptions),
        OperatorSettings.defaults().withServerSideApply(false)
            .withPolling(Duration.ofMillis(100), Duration.ofMillis(500))
            .withCaptureDelay(Duration.ofMillis(300))
            .withLogs(logChanges.apply(LogOptions.defaults().withStdoutJson(false)
                .withForwarder(LogForwarderSettings.defaults().withIntervals(
                    Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMillis(500))
                    .withFinishGrace(Duration.ofSeconds(1)))
                .withExtraSinks(List.of(capture)))),
        registry, engine, limiter);
    operator.start();
  }

  void stopOperator() {
    operator.close();
    operator = null;
  }

  /** Starts the operator again with the harness's log options changed, e.g. an HTTP sink. */
  void restartOperator(UnaryOperator<LogOptions> changes) {
    stopOperator();
    logChanges = changes;
    startOperator();
  }

  /** The example namespace and policy, the ground every test stands on. */
  OperatorHarness withExamplePolicy() {
    apply(TestManifests.exampleNamespace());
    apply(TestManifests.examplePolicy());
    return this;
  }

  <T extends HasMetadata> T apply(T obj) {
    return client.resource(obj).createOr(NonDeletingOperation::update);
  }

  /** Changes the policy the way kubectl edit does, without racing the operator's status writes. */
  CompliancePolicy editPolicy(String name, UnaryOperator<CompliancePolicy> change) {
    return retryingConflicts(() -> client.resources(CompliancePolicy.class).withName(name)
        .edit(change));
  }

  SecureTrainingJob editJob(String name, UnaryOperator<SecureTrainingJob> change) {
    return retryingConflicts(() -> client.resources(SecureTrainingJob.class)
        .inNamespace(TestManifests.NAMESPACE).withName(name).edit(change));
  }

  /** As kubectl edit would: read again and retry when the operator wrote status in between. */
  static <T> T retryingConflicts(java.util.function.Supplier<T> edit) {
    for (int attempt = 1; ; attempt++) {
      try {
        return edit.get();
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  ModelEndpoint editEndpoint(String name, UnaryOperator<ModelEndpoint> change) {
    return retryingConflicts(() -> client.resources(ModelEndpoint.class)
        .inNamespace(TestManifests.NAMESPACE).withName(name).edit(change));
  }

  ModelEndpoint endpoint(String name) {
    return client.resources(ModelEndpoint.class).inNamespace(TestManifests.NAMESPACE)
        .withName(name).get();
  }

  ModelEndpoint awaitEndpoint(String name, Predicate<ModelEndpoint> condition) {
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> {
          ModelEndpoint e = endpoint(name);
          assertThat(e != null && condition.test(e))
              .as(() -> "endpoint " + name + " now: " + (e == null ? "absent"
                  : Serialization.asYaml(e.getStatus())))
              .isTrue();
        });
    return endpoint(name);
  }

  /** InService on the current spec generation. */
  ModelEndpoint awaitEndpointReady(String name) {
    return awaitEndpoint(name, e -> e.getStatus() != null
        && "InService".equals(e.getStatus().phase)
        && e.getMetadata().getGeneration().equals(e.getStatus().deployedGeneration));
  }

  DataQualityMonitor monitor(String name) {
    return client.resources(DataQualityMonitor.class).inNamespace(TestManifests.NAMESPACE)
        .withName(name).get();
  }

  DataQualityMonitor editMonitor(String name, UnaryOperator<DataQualityMonitor> change) {
    return retryingConflicts(() -> client.resources(DataQualityMonitor.class)
        .inNamespace(TestManifests.NAMESPACE).withName(name).edit(change));
  }

  DataQualityMonitor awaitMonitor(String name, Duration atMost,
      Predicate<DataQualityMonitor> condition) {
    await().atMost(atMost).pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> {
          DataQualityMonitor m = monitor(name);
          assertThat(m != null && condition.test(m))
              .as(() -> "monitor " + name + " now: " + (m == null ? "absent"
                  : Serialization.asYaml(m.getStatus())))
              .isTrue();
        });
    return monitor(name);
  }

  SecureTrainingJob job(String name) {
    return client.resources(SecureTrainingJob.class).inNamespace(TestManifests.NAMESPACE)
        .withName(name).get();
  }

  CompliancePolicy policy(String name) {
    return client.resources(CompliancePolicy.class).withName(name).get();
  }

  SecureTrainingJob awaitJob(String name, Predicate<SecureTrainingJob> condition) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          SecureTrainingJob j = job(name);
          return j != null && condition.test(j);
        });
    return job(name);
  }

  SecureTrainingJob awaitPhase(String name, String phase) {
    return awaitJob(name, j -> j.getStatus() != null && phase.equals(j.getStatus().phase));
  }

  List<Event> eventsFor(String name) {
    return client.v1().events().inAnyNamespace().list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
  }

  List<String> eventReasons(String name) {
    return eventsFor(name).stream().map(Event::getReason).toList();
  }

  Namespace namespace() {
    return client.namespaces().withName(TestManifests.NAMESPACE).get();
  }

  @Override
  public void close() {
    if (operator != null) {
      operator.close();
    }
    kube.close();
    emulator.close();
  }
}
