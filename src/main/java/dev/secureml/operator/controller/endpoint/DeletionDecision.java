package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.controller.endpoint.RolloutAction.Garbage;
import dev.secureml.operator.sagemaker.EndpointStatusMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * What deleting a ModelEndpoint does next, as a decision: autoscaling goes first, then the
 * endpoint, then (once it is gone) every config and model status names. Another owner's
 * endpoint of that name is left alone, and so is its autoscaling.
 */
final class DeletionDecision {
  private DeletionDecision() {}

  sealed interface Step {}

  /** deletionPolicy Retain: nothing is touched. @param endpointName null if none was made */
  record Retain(String endpointName) implements Step {}

  /**
   * Deregister autoscaling, then delete the endpoint unless SageMaker is busy with it; look
   * again soon either way.
   */
  record DeleteEndpoint(String endpointName, boolean busy) implements Step {}

  /**
   * The endpoint is gone (or another owner's, {@code foreign}): delete the configs and models
   * this resource created, and only those; then the resource may go.
   */
  record DeleteParts(String endpointName, boolean foreign, Garbage parts) implements Step {}

  /**
   * @param current DescribeEndpoint of that name; null when there is none
   * @param owned the endpoint's ownership tags name this resource (read only when it exists)
   */
  static Step decide(boolean retain, ModelEndpointStatus status, String endpointName,
      DescribeEndpointResponse current, boolean owned) {
    if (retain) {
      return new Retain(status.endpointName);
    }
    if (current != null && owned) {
      return new DeleteEndpoint(endpointName, EndpointStatusMapper.isTransitional(current));
    }
    return new DeleteParts(endpointName, current != null, everything(status));
  }

  /** Every config and model status knows of: serving, targeted or retired. */
  private static Garbage everything(ModelEndpointStatus status) {
    var r = status.rollout();
    Set<String> configs = new LinkedHashSet<>();
    Stream.of(status.endpointConfigName, r.targetEndpointConfigName).filter(Objects::nonNull)
        .forEach(configs::add);
    configs.addAll(r.retiredEndpointConfigs);
    Set<String> models = new LinkedHashSet<>(status.modelNames);
    models.addAll(r.targetModelNames);
    models.addAll(r.retiredModels);
    return new Garbage(new ArrayList<>(configs), List.copyOf(models));
  }
}
