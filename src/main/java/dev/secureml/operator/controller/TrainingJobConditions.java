package dev.secureml.operator.controller;

import static dev.secureml.operator.api.Conditions.COMPLIANT;
import static dev.secureml.operator.api.Conditions.READY;
import static dev.secureml.operator.api.Conditions.RECONCILING;
import static dev.secureml.operator.api.Conditions.STALLED;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.SecureTrainingJobStatus;
import dev.secureml.operator.policy.Decision;
import java.time.Clock;

/**
 * Writes the kstatus conditions (Ready, Reconciling, Stalled) and Compliant for each situation a
 * training job can be in, so every path sets all three consistently.
 */
public class TrainingJobConditions {
  private final Clock clock;

  public TrainingJobConditions(Clock clock) {
    this.clock = clock;
  }

  public void compliance(SecureTrainingJobStatus s, Decision<?> d, Long gen) {
    if (d.violations().isEmpty()) {
      set(s, COMPLIANT, true, "Compliant",
          "complies with CompliancePolicy " + d.policyName(), gen);
    } else {
      String reason = d.allowed() ? "AuditViolations" : "PolicyViolation";
      set(s, COMPLIANT, false, reason, d.summary(), gen);
    }
  }

  public void inProgress(SecureTrainingJobStatus s, String reason, String message, Long gen) {
    set(s, READY, false, reason, message, gen);
    set(s, RECONCILING, true, reason, message, gen);
    set(s, STALLED, false, reason, message, gen);
  }

  public void ready(SecureTrainingJobStatus s, String reason, String message, Long gen) {
    set(s, READY, true, reason, message, gen);
    set(s, RECONCILING, false, reason, message, gen);
    set(s, STALLED, false, reason, message, gen);
  }

  /** Cannot progress without a human: a rejected, failed or stopped job, a conflict. */
  public void stalled(SecureTrainingJobStatus s, String reason, String message, Long gen) {
    set(s, READY, false, reason, message, gen);
    set(s, RECONCILING, false, reason, message, gen);
    set(s, STALLED, true, reason, message, gen);
  }

  private void set(SecureTrainingJobStatus s, String type, boolean value, String reason,
      String message, Long gen) {
    Conditions.set(s.conditions, type, value, reason, message, gen, clock.instant());
  }
}
