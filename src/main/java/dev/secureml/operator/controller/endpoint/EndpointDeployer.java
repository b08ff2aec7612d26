package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.sagemaker.EndpointGateway;
import dev.secureml.operator.sagemaker.HostingPlan;
import dev.secureml.operator.sagemaker.HostingPlanner;
import dev.secureml.operator.sagemaker.NameConflictException;
import dev.secureml.operator.sagemaker.ResourceOwner;
import dev.secureml.operator.sagemaker.VariantCapacity;
import java.util.List;

/**
 * Creates what a hosting plan needs and moves the endpoint onto it. Model and config names carry
 * a hash of their owner and content, so "already exists" with the owner's tags means "already
 * there with this content"; without them it is a name conflict, and nothing is adopted.
 */
final class EndpointDeployer {
  private final EndpointGateway gateway;

  EndpointDeployer(EndpointGateway gateway) {
    this.gateway = gateway;
  }

  /** @throws NameConflictException when a name is taken by another owner's resource */
  void create(HostingPlan plan, ResourceOwner owner) {
    ensureModelsAndConfig(plan, owner);
    gateway.endpoints().createOrAdopt(plan.endpointName(), owner,
        () -> gateway.createEndpoint(HostingPlanner.createEndpoint(plan)));
  }

  /** Blue/green: SageMaker brings up the new config's fleet, shifts traffic, retires the old. */
  void update(HostingPlan plan, ResourceOwner owner) {
    ensureModelsAndConfig(plan, owner);
    gateway.updateEndpoint(plan.endpointName(), plan.endpointConfigName());
  }

  /** Weights and counts alone: no new config, no new fleet. */
  void updateCapacities(String endpointName, List<VariantCapacity> capacities) {
    gateway.updateWeightsAndCapacities(endpointName, capacities);
  }

  private void ensureModelsAndConfig(HostingPlan plan, ResourceOwner owner) {
    plan.models().forEach((name, request) -> gateway.models().createOrAdopt(name, owner,
        () -> gateway.createModel(request)));
    gateway.endpointConfigs().createOrAdopt(plan.endpointConfigName(), owner,
        () -> gateway.createEndpointConfig(plan.endpointConfig()));
  }
}
