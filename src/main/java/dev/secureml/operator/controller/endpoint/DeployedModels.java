package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.controller.ResourceMemory;
import dev.secureml.operator.sagemaker.EndpointGateway;
import dev.secureml.operator.sagemaker.ResolvedModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What an endpoint was last asked to serve, read back from SageMaker: per variant, the image and
 * model artifact of the Model its EndpointConfig names. Status keeps only the names.
 */
final class DeployedModels implements Function<ModelEndpoint, Map<String, ResolvedModel>> {
  /** A config and what it serves, by variant. */
  record Served(String config, Map<String, ResolvedModel> models) {}

  private final EndpointGateway gateway;
  /** Per endpoint uid, the config read last; forgotten when the endpoint is deleted. */
  private final ResourceMemory<Served> known;

  DeployedModels(EndpointGateway gateway, ResourceMemory<Served> known) {
    this.gateway = gateway;
    this.known = known;
  }

  /** By variant name; empty when nothing was deployed or SageMaker no longer has the config. */
  @Override
  public Map<String, ResolvedModel> apply(ModelEndpoint endpoint) {
    ModelEndpointStatus status = endpoint.getStatus();
    if (status == null || status.deployedGeneration == null) {
      return Map.of();
    }
    String uid = endpoint.getMetadata().getUid();
    // The config last asked for first: an update in flight must not be reverted.
    return Stream.of(status.rollout().targetEndpointConfigName, status.endpointConfigName)
        .filter(Objects::nonNull)
        .distinct()
        .map(config -> modelsOf(uid, config))
        .flatMap(Optional::stream)
        .findFirst()
        .orElse(Map.of());
  }

  /**
   * Configs and models are content-named and never change, so what a config serves is read
   * once; an endpoint held on its old model costs no SageMaker calls per pass.
   */
  private Optional<Map<String, ResolvedModel>> modelsOf(String uid, String configName) {
    Optional<Served> remembered = known.get(uid).filter(s -> s.config().equals(configName));
    if (remembered.isPresent()) {
      return remembered.map(Served::models);
    }
    return gateway.describeEndpointConfig(configName).map(config -> {
      Map<String, ResolvedModel> models = new LinkedHashMap<>();
      config.productionVariants().forEach(v -> gateway.describeModel(v.modelName())
          .filter(m -> m.primaryContainer() != null && m.primaryContainer().image() != null)
          .ifPresent(m -> models.put(v.variantName(), new ResolvedModel(
              m.primaryContainer().image(), m.primaryContainer().modelDataUrl()))));
      if (models.size() == config.productionVariants().size()) {
        known.put(uid, new Served(configName, Map.copyOf(models)));
      }
      return models;
    });
  }
}
