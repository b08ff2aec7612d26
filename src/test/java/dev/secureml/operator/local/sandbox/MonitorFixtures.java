package dev.secureml.operator.local.sandbox;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.api.SecureTrainingJob;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;

/** The example monitor as the operator would have written its status, for reporting tests. */
final class MonitorFixtures {
  static final String NAME = "bank-failure-drift";

  private MonitorFixtures() {}

  /** Generation 1, observed; {@code drift} null leaves DriftDetected out. */
  static DataQualityMonitor monitor(String phase, String drift, List<String> features) {
    DataQualityMonitor m = TestManifests.exampleMonitor(NAME);
    m.getMetadata().setGeneration(1L);
    DataQualityMonitorStatus status = new DataQualityMonitorStatus();
    status.phase = phase;
    status.observedGeneration = 1L;
    boolean stalled = List.of("Rejected", "Error").contains(phase);
    status.conditions.add(condition(Conditions.READY, stalled ? Conditions.FALSE
        : Conditions.TRUE, phase, "monitor " + phase));
    status.conditions.add(condition(Conditions.STALLED, stalled ? Conditions.TRUE
        : Conditions.FALSE, phase, "monitor " + phase));
    if (drift != null) {
      status.conditions.add(condition(Conditions.DRIFT_DETECTED, drift, "Checked",
          "drift in " + String.join(", ", features)));
    }
    status.driftedFeatures.addAll(features);
    m.setStatus(status);
    return m;
  }

  /** Sets the last run: scheduled at {@code time}, with one violation per drifted feature. */
  static DataQualityMonitor withRun(DataQualityMonitor m, String time, String runStatus,
      long records) {
    DataQualityMonitorStatus.Execution run = new DataQualityMonitorStatus.Execution();
    run.scheduledTime = time;
    run.status = runStatus;
    run.recordsAnalyzed = records;
    m.getStatus().lastExecution = run;
    m.getStatus().violationCount = m.getStatus().driftedFeatures.size();
    return m;
  }

  /** A SecureTrainingJob the monitor created on drift, with the operator's label. */
  static SecureTrainingJob retrainJob(int n) {
    SecureTrainingJob job = TestManifests.compliantJob(NAME + "-retrain-" + n);
    job.getMetadata().setLabels(Map.of(ResourceState.MONITOR_LABEL, NAME, "trigger", "drift"));
    return job;
  }

  private static Condition condition(String type, String status, String reason,
      String message) {
    Condition c = new Condition();
    c.setType(type);
    c.setStatus(status);
    c.setReason(reason);
    c.setMessage(message);
    return c;
  }
}
