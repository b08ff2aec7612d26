package dev.secureml.operator.controller.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.InternalErrors;
import dev.secureml.operator.controller.PerResourceState;
import dev.secureml.operator.dataquality.BaselineProvider;
import dev.secureml.operator.dataquality.ExecutionReport;
import dev.secureml.operator.dataquality.ReportReader;
import dev.secureml.operator.drift.Violation;
import dev.secureml.operator.drift.Violation.CheckType;
import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.local.sandbox.TestManifests;
import dev.secureml.operator.metrics.DriftMetrics;
import dev.secureml.operator.policy.NamespaceInfo;
import dev.secureml.operator.policy.PolicyEngine;
import dev.secureml.operator.policy.ResolvedMonitorSettings;
import dev.secureml.operator.sagemaker.LegacyNames;
import dev.secureml.operator.sagemaker.MonitoringGateway;
import dev.secureml.operator.sagemaker.MonitoringRequestMapper;
import dev.secureml.operator.sagemaker.RateLimiter;
import dev.secureml.operator.sagemaker.ResourceOwner;
import dev.secureml.operator.sagemaker.S3ObjectStore;
import dev.secureml.operator.testsupport.AwsTestClients;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NamespaceableResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.model.ListMonitoringExecutionsResponse;

/**
 * What the monitor's steps remember between passes (the baseline prepared, the last run
 * applied, the retraining failure reported, the legacy job definition found owned) lives in
 * its PerResourceState, so a deleted monitor leaves nothing: afterwards every step answers as
 * for a monitor it never saw.
 */
class MonitorMemoryTest {
  private static final String UID = "0f6a1c2e-0000-4000-8000-000000000001";

