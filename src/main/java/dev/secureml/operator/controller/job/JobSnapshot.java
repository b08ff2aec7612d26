package dev.secureml.operator.controller.job;

import dev.secureml.operator.api.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * What the observation decision reads from the status as the last pass left it.
 *
 * @param stalledReason the reason of a Stalled=True condition, else null: a problem already
 *     reported is not announced again
 */
public record JobSnapshot(String jobName, String phase, int progress, String stalledReason,
    String submittedSpecHash) {

  public static JobSnapshot of(JobFields fields) {
    return new JobSnapshot(fields.jobName(), fields.phase(), fields.progress(),
        stalledReason(fields.conditions()), fields.submittedSpecHash());
  }

  private static String stalledReason(List<Condition> conditions) {
    return Conditions.find(conditions, Conditions.STALLED)
        .filter(c -> Conditions.TRUE.equals(c.getStatus()))
        .map(Condition::getReason).orElse(null);
  }
}
