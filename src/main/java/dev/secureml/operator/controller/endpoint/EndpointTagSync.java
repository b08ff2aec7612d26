package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.EndpointRollout;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.sagemaker.EndpointGateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies tag edits on the resource to the SageMaker endpoint, its config and models
 * (AddTags/DeleteTags), which ACK users ask for and do not get.
 */
final class EndpointTagSync {
  /**
   * The tag calls that bring SageMaker in step with {@code tags}.
   *
   * @param arns the endpoint's ARN and those of its serving config and models
   * @param added tags to add or overwrite on each
   * @param removed tag keys to delete from each
   * @param tags every tag wanted, recorded once applied
   */
  record Change(List<String> arns, Map<String, String> added, List<String> removed,
      Map<String, String> tags) {}

  private final EndpointGateway gateway;

  EndpointTagSync(EndpointGateway gateway) {
    this.gateway = gateway;
  }

  /** Null when SageMaker has the tags already (or there is no endpoint to tag yet). */
  static Change change(Map<String, String> desired, ModelEndpointStatus status) {
    Map<String, String> applied = status.rollout().appliedTags;
    if (status.endpointArn == null || Objects.equals(desired, applied)) {
      return null;
    }
    Map<String, String> added = new LinkedHashMap<>();
    desired.forEach((k, v) -> {
      if (!v.equals(applied.get(k))) {
        added.put(k, v);
      }
    });
    List<String> removed = applied.keySet().stream().filter(k -> !desired.containsKey(k))
        .toList();
    return new Change(arns(status), added, removed, new LinkedHashMap<>(desired));
  }

  void apply(Change change, EndpointRollout rollout) {
    for (String arn : change.arns()) {
      if (!change.added().isEmpty()) {
        gateway.addTags(arn, change.added());
      }
      if (!change.removed().isEmpty()) {
        gateway.deleteTags(arn, change.removed());
      }
    }
    rollout.tagsApplied(change.tags());
  }

  /** The endpoint's ARN and, derived from it, those of its serving config and models. */
  private static List<String> arns(ModelEndpointStatus status) {
    String prefix = status.endpointArn.substring(0, status.endpointArn.indexOf(":endpoint/"));
    List<String> arns = new ArrayList<>();
    arns.add(status.endpointArn);
    if (status.endpointConfigName != null) {
      arns.add(prefix + ":endpoint-config/" + status.endpointConfigName.toLowerCase());
    }
    status.modelNames.forEach(m -> arns.add(prefix + ":model/" + m.toLowerCase()));
    return arns;
  }
}
