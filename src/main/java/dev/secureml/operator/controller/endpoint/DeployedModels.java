package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.sagemaker.EndpointGateway;
import dev.secureml.operator.sagemaker.ResolvedModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What an endpoint was last asked to serve, read back from SageMaker: per variant, the image and
 * model artifact of the Model its EndpointConfig names. Status keeps only the names.
 */
final class DeployedModels implements Function<ModelEndpointStatus, Map<String, ResolvedModel>> {
  private static final int MAX_CACHED = 1_000;

  private final EndpointGateway gateway;
  private final Map<String, Map<String, ResolvedModel>> byConfig = new ConcurrentHashMap<>();

  DeployedModels(EndpointGateway gateway) {
    this.gateway = gateway;
  }

  /** By variant name; empty when nothing was deployed or SageMaker no longer has the config. */
  @Override
  public Map<String, ResolvedModel> apply(ModelEndpointStatus status) {
    if (status == null || status.deployedGeneration == null) {
      return Map.of();
    }
    // The config last asked for first: an update in flight must not be reverted.
    return Stream.of(status.rollout().targetEndpointConfigName, status.endpointConfigName)
        .filter(Objects::nonNull)
        .distinct()
        .map(this::modelsOf)
        .flatMap(Optional::stream)
        .findFirst()
        .orElse(Map.of());
  }

  /**
   * Configs and models are content-named and never change, so what a config serves is read
   * once; an endpoint held on its old model costs no SageMaker calls per pass.
   */
  private Optional<Map<String, ResolvedModel>> modelsOf(String configName) {
    Map<String, ResolvedModel> known = byConfig.get(configName);
    if (known != null) {
      return Optional.of(known);
    }
    return gateway.describeEndpointConfig(configName).map(config -> {
      Map<String, ResolvedModel> models = new LinkedHashMap<>();
      config.productionVariants().forEach(v -> gateway.describeModel(v.modelName())
          .filter(m -> m.primaryContainer() != null && m.primaryContainer().image() != null)
          .ifPresent(m -> models.put(v.variantName(), new ResolvedModel(
              m.primaryContainer().image(), m.primaryContainer().modelDataUrl()))));
      if (models.size() == config.productionVariants().size()) {
        if (byConfig.size() >= MAX_CACHED) {
          byConfig.clear();
        }
        byConfig.put(configName, Map.copyOf(models));
      }
      return models;
    });
  }
}
