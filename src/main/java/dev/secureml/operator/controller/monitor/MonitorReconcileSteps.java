package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.api.DataQualityMonitorSpec.MonitorEngine;
import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.PolicyLookup;
import dev.secureml.operator.controller.SpecHash;
import dev.secureml.operator.controller.StatusConditions;
import dev.secureml.operator.policy.Decision;
import dev.secureml.operator.policy.PolicyEngine;
import dev.secureml.operator.policy.ResolvedMonitorSettings;
import dev.secureml.operator.sagemaker.AppliedSettings;
import dev.secureml.operator.sagemaker.ResourceOwner;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * One pass over a DataQualityMonitor: schedule -> policy -> endpoint -> baseline -> engine ->
 * alerts -> retraining. Returns when to look again, or null when only an outside change (the
 * spec, the endpoint, a policy) can move it.
 */
final class MonitorReconcileSteps {
  /** Endpoint states in which it exists and captures traffic. */
  private static final Set<String> SERVING = Set.of("InService", "Updating", "SystemUpdating",
      "RollingBack");

  /**
   * How long a prepared baseline is used before its inputs are looked at again: training data
   * overwritten in place (same URI, new ETag) then gets a new baseline without a restart. The
   * look is a listing and, when nothing changed, two small reads.
   */
  static final Duration BASELINE_RECHECK = Duration.ofMinutes(10);

  private record CachedBaseline(String key, MonitorBaseline baseline, Instant preparedAt) {}

  private final PolicyEngine policy;
  private final PolicyLookup lookup;
  private final BiFunction<String, String, Optional<ModelEndpoint>> endpoints;
  private final BaselineProvider baselines;
  private final BuiltinRuns builtin;
  private final ModelMonitorSync modelMonitor;
  private final DriftAlerts alerts;
  private final RetrainTrigger retrain;
  private final EventRecorder events;
  private final StatusConditions conditions;
  private final java.time.Clock clock;
  private final Map<String, CachedBaseline> baselineByUid = new ConcurrentHashMap<>();

  MonitorReconcileSteps(PolicyEngine policy, PolicyLookup lookup,
      BiFunction<String, String, Optional<ModelEndpoint>> endpoints, BaselineProvider baselines,
      BuiltinRuns builtin, ModelMonitorSync modelMonitor, DriftAlerts alerts,
      RetrainTrigger retrain, EventRecorder events, StatusConditions conditions,
      java.time.Clock clock) {
    this.clock = clock;
    this.policy = policy;
    this.lookup = lookup;
    this.endpoints = endpoints;
    this.baselines = baselines;
    this.builtin = builtin;
    this.modelMonitor = modelMonitor;
    this.alerts = alerts;
    this.retrain = retrain;
    this.events = events;
    this.conditions = conditions;
  }

  Duration reconcile(DataQualityMonitor m, DataQualityMonitorStatus status,
      KubernetesClient client) {
    Long gen = m.getMetadata().getGeneration();
    DataQualityMonitorSpec spec = m.getSpec();
    MonitorSchedule schedule;
    try {
      schedule = MonitorSchedule.parse(spec.schedule);
    } catch (IllegalArgumentException e) {
      return rejected(m, status, "InvalidSchedule", "spec.schedule: " + e.getMessage());
    }
    if (spec.engine == MonitorEngine.ModelMonitor && schedule.cronExpression().isEmpty()) {
      return rejected(m, status, "InvalidSchedule", "spec.schedule: '" + spec.schedule
          + "' cannot run on Model Monitor, which runs hourly at most: use hourly, daily, "
          + "'every Nh' with N dividing 24, or a cron(...) expression, or engine Builtin");
    }

    Decision<ResolvedMonitorSettings> decision = policy.evaluateDataQualityMonitor(m,
        lookup.namespace(m.getMetadata().getNamespace()), lookup.policies());
    conditions.compliance(status.conditions, decision, gen);
    if (!decision.allowed()) {
      return rejected(m, status, "PolicyViolation", decision.summary());
    }
    ResolvedMonitorSettings settings = decision.settings();
    ResourceOwner owner = ResourceOwner.of(m.getMetadata());
    Map<String, String> tags = AppliedSettings.tags(settings.tags(), owner);
    status.appliedPolicy = AppliedSettings.of(settings, owner);

    Optional<ModelEndpoint> found = endpoints.apply(m.getMetadata().getNamespace(),
        spec.endpointRef);
    if (found.isEmpty()) {
      return waiting(m, status, "ModelEndpoint " + spec.endpointRef + " does not exist in "
          + "namespace " + m.getMetadata().getNamespace());
    }
    ModelEndpoint ep = found.get();
    var capture = ep.getSpec() == null ? null : ep.getSpec().dataCapture;
    if (capture == null || Boolean.FALSE.equals(capture.enabled)) {
      status.phase = "Error";
      status.nextExecutionTime = null;
      stalledOnce(m, status, "DataCaptureDisabled", "ModelEndpoint " + spec.endpointRef
          + " does not capture data: set its spec.dataCapture (enabled, destinationS3Uri)");
      return null; // the endpoint informer wakes us when it changes
    }
    if (ep.getStatus() == null || ep.getStatus().endpointName == null
        || !serving(ep.getStatus().sageMakerStatus)) {
      return waiting(m, status, "waiting for ModelEndpoint " + spec.endpointRef
          + " to be InService");
    }
    status.endpointName = ep.getStatus().endpointName;

    if (spec.engine != MonitorEngine.ModelMonitor && modelMonitor.hasResources(status)) {
      modelMonitor.teardown(m, status); // switched to Builtin: the schedule must not run on
    }

    alerts.restoreMetrics(m, status);
    MonitorBaseline baseline = baseline(m, status, settings);
    EngineOutcome outcome = spec.engine == MonitorEngine.ModelMonitor
        ? modelMonitor.step(m, status, schedule, baseline, settings, tags)
        : builtin.step(m, alerts.lastRun(m.getMetadata().getUid(), status),
            status.endpointName, schedule, baseline, capture.destinationS3Uri,
            settings.outputKmsKeyId());
    if (outcome.reports().isEmpty()) {
      // A run applied by an earlier pass whose status write was lost: write it again.
      alerts.unrecorded(m.getMetadata().getUid(), status)
          .ifPresent(r -> alerts.apply(m, status, r));
    }
    // Both engines return only runs newer than the one recorded, oldest first.
    outcome.reports().forEach(r -> alerts.apply(m, status, r));
    status.nextExecutionTime = outcome.nextFire() == null ? null
        : outcome.nextFire().toString();
    if (spec.engine == MonitorEngine.ModelMonitor && "Failed".equals(status.scheduleStatus)) {
      status.phase = "Error";
      stalledOnce(m, status, "ScheduleFailed", "Model Monitor schedule "
          + status.monitoringScheduleName + " failed: " + status.scheduleFailureReason);
    } else {
      status.phase = "Scheduled";
      conditions.ready(status.conditions, "Scheduled", "monitoring endpoint "
          + status.endpointName + " " + schedule.text() + " with the " + spec.engine
          + " engine", gen);
    }
    retrain.maybeRetrain(m, status, client);
    return outcome.lookAgainIn();
  }

