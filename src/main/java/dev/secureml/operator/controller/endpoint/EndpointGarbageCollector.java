package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.sagemaker.EndpointGateway;
import dev.secureml.operator.sagemaker.OwnedResources;
import dev.secureml.operator.sagemaker.ResourceOwner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes EndpointConfigs and Models an update replaced (or a failed step left behind), once
 * nothing serves them. The candidates live in status, so a restart forgets none. Only what
 * carries the endpoint's ownership tags is deleted: status names a part before it is created,
 * so a name another owner holds may be among the candidates, and it is left alone.
 */
final class EndpointGarbageCollector {
  /**
   * What a sweep did.
   *
   * @param deleted names deleted (or already gone)
   * @param notOwned names that exist but belong to another owner, left as they are
   */
  record Sweep(List<String> deleted, List<String> notOwned) {
    Sweep() {
      this(new ArrayList<>(), new ArrayList<>());
    }
  }

  private final EndpointGateway gateway;

  EndpointGarbageCollector(EndpointGateway gateway) {
    this.gateway = gateway;
  }

  /** Queues names for deletion; they are deleted only when neither served nor targeted. */
  static void retire(ModelEndpointStatus status, String config, List<String> models) {
    if (config != null && !status.retiredEndpointConfigs.contains(config)) {
      status.retiredEndpointConfigs.add(config);
    }
    for (String m : models) {
      if (!status.retiredModels.contains(m)) {
        status.retiredModels.add(m);
      }
    }
  }

  /** Deletes the retired names that nothing serves or targets any more. */
  Sweep collect(ModelEndpointStatus status, ResourceOwner owner) {
    Set<String> inUseConfigs = setOf(status.endpointConfigName, status.targetEndpointConfigName);
    Set<String> inUseModels = new LinkedHashSet<>(status.modelNames);
    inUseModels.addAll(status.targetModelNames);
    Sweep sweep = new Sweep();
    // A failed delete throws before the lists are cleared, so nothing is forgotten; deleting a
    // name twice is harmless (not found counts as deleted).
    sweep(status.retiredEndpointConfigs, inUseConfigs, gateway.endpointConfigs(), owner, sweep);
    sweep(status.retiredModels, inUseModels, gateway.models(), owner, sweep);
    status.retiredEndpointConfigs = new ArrayList<>();
    status.retiredModels = new ArrayList<>();
    return sweep;
  }

  /** Deletes everything the resource ever created that status knows of. */
  Sweep deleteAll(ModelEndpointStatus status, ResourceOwner owner) {
    Set<String> configs = setOf(status.endpointConfigName, status.targetEndpointConfigName);
    configs.addAll(status.retiredEndpointConfigs);
    Set<String> models = new LinkedHashSet<>(status.modelNames);
    models.addAll(status.targetModelNames);
    models.addAll(status.retiredModels);
    Sweep sweep = new Sweep();
    sweep(new ArrayList<>(configs), Set.of(), gateway.endpointConfigs(), owner, sweep);
    sweep(new ArrayList<>(models), Set.of(), gateway.models(), owner, sweep);
    return sweep;
  }

  private static void sweep(List<String> candidates, Set<String> inUse, OwnedResources kind,
      ResourceOwner owner, Sweep sweep) {
    for (String name : candidates) {
      if (inUse.contains(name)) {
        continue; // a name serving again (after a rollback) is not garbage
      }
      if (kind.deleteIfOwned(name, owner) == OwnedResources.Deletion.NOT_OWNED) {
        sweep.notOwned().add(name);
      } else {
        sweep.deleted().add(name);
      }
    }
  }

  private static Set<String> setOf(String... names) {
    Set<String> set = new LinkedHashSet<>();
    for (String n : names) {
      if (n != null) {
        set.add(n);
      }
    }
    return set;
  }
}
