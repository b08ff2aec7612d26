package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.sagemaker.EndpointStatusMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * What DescribeEndpoint says, written into status before the rollout decision: the SageMaker
 * fields, the phase, and the Models the serving config names. Status may not know those Models
 * (after a rollback or an outside update), so the config is read then ({@link
 * #needsServedModels}); its content never changes, so it is read once per config.
 */
final class EndpointObservation {
  /**
   * @param endpoint DescribeEndpoint; null when there is no endpoint of that name
   * @param phaseChanged the phase differs from the one status had
   */
  record Observed(DescribeEndpointResponse endpoint, boolean phaseChanged) {
    static final Observed ABSENT = new Observed(null, false);

    boolean absent() {
      return endpoint == null;
    }

    boolean inService() {
      return endpoint != null
          && EndpointStatusMapper.IN_SERVICE.equals(EndpointStatusMapper.phaseOf(endpoint));
    }
  }

  private EndpointObservation() {}

  /** True when status cannot tell which Models the config the endpoint serves names. */
  static boolean needsServedModels(ModelEndpointStatus status, DescribeEndpointResponse d) {
    String config = d.endpointConfigName();
    if (config != null && config.equals(status.rollout().targetEndpointConfigName)) {
      return false;
    }
    return !Objects.equals(config, status.endpointConfigName)
        || (status.modelNames.isEmpty() && config != null);
  }

  /**
   * Records the endpoint in status.
   *
   * @param servedModels the Models of the serving config when {@link #needsServedModels} asked
   *     for them, else null
   */
  static Observed record(ModelEndpointStatus status, String endpointName,
      DescribeEndpointResponse d, List<String> servedModels) {
    String previousPhase = status.phase;
    EndpointStatusMapper.apply(d, status);
    status.endpointName = endpointName;
    status.phase = EndpointStatusMapper.phaseOf(d);
    if (status.endpointConfigName != null
        && status.endpointConfigName.equals(status.rollout().targetEndpointConfigName)) {
      status.modelNames = new ArrayList<>(status.rollout().targetModelNames);
    } else if (servedModels != null) {
      status.modelNames = new ArrayList<>(servedModels);
    }
    return new Observed(d, !Objects.equals(previousPhase, status.phase));
  }
}