  private final PerResourceState state = MonitorStates.fresh();
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());
  private final List<String> s3Calls = Collections.synchronizedList(new ArrayList<>());
  private final List<String> sageMakerCalls = new ArrayList<>();
  private final EventRecorder recorder = new EventRecorder(null) {
    @Override
    public void normal(HasMetadata about, String reason, String message) {
      events.add(reason);
    }

    @Override
    public void warning(HasMetadata about, String reason, String message) {
      events.add(reason);
    }
  };
  private AwsEmulator emulator;
  private S3Client s3;
  private DataQualityMonitor monitor;
  private ResolvedMonitorSettings settings;

  @BeforeEach
  void start() throws Exception {
    emulator = AwsEmulator.start(EmulatorOptions.defaults());
    s3 = AwsTestClients.s3(emulator.endpoint(), new ExecutionInterceptor() {
      @Override
      public void afterExecution(Context.AfterExecution context, ExecutionAttributes a) {
        s3Calls.add(context.request().getClass().getSimpleName());
      }
    });
    s3.createBucket(b -> b.bucket("fraud-data"));
    s3.createBucket(b -> b.bucket("fraud-models"));
    s3.putObject(b -> b.bucket("fraud-data").key("fdic/train/fdic-train.csv"),
        Path.of("examples/data/fdic-train.csv"));
    monitor = TestManifests.exampleMonitor("bank-failure-drift");
    monitor.getMetadata().setUid(UID);
    monitor.getMetadata().setGeneration(1L);
    monitor.setStatus(new DataQualityMonitorStatus());
    var ns = TestManifests.exampleNamespace();
    settings = new PolicyEngine().evaluateDataQualityMonitor(monitor,
        new NamespaceInfo(ns.getMetadata().getName(), ns.getMetadata().getLabels()),
        List.of(TestManifests.examplePolicy())).settings();
  }

  @AfterEach
  void stop() {
    s3.close();
    emulator.close();
  }

  @Test
  void aDeletedMonitorLeavesNothingBehind() {
    Steps steps = new Steps();
    steps.pass();
    assertThat(state.remembered()).isPositive();
    // A second pass is served from memory: no S3 read, no SageMaker call, no second Warning.
    s3Calls.clear();
    sageMakerCalls.clear();
    events.clear();
    steps.pass();
    assertThat(s3Calls).isEmpty();
    assertThat(sageMakerCalls).isEmpty();
    assertThat(events).isEmpty();
    assertThat(steps.alerts.lastRun(UID, new DataQualityMonitorStatus())).isPresent();

    assertThat(steps.cleanup.tearDown(monitor, null).isRemoveFinalizer()).isTrue();

    assertThat(state.remembered()).isZero();
    assertThat(steps.alerts.lastRun(UID, new DataQualityMonitorStatus())).isEmpty();
    steps.pass();
    assertThat(s3Calls).isNotEmpty();
    assertThat(sageMakerCalls).isNotEmpty();
    assertThat(events).contains("RetrainFailed");
  }

  /** The steps of one operator process, sharing the monitors' state. */
  private final class Steps {
    final DriftAlerts alerts = new DriftAlerts(recorder,
        new DriftMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), state);
    final MonitorBaselines baselines = new MonitorBaselines(
        new BaselineProvider(new S3ObjectStore(s3)), recorder, Clock.systemUTC(), state);
    final RetrainTrigger retrain = new RetrainTrigger(recorder, (ns, name) -> Optional.empty(),
        state);
    final MonitoringGateway gateway = new MonitoringGateway(new FakeModelMonitorApi(
        ResourceOwner.of(monitor.getMetadata()), Optional.empty(), Optional.empty(),
        ListMonitoringExecutionsResponse.builder().build(), Optional.empty(), sageMakerCalls),
        new RateLimiter(1000, 1000, new AtomicLong()::get, n -> { }),
        new SimpleMeterRegistry());
    final RecordedMonitorNames names = new RecordedMonitorNames(gateway, recorder, state);
    final MonitorCleanup cleanup = new MonitorCleanup(new ModelMonitorSync(gateway,
        new ReportReader(new S3ObjectStore(s3)), recorder, state, Clock.systemUTC()), recorder,
        state, new InternalErrors(recorder, Clock.systemUTC(), state),
        new DriftMetrics(new SimpleMeterRegistry()));

    /** What one pass leaves in memory, each step from a status as it was before the pass. */
    void pass() {
      DataQualityMonitorStatus status = new DataQualityMonitorStatus();
      baselines.baseline(monitor, status, settings);
      alerts.apply(monitor, status, drifted());
      retrain.maybeRetrain(monitor, status, refusingClient());
      var definition = MonitoringRequestMapper.toJobDefinitionRequest(monitor, settings,
          "fraud-models-bank-failure-endpoint-4c2d1e0a9b7f", "s3://c/constraints.json",
          "s3://c/statistics.json", UID);
      String schedule = MonitoringRequestMapper.scheduleName(monitor, UID);
      DataQualityMonitorStatus upgraded = new DataQualityMonitorStatus();
      upgraded.jobDefinitionName = LegacyNames.jobDefinition(schedule, definition);
      assertThat(names.jobDefinition(upgraded, schedule, definition,
          ResourceOwner.of(monitor.getMetadata()))).isEqualTo(upgraded.jobDefinitionName);
      assertThat(Conditions.isTrue(status.conditions, Conditions.DRIFT_DETECTED)).isTrue();
    }
  }

  private static ExecutionReport drifted() {
    Instant at = Instant.parse("2026-03-02T10:00:00Z");
    return new ExecutionReport(at, at.minusSeconds(3600), at,
        ExecutionReport.COMPLETED_WITH_VIOLATIONS, 1200, null, null, null, null, null,
        List.of(new Violation("npl_ratio", CheckType.baseline_drift_check, "drift 0.4")),
        Map.of("npl_ratio", 0.4));
  }

  /** A Kubernetes API that refuses every create, so retraining fails and says so. */
  private static KubernetesClient refusingClient() {
    NamespaceableResource<?> resource = (NamespaceableResource<?>) Proxy.newProxyInstance(
        MonitorMemoryTest.class.getClassLoader(), new Class<?>[] {NamespaceableResource.class},
        (proxy, method, args) -> {
          throw new KubernetesClientException("forbidden", 403, null);
        });
    return (KubernetesClient) Proxy.newProxyInstance(MonitorMemoryTest.class.getClassLoader(),
        new Class<?>[] {KubernetesClient.class}, (proxy, method, args) -> {
          if (method.getName().equals("resource")) {
            return resource;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
