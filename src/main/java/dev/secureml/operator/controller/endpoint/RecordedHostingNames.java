package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.controller.ResourceMemory;
import dev.secureml.operator.sagemaker.EndpointGateway;
import dev.secureml.operator.sagemaker.HostingPlan;
import dev.secureml.operator.sagemaker.LegacyNames;
import dev.secureml.operator.sagemaker.NameConflictException;
import dev.secureml.operator.sagemaker.OwnedResources;
import dev.secureml.operator.sagemaker.ResourceOwner;

/**
 * After an upgrade, keeps an endpoint on the config and Models status records when they hold
 * what the spec asks for under the names an earlier release gave them ({@link LegacyNames}),
 * instead of a blue/green update onto identical copies under the new names. Only parts whose
 * ownership tags name this endpoint are kept: an earlier release could hand one endpoint's
 * config to another, and an endpoint serving another's config moves onto its own.
 */
final class RecordedHostingNames {
  private final EndpointGateway gateway;
  /** uid -> the legacy config found owned, so the check costs calls once per endpoint. */
  private final ResourceMemory<String> kept;

  RecordedHostingNames(EndpointGateway gateway, ResourceMemory<String> kept) {
    this.gateway = gateway;
    this.kept = kept;
  }

  /**
   * The plan under its legacy names when the endpoint serves exactly that config and owns it and
   * its Models; otherwise the plan as it is.
   */
  HostingPlan preferServing(HostingPlan plan, String servingConfig, ResourceOwner owner) {
    if (servingConfig == null || servingConfig.equals(plan.endpointConfigName())) {
      return plan;
    }
    HostingPlan legacy = LegacyNames.hostingPlan(plan);
    if (!servingConfig.equals(legacy.endpointConfigName())) {
      return plan;
    }
    if (kept.get(owner.uid()).filter(servingConfig::equals).isPresent()
        || ownsAll(legacy, owner)) {
      kept.put(owner.uid(), servingConfig);
      return legacy;
    }
    return plan;
  }

  private boolean ownsAll(HostingPlan legacy, ResourceOwner owner) {
    return owns(gateway.endpointConfigs(), legacy.endpointConfigName(), owner)
        && legacy.modelNames().stream().allMatch(m -> owns(gateway.models(), m, owner));
  }

  private static boolean owns(OwnedResources kind, String name, ResourceOwner owner) {
    try {
      return kind.findOwned(name, owner).isPresent();
    } catch (NameConflictException e) {
      return false;
    }
  }
}
