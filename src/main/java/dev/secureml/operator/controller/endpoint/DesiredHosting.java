package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.sagemaker.HostingPlan;
import java.util.List;
import java.util.Map;

/**
 * What one spec generation wants SageMaker to serve, resolved before the rollout decision:
 * policy checked, model sources resolved, plan made.
 *
 * @param plan the models, config and capacities of this spec
 * @param tags policy tags plus ownership tags, for every resource of the plan
 * @param autoscaling spec.autoscaling; null when autoscaling is off
 * @param hold null unless some variant keeps its deployed model because its job has none
 * @param generation the spec generation
 */
record DesiredHosting(HostingPlan plan, Map<String, String> tags,
    ModelEndpointSpec.Autoscaling autoscaling, ModelSourceResolver.Hold hold, long generation) {

  String endpointName() {
    return plan.endpointName();
  }

  List<String> variantNames() {
    return plan.variants().stream().map(HostingPlan.Variant::variantName).toList();
  }

  DesiredHosting withPlan(HostingPlan other) {
    return new DesiredHosting(other, tags, autoscaling, hold, generation);
  }
}
