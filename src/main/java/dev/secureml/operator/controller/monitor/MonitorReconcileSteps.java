package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec.MonitorEngine;
import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.Phase;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.PolicyLookup;
import dev.secureml.operator.controller.StatusConditions;
import dev.secureml.operator.controller.monitor.MonitorGate.Admitted;
import dev.secureml.operator.controller.monitor.MonitorGate.AwaitEndpoint;
import dev.secureml.operator.controller.monitor.MonitorGate.Refused;
import dev.secureml.operator.controller.monitor.MonitorGate.Verdict;
import dev.secureml.operator.dataquality.MonitorBaseline;
import dev.secureml.operator.policy.Decision;
import dev.secureml.operator.policy.PolicyEngine;
import dev.secureml.operator.policy.ResolvedMonitorSettings;
import dev.secureml.operator.sagemaker.AppliedSettings;
import dev.secureml.operator.sagemaker.ResourceOwner;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.sagemaker.model.ScheduleStatus;

/**
 * One pass over a DataQualityMonitor: schedule -> policy -> endpoint ({@link MonitorGate}
 * decides) -> baseline -> engine -> alerts -> retraining. Returns when to look again, or null
 * when only an outside change (the spec, the endpoint, a policy) can move it.
 */
final class MonitorReconcileSteps {
  private final PolicyEngine policy;
  private final PolicyLookup lookup;
  private final BiFunction<String, String, Optional<ModelEndpoint>> endpoints;
  private final MonitorBaselines baselines;
  private final BuiltinRuns builtin;
  private final ModelMonitorSync modelMonitor;
  private final DriftAlerts alerts;
  private final RetrainTrigger retrain;
  private final EventRecorder events;
  private final StatusConditions conditions;

  MonitorReconcileSteps(PolicyEngine policy, PolicyLookup lookup,
      BiFunction<String, String, Optional<ModelEndpoint>> endpoints, MonitorBaselines baselines,
      BuiltinRuns builtin, ModelMonitorSync modelMonitor, DriftAlerts alerts,
      RetrainTrigger retrain, EventRecorder events, StatusConditions conditions) {
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
    MonitorGate.ScheduleCheck check = MonitorGate.schedule(m.getSpec());
    if (check.refusal() != null) {
      return stop(m, status, check.refusal());
    }
    String namespace = m.getMetadata().getNamespace();
    Decision<ResolvedMonitorSettings> decision = policy.evaluateDataQualityMonitor(m,
        lookup.namespace(namespace), lookup.policies());
    conditions.compliance(status.conditions, decision, m.getMetadata().getGeneration());
    if (decision.allowed()) {
      status.appliedPolicy = AppliedSettings.of(decision.settings(),
          ResourceOwner.of(m.getMetadata()));
    }
    Verdict verdict = MonitorGate.decide(m, decision,
        endpoints.apply(namespace, m.getSpec().endpointRef));
    if (!(verdict instanceof Admitted admitted)) {
      return stop(m, status, verdict);
    }
    return run(m, status, check.schedule(), decision.settings(), admitted, client);
  }

  /** Baseline, engine, alerts, retraining: the monitor's endpoint is serving. */
  private Duration run(DataQualityMonitor m, DataQualityMonitorStatus status,
      MonitorSchedule schedule, ResolvedMonitorSettings settings, Admitted admitted,
      KubernetesClient client) {
    boolean modelMonitorEngine = m.getSpec().engine == MonitorEngine.ModelMonitor;
    status.endpointName = admitted.endpointName();
    if (!modelMonitorEngine && modelMonitor.hasResources(status)) {
      modelMonitor.teardown(m, status); // switched to Builtin: the schedule must not run on
    }
    alerts.restoreMetrics(m, status);
    MonitorBaseline baseline = baselines.baseline(m, status, settings);
    EngineOutcome outcome = modelMonitorEngine
        ? modelMonitor.step(m, status, schedule, baseline, settings)
        : builtin.step(m, alerts.lastRun(m.getMetadata().getUid(), status),
            status.endpointName, schedule, baseline, admitted.captureS3Uri(),
            settings.outputKmsKeyId());
    record(m, status, outcome);
    settle(m, status, schedule);
    retrain.maybeRetrain(m, status, client);
    return outcome.lookAgainIn();
  }

  /** Writes the engine's runs back, oldest first, and when the next one is due. */
  private void record(DataQualityMonitor m, DataQualityMonitorStatus status,
      EngineOutcome outcome) {
    if (outcome.reports().isEmpty()) {
      // A run applied by an earlier pass whose status write was lost: write it again.
      alerts.unrecorded(m.getMetadata().getUid(), status)
          .ifPresent(r -> alerts.apply(m, status, r));
    }
    // Both engines return only runs newer than the one recorded, oldest first.
    outcome.reports().forEach(r -> alerts.apply(m, status, r));
    status.nextExecutionTime = outcome.nextFire() == null ? null
        : outcome.nextFire().toString();
  }

  /** Scheduled and Ready, unless Model Monitor says the schedule failed. */
  private void settle(DataQualityMonitor m, DataQualityMonitorStatus status,
      MonitorSchedule schedule) {
    MonitorEngine engine = m.getSpec().engine;
    if (engine == MonitorEngine.ModelMonitor
        && ScheduleStatus.FAILED.toString().equals(status.scheduleStatus)) {
      status.phase = Phase.ERROR.value();
      stalledOnce(m, status, Reason.SCHEDULE_FAILED, "Model Monitor schedule "
          + status.monitoringScheduleName + " failed: " + status.scheduleFailureReason);
    } else {
      status.phase = Phase.SCHEDULED.value();
      conditions.ready(status.conditions, Reason.SCHEDULED, "monitoring endpoint "
          + status.endpointName + " " + schedule.text() + " with the " + engine + " engine",
          m.getMetadata().getGeneration());
    }
  }

  /** Records a verdict that stops the pass; only an outside change moves the monitor on. */
  private Duration stop(DataQualityMonitor m, DataQualityMonitorStatus status, Verdict verdict) {
    status.nextExecutionTime = null;
    if (verdict instanceof Refused refused) {
      status.phase = refused.phase().value();
      stalledOnce(m, status, refused.reason(), refused.message());
    } else if (verdict instanceof AwaitEndpoint wait) {
      status.phase = Phase.WAITING_FOR_ENDPOINT.value();
      conditions.inProgress(status.conditions, Reason.WAITING_FOR_ENDPOINT, wait.message(),
          m.getMetadata().getGeneration());
    }
    return null; // the endpoint and policy informers wake the monitor
  }


  /**
   * Stalled with {@code reason}; one Warning when the streak starts, not one per pass (the
   * streak is read from the condition before it is written).
   */
  void stalledOnce(DataQualityMonitor m, DataQualityMonitorStatus status, Reason reason,
      String message) {
    if (conditions.stalledAnew(status.conditions, reason, message,
        m.getMetadata().getGeneration())) {
      events.warning(m, reason, message);
    }
  }
}
