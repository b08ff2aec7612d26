package dev.secureml.operator.controller.job;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * What the observation decision reads from the status as the last pass left it.
 *
 * @param conditions a copy of the conditions: a problem they report already is not announced
 *     again
 */
public record JobSnapshot(String jobName, String phase, int progress, List<Condition> conditions,
    String submittedSpecHash) {

  public JobSnapshot {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }

  public static JobSnapshot of(JobFields fields) {
    return new JobSnapshot(fields.jobName(), fields.phase(), fields.progress(),
        fields.conditions(), fields.submittedSpecHash());
  }
}
