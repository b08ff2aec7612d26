package dev.secureml.operator.controller.endpoint;

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
  private final EndpointGateway gateway;

  EndpointTagSync(EndpointGateway gateway) {
    this.gateway = gateway;
  }

  /** Returns true when tags were changed in SageMaker. */
  boolean sync(Map<String, String> desired, ModelEndpointStatus status) {
    if (status.endpointArn == null || Objects.equals(desired, status.appliedTags)) {
      return false;
    }
    Map<String, String> added = new LinkedHashMap<>();
    desired.forEach((k, v) -> {
      if (!v.equals(status.appliedTags.get(k))) {
        added.put(k, v);
      }
    });
    List<String> removed = status.appliedTags.keySet().stream()
        .filter(k -> !desired.containsKey(k)).toList();
    for (String arn : arns(status)) {
      if (!added.isEmpty()) {
        gateway.addTags(arn, added);
      }
      if (!removed.isEmpty()) {
        gateway.deleteTags(arn, removed);
      }
    }
    status.appliedTags = new LinkedHashMap<>(desired);
    return true;
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
