package dev.secureml.operator.api;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** kstatus condition helpers: keep lastTransitionTime unless the status flips. */
public final class Conditions {
  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";
  public static final String COMPLIANT = "Compliant";
  /** DataQualityMonitor: the last run found violations. */
  public static final String DRIFT_DETECTED = "DriftDetected";

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private Conditions() {}

  /** Sets (or replaces) a condition; lastTransitionTime changes only when the status changes. */
  public static void set(List<Condition> conditions, String type, boolean status, String reason,
      String message, Long observedGeneration, Instant now) {
    set(conditions, type, status ? TRUE : FALSE, reason, message, observedGeneration, now);
  }

  /** As above, for a status of True, False or Unknown. */
  public static void set(List<Condition> conditions, String type, String statusText,
      String reason, String message, Long observedGeneration, Instant now) {
    Optional<Condition> existing = find(conditions, type);
    String transition = existing
        .filter(c -> statusText.equals(c.getStatus()) && c.getLastTransitionTime() != null)
        .map(Condition::getLastTransitionTime)
        .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
    Condition c = new Condition(transition, message, observedGeneration, reason, statusText, type);
    conditions.removeIf(x -> type.equals(x.getType()));
    conditions.add(c);
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
  }
}
