package dev.secureml.operator.controller;

import static dev.secureml.operator.api.Conditions.COMPLIANT;
import static dev.secureml.operator.api.Conditions.READY;
import static dev.secureml.operator.api.Conditions.RECONCILING;
import static dev.secureml.operator.api.Conditions.STALLED;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.logs.RedactionScope;
import dev.secureml.operator.policy.Decision;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.util.List;

/**
 * Writes the kstatus conditions (Ready, Reconciling, Stalled) and Compliant for each situation a
 * resource can be in, so every path sets all three consistently. Every message passes the
 * {@linkplain RedactionScope current resource's redactor} first: SageMaker's errors and
 * exceptions may quote a spec value, and status is readable by anyone who may get the resource.
 */
public class StatusConditions {
  private final Clock clock;

  public StatusConditions(Clock clock) {
    this.clock = clock;
  }

  public void compliance(List<Condition> s, Decision<?> d, Long gen) {
    if (d.violations().isEmpty()) {
      set(s, COMPLIANT, true, Reason.COMPLIANT.value(),
          "complies with CompliancePolicy " + d.policyName(), gen);
    } else {
      Reason reason = d.allowed() ? Reason.AUDIT_VIOLATIONS : Reason.POLICY_VIOLATION;
      set(s, COMPLIANT, false, reason.value(), d.summary(), gen);
    }
  }

  private void inProgress(List<Condition> s, String reason, String message, Long gen) {
    set(s, READY, false, reason, message, gen);
    set(s, RECONCILING, true, reason, message, gen);
    set(s, STALLED, false, reason, message, gen);
  }

  private void ready(List<Condition> s, String reason, String message, Long gen) {
    set(s, READY, true, reason, message, gen);
    set(s, RECONCILING, false, reason, message, gen);
    set(s, STALLED, false, reason, message, gen);
  }

  /** Cannot progress without a human: a rejected, failed or stopped job, a conflict. */
  private void stalled(List<Condition> s, String reason, String message, Long gen) {
    set(s, READY, false, reason, message, gen);
    set(s, RECONCILING, false, reason, message, gen);
    set(s, STALLED, true, reason, message, gen);
  }

  /**
   * As {@link #stalled}; true unless the resource was already stalled for the same reason and
   * message, so callers raise one Event per new problem, not one per pass.
   */
  private boolean stalledAnew(List<Condition> s, String reason, String message, Long gen) {
    boolean anew = StreakWarnings.isNewStreak(s, STALLED, reason, message);
    stalled(s, reason, message, gen);
    return anew;
  }

  public void inProgress(List<Condition> s, Reason reason, String message, Long gen) {
    inProgress(s, reason.value(), message, gen);
  }

  public void ready(List<Condition> s, Reason reason, String message, Long gen) {
    ready(s, reason.value(), message, gen);
  }

  public void stalled(List<Condition> s, Reason reason, String message, Long gen) {
    stalled(s, reason.value(), message, gen);
  }

  public boolean stalledAnew(List<Condition> s, Reason reason, String message, Long gen) {
    return stalledAnew(s, reason.value(), message, gen);
  }

  private void set(List<Condition> s, String type, boolean value, String reason,
      String message, Long gen) {
    Conditions.set(s, type, value, reason, RedactionScope.redact(message), gen,
        clock.instant());
  }
}
