package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.sagemaker.EndpointGateway;
import dev.secureml.operator.sagemaker.HostingPlan;
import dev.secureml.operator.sagemaker.HostingPlanner;
import dev.secureml.operator.sagemaker.NameConflictException;
import dev.secureml.operator.sagemaker.ResourceOwner;
import dev.secureml.operator.sagemaker.VariantCapacity;
import java.util.List;
import java.util.Objects;

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

  /**
   * Weights and counts alone: no new config, no new fleet. With autoscaling on, the counts
   * SageMaker has now are kept, so the update never overrides the autoscaler.
   */
  void updateCapacities(HostingPlan plan, ModelEndpointStatus status, boolean autoscaled) {
    List<VariantCapacity> wanted = plan.capacities().stream().map(c -> {
      if (!autoscaled) {
        return c;
      }
      int current = status.variants.stream().filter(v -> v.name.equals(c.name()))
          .map(v -> v.desiredInstanceCount).filter(Objects::nonNull).findFirst()
          .orElse(c.instanceCount());
      return new VariantCapacity(c.name(), current, c.weight());
    }).toList();
    gateway.updateWeightsAndCapacities(plan.endpointName(), wanted);
  }

  private void ensureModelsAndConfig(HostingPlan plan, ResourceOwner owner) {
    plan.models().forEach((name, request) -> gateway.models().createOrAdopt(name, owner,
        () -> gateway.createModel(request)));
    gateway.endpointConfigs().createOrAdopt(plan.endpointConfigName(), owner,
        () -> gateway.createEndpointConfig(plan.endpointConfig()));
  }
}