  /**
   * Whether an endpoint in this SageMaker state captures traffic. Null while the endpoint
   * controller has named the endpoint but not yet described it (Set.of refuses null).
   */
  static boolean serving(String sageMakerStatus) {
    return sageMakerStatus != null && SERVING.contains(sageMakerStatus);
  }

  /** The baseline for this spec, prepared once per change of its inputs. */
  private MonitorBaseline baseline(DataQualityMonitor m, DataQualityMonitorStatus status,
      ResolvedMonitorSettings settings) {
    DataQualityMonitorSpec spec = m.getSpec();
    // Arrays.asList: List.of throws on the null a missing field leaves.
    String key = SpecHash.of(Arrays.asList(spec.baseline,
        spec.thresholds == null ? "" : spec.thresholds, spec.outputS3Uri,
        String.valueOf(settings.outputKmsKeyId())));
    CachedBaseline cached = baselineByUid.get(m.getMetadata().getUid());
    Instant now = clock.instant();
    if (cached != null && cached.key().equals(key)
        && now.isBefore(cached.preparedAt().plus(BASELINE_RECHECK))) {
      return cached.baseline();
    }
    MonitorBaseline baseline = baselines.prepare(spec, settings.outputKmsKeyId());
    baselineByUid.put(m.getMetadata().getUid(), new CachedBaseline(key, baseline, now));
    DataQualityMonitorStatus.BaselineStatus b = new DataQualityMonitorStatus.BaselineStatus();
    b.statisticsS3Uri = baseline.statisticsS3Uri();
    b.constraintsS3Uri = baseline.constraintsS3Uri();
    b.recordCount = baseline.recordCount();
    b.fingerprint = baseline.fingerprint();
    if (status.baseline == null || !b.fingerprint.equals(status.baseline.fingerprint)) {
      events.normal(m, "BaselineReady", "baseline " + baseline.statisticsS3Uri()
          + (baseline.recordCount() == null ? "" : " from " + baseline.recordCount()
          + " records"));
    }
    status.baseline = b;
    return baseline;
  }

  void forget(String uid) {
    baselineByUid.remove(uid);
    alerts.forget(uid);
    retrain.forget(uid);
    modelMonitor.forget(uid);
  }

  private Duration rejected(DataQualityMonitor m, DataQualityMonitorStatus status,
      String reason, String message) {
    status.phase = "Rejected";
    status.nextExecutionTime = null;
    stalledOnce(m, status, reason, message);
    return null;
  }

  private Duration waiting(DataQualityMonitor m, DataQualityMonitorStatus status,
      String message) {
    status.phase = "WaitingForEndpoint";
    status.nextExecutionTime = null;
    conditions.inProgress(status.conditions, "WaitingForEndpoint", message,
        m.getMetadata().getGeneration());
    return null; // the endpoint informer wakes us
  }

  void stalledOnce(DataQualityMonitor m, DataQualityMonitorStatus status, String reason,
      String message) {
    if (conditions.stalledAnew(status.conditions, reason, message,
        m.getMetadata().getGeneration())) {
      events.warning(m, reason, message);
    }
  }

}
