package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.ModelEndpointStatus.VariantStatus;
import dev.secureml.operator.sagemaker.HostingPlan;
import dev.secureml.operator.sagemaker.VariantCapacity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Weights and instance counts: what UpdateEndpointWeightsAndCapacities should ask for. */
final class VariantCapacities {
  private VariantCapacities() {}

  /**
   * The capacities to ask for when a weight or count differs from what SageMaker reports, else
   * null. With autoscaling on, Application Auto Scaling owns the instance count: the counts
   * SageMaker has now are kept, so the update never overrides the autoscaler.
   */
  static List<VariantCapacity> update(HostingPlan plan, List<VariantStatus> actual,
      boolean autoscaled) {
    for (VariantCapacity wanted : plan.capacities()) {
      Optional<VariantStatus> variant = find(actual, wanted.name());
      if (variant.isEmpty()) {
        return null; // a new variant needs a new config
      }
      if (differs(wanted, variant.get(), autoscaled)) {
        return wanted(plan, actual, autoscaled);
      }
    }
    return null;
  }

  private static List<VariantCapacity> wanted(HostingPlan plan, List<VariantStatus> actual,
      boolean autoscaled) {
    return plan.capacities().stream().map(c -> !autoscaled ? c : new VariantCapacity(c.name(),
        find(actual, c.name()).map(v -> v.desiredInstanceCount).filter(Objects::nonNull)
            .orElse(c.instanceCount()), c.weight())).toList();
  }

  private static boolean differs(VariantCapacity wanted, VariantStatus actual,
      boolean autoscaled) {
    boolean weight = actual.desiredWeight == null
        || Math.abs(actual.desiredWeight - wanted.weight()) > 1e-6;
    boolean count = !autoscaled && !Objects.equals(actual.desiredInstanceCount,
        wanted.instanceCount());
    return weight || count;
  }

  private static Optional<VariantStatus> find(List<VariantStatus> variants, String name) {
    return variants.stream().filter(v -> v.name.equals(name)).findFirst();
  }
}
