package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.sagemaker.EndpointGateway;
import dev.secureml.operator.sagemaker.OwnedResources;
import dev.secureml.operator.sagemaker.ResourceOwner;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes EndpointConfigs and Models an update replaced (or a failed step left behind), or all
 * of them when the endpoint goes. Which names is decided from status, so a restart forgets none.
 * Only what carries the endpoint's ownership tags is deleted: status names a part before it is
 * created, so a name another owner holds may be among them, and it is left alone.
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

  /**
   * Deletes the configs, then the models. A failed delete throws before status forgets the
   * names; deleting a name twice is harmless (not found counts as deleted).
   */
  Sweep delete(RolloutAction.Garbage garbage, ResourceOwner owner) {
    Sweep sweep = new Sweep();
    sweep(garbage.endpointConfigs(), gateway.endpointConfigs(), owner, sweep);
    sweep(garbage.models(), gateway.models(), owner, sweep);
    return sweep;
  }

  private static void sweep(List<String> names, OwnedResources kind, ResourceOwner owner,
      Sweep sweep) {
    for (String name : names) {
      if (kind.deleteIfOwned(name, owner) == OwnedResources.Deletion.NOT_OWNED) {
        sweep.notOwned().add(name);
      } else {
        sweep.deleted().add(name);
      }
    }
  }
}
