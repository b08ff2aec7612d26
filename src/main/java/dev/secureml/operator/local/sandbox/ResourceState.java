package dev.secureml.operator.local.sandbox;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.api.LogForwarding;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the sandbox shows of one resource: its phase and its kstatus conditions, plus the drift
 * findings of a DataQualityMonitor and the monitor that created a retraining job.
 *
 * @param monitor a DataQualityMonitor's findings, else null
 * @param createdByMonitor the {@value #MONITOR_LABEL} label of a retraining job, else null
 */
record ResourceState(String kind, String namespace, String name, String phase, boolean ready,
    boolean stalled, String reason, String message, boolean observed, boolean logsDrained,
    Monitor monitor, String createdByMonitor) {

  /** The label a DataQualityMonitor puts on the SecureTrainingJobs it creates. */
  static final String MONITOR_LABEL = DataQualityMonitor.RETRAIN_LABEL;
  /** Monitor phases that need a spec or policy change: settled, like Stalled. */
  private static final Set<String> MONITOR_DEAD_ENDS = Set.of("Rejected", "Error");

  /**
   * A DataQualityMonitor's findings.
   *
   * @param drift the DriftDetected condition's status (True, False, Unknown), null before any
   * @param lastRun the most recent finished run, null before any
   */
  record Monitor(String drift, String driftMessage, List<String> driftedFeatures, Run lastRun) {
    boolean driftDetected() {
      return Conditions.TRUE.equals(drift);
    }

    /** {@code DriftDetected=True: npl_ratio, roa; last run CompletedWithViolations, 200 records} */
    String summary() {
      String found = drift == null ? "DriftDetected not set yet"
          : "DriftDetected=" + drift
              + (driftDetected() ? ": " + String.join(", ", driftedFeatures) : "");
      return lastRun == null ? found + "; no run yet"
          : found + "; last run " + lastRun.status() + ", " + lastRun.recordsAnalyzed()
              + " records";
    }
  }

  /** One monitoring run; {@code scheduledTime} tells runs apart. */
  record Run(String scheduledTime, String status, long recordsAnalyzed, int violations,
      String failureReason) {}

  static ResourceState of(HasMetadata obj) {
    List<Condition> conditions = List.of();
    String phase = null;
    Long observedGeneration = null;
    boolean logsDrained = true;
    Monitor monitor = null;
    if (obj instanceof SecureTrainingJob job && job.getStatus() != null) {
      conditions = job.getStatus().conditions;
      phase = job.getStatus().phase;
      observedGeneration = job.getStatus().observedGeneration;
      logsDrained = logsDrained(job);
    } else if (obj instanceof ModelEndpoint endpoint && endpoint.getStatus() != null) {
      conditions = endpoint.getStatus().conditions;
      phase = endpoint.getStatus().phase;
      observedGeneration = endpoint.getStatus().observedGeneration;
    } else if (obj instanceof DataQualityMonitor dqm) {
      monitor = monitor(dqm.getStatus());
      if (dqm.getStatus() != null) {
        conditions = dqm.getStatus().conditions;
        phase = dqm.getStatus().phase;
        observedGeneration = dqm.getStatus().observedGeneration;
      }
    } else if (obj instanceof CompliancePolicy policy && policy.getStatus() != null) {
      conditions = policy.getStatus().conditions;
      observedGeneration = policy.getStatus().observedGeneration;
      phase = Conditions.isTrue(conditions, Conditions.READY) ? "Ready"
          : Conditions.find(conditions, Conditions.READY).map(Condition::getReason).orElse(null);
    }
    boolean ready = Conditions.isTrue(conditions, Conditions.READY);
    boolean stalled = Conditions.isTrue(conditions, Conditions.STALLED);
    // The condition that explains the state best: Stalled, else Reconciling, else Ready.
    Condition main = Conditions.find(conditions, stalled ? Conditions.STALLED
            : Conditions.isTrue(conditions, Conditions.RECONCILING) ? Conditions.RECONCILING
            : Conditions.READY).orElse(null);
    boolean observed = observedGeneration != null
        && Objects.equals(observedGeneration, obj.getMetadata().getGeneration());
    var labels = obj.getMetadata().getLabels();
    return new ResourceState(obj.getKind(), obj.getMetadata().getNamespace(),
        obj.getMetadata().getName(), phase == null ? "Pending" : phase, ready, stalled,
        main == null ? "" : main.getReason(), main == null ? "" : main.getMessage(), observed,
        logsDrained, monitor, labels == null ? null : labels.get(MONITOR_LABEL));
  }

  private static Monitor monitor(DataQualityMonitorStatus status) {
    if (status == null) {
      return new Monitor(null, "", List.of(), null);
    }
    Condition drift = Conditions.find(status.conditions, Conditions.DRIFT_DETECTED).orElse(null);
    DataQualityMonitorStatus.Execution last = status.lastExecution;
    Run run = last == null ? null : new Run(last.scheduledTime, last.status,
        last.recordsAnalyzed == null ? 0 : last.recordsAnalyzed,
        status.violationCount != null ? status.violationCount
            : status.violations == null ? 0 : status.violations.size(),
        last.failureReason);
    return new Monitor(drift == null ? null : drift.getStatus(),
        drift == null || drift.getMessage() == null ? "" : drift.getMessage(),
        status.driftedFeatures == null ? List.of() : List.copyOf(status.driftedFeatures), run);
  }

  /** A job that ran in SageMaker has settled for the sandbox once its logs are all forwarded. */
  private static boolean logsDrained(SecureTrainingJob job) {
    var status = job.getStatus();
    if (status.trainingJobName == null || !LogForwarding.enabled(job.getSpec().logs)
        || status.phase == null
        || !Set.of("Completed", "Failed", "Stopped").contains(status.phase)) {
      return true;
    }
    return status.logs != null && !status.logs.streams.isEmpty()
        && status.logs.streams.stream().allMatch(s -> Boolean.TRUE.equals(s.finished));
  }

  /**
   * Settled: the operator has seen the current spec and it is Ready or Stalled. A monitor is
   * Ready while it runs on schedule, so it has settled once it reports drift, or is Stalled,
   * Rejected or in Error.
   */
  boolean settled() {
    if (monitor != null) {
      return observed && (monitor.driftDetected() || stalled
          || MONITOR_DEAD_ENDS.contains(phase));
    }
    return observed && (ready || stalled) && logsDrained;
  }

  String qualifiedName() {
    return namespace == null ? name : namespace + "/" + name;
  }

  /** The explaining condition as {@code reason: message}, or "" without one. */
  String condition() {
    return reason.isEmpty() ? "" : reason + ": " + message;
  }

  /** One line for the final table. */
  String summary() {
    String text = monitor != null && !stalled && !MONITOR_DEAD_ENDS.contains(phase)
        ? monitor.summary() : condition();
    return createdByMonitor == null ? text : "retraining for " + createdByMonitor + "; " + text;
  }
}
