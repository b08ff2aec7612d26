package dev.secureml.operator.controller;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.logs.RedactionScope;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * Warn once per streak: a problem raises one Warning Event when it starts, not one per pass. The
 * streak lives in the resource's own conditions (what the last pass wrote), so it survives an
 * operator restart and needs no memory that could outgrow the resources: call this before the
 * pass overwrites the condition.
 */
public final class StreakWarnings {
  private StreakWarnings() {}

  /**
   * True unless condition {@code type} is already True with this reason and message, i.e. the
   * last pass reported the same problem. The message is compared as stored (redacted).
   */
  public static boolean isNewStreak(List<Condition> conditions, String type, String reason,
      String message) {
    String shown = RedactionScope.redact(message);
    return Conditions.find(conditions, type)
        .filter(c -> Conditions.TRUE.equals(c.getStatus()) && reason.equals(c.getReason())
            && shown.equals(c.getMessage()))
        .isEmpty();
  }

  /** As {@link #isNewStreak(List, String, String, String)} for one of our reasons. */
  public static boolean isNewStreak(List<Condition> conditions, String type, Reason reason,
      String message) {
    return isNewStreak(conditions, type, reason.value(), message);
  }

  /**
   * True unless condition {@code type} already carries this reason, whatever its status and
   * message: for problems whose message changes every pass (an AWS error quoting a request id)
   * or that are reported on a False condition (an invalid CompliancePolicy's Ready).
   */
  public static boolean isNewReason(List<Condition> conditions, String type, Reason reason) {
    return Conditions.find(conditions, type)
        .filter(c -> reason.value().equals(c.getReason()))
        .isEmpty();
  }
}
