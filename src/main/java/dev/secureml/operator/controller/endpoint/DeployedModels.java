package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.ModelEndpointStatus;
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
final class DeployedModels implements Function<ModelEndpointStatus, Map<String, ResolvedModel>> {
  private final EndpointGateway gateway;

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
    return Stream.of(status.targetEndpointConfigName, status.endpointConfigName)
        .filter(Objects::nonNull)
        .distinct()
        .map(gateway::describeEndpointConfig)
        .flatMap(Optional::stream)
        .findFirst()
        .map(config -> {
          Map<String, ResolvedModel> models = new LinkedHashMap<>();
          config.productionVariants().forEach(v -> gateway.describeModel(v.modelName())
              .filter(m -> m.primaryContainer() != null && m.primaryContainer().image() != null)
              .ifPresent(m -> models.put(v.variantName(), new ResolvedModel(
                  m.primaryContainer().image(), m.primaryContainer().modelDataUrl()))));
          return models;
        })
        .orElse(Map.of());
  }
}
