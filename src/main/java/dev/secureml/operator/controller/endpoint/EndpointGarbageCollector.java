package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.sagemaker.EndpointGateway;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Deletes EndpointConfigs and Models an update replaced (or a failed update left behind), once
 * nothing serves them. The candidates live in status, so a restart forgets none.
 */
final class EndpointGarbageCollector {
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

  /** Returns the names deleted, for Events. */
  List<String> collect(ModelEndpointStatus status) {
    Set<String> inUseConfigs = setOf(status.endpointConfigName, status.targetEndpointConfigName);
    Set<String> inUseModels = new LinkedHashSet<>(status.modelNames);
    inUseModels.addAll(status.targetModelNames);
    List<String> deleted = new ArrayList<>();
    // A failed delete throws before the lists are cleared, so nothing is forgotten; deleting a
    // name twice is harmless (not found counts as deleted).
    sweep(status.retiredEndpointConfigs, inUseConfigs, gateway::deleteEndpointConfig, deleted);
    sweep(status.retiredModels, inUseModels, gateway::deleteModel, deleted);
    status.retiredEndpointConfigs = new ArrayList<>();
    status.retiredModels = new ArrayList<>();
    return deleted;
  }

  /** Deletes everything the resource ever created that status knows of. */
  List<String> deleteAll(ModelEndpointStatus status) {
    Set<String> configs = setOf(status.endpointConfigName, status.targetEndpointConfigName);
    configs.addAll(status.retiredEndpointConfigs);
    Set<String> models = new LinkedHashSet<>(status.modelNames);
    models.addAll(status.targetModelNames);
    models.addAll(status.retiredModels);
    List<String> deleted = new ArrayList<>();
    sweep(new ArrayList<>(configs), Set.of(), gateway::deleteEndpointConfig, deleted);
    sweep(new ArrayList<>(models), Set.of(), gateway::deleteModel, deleted);
    return deleted;
  }

  private static void sweep(List<String> candidates, Set<String> inUse,
      Consumer<String> delete, List<String> deleted) {
    for (String name : candidates) {
      if (!inUse.contains(name)) { // a name serving again (after a rollback) is not garbage
        delete.accept(name);
        deleted.add(name);
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
