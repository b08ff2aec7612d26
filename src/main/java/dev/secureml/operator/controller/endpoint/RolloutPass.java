package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.PerResourceState;
import dev.secureml.operator.controller.StatusConditions;
import dev.secureml.operator.controller.endpoint.EndpointObservation.Observed;
import dev.secureml.operator.sagemaker.AutoscalingGateway;
import dev.secureml.operator.sagemaker.EndpointGateway;
import dev.secureml.operator.sagemaker.NameConflictException;
import dev.secureml.operator.sagemaker.ResourceOwner;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * One rollout pass once policy and model sources are settled: observe SageMaker, decide, carry
 * the action out.
 */
final class RolloutPass {
  /**
   * @param next when to look again; null when only an outside change can move the endpoint
   */
  record Outcome(RolloutAction action, Duration next) {}

  private final EndpointGateway gateway;
  private final RecordedHostingNames recorded;
  private final RolloutReport report;
  private final RolloutExecutor executor;

  /** Its memories come from {@code state}, so deleting an endpoint forgets them. */
  RolloutPass(EndpointGateway gateway, AutoscalingGateway autoscaling, EventRecorder events,
      PerResourceState state, StatusConditions conditions) {
    this.gateway = gateway;
    this.recorded = new RecordedHostingNames(gateway, state.memory());
    this.report = new RolloutReport(events, conditions, state.memory());
    this.executor = new RolloutExecutor(gateway, new RolloutSettler(gateway, autoscaling,
        report), report, state.polling());
  }

  RolloutReport report() {
    return report;
  }

  /** @throws NameConflictException when the endpoint of that name is another owner's */
  Outcome run(ModelEndpoint ep, ModelEndpointStatus status, DesiredHosting desired) {
    ResourceOwner owner = ResourceOwner.of(ep.getMetadata());
    Observed observed = observe(desired.endpointName(), status, owner);
    if (observed.inService()) {
      // The recorded name wins: an endpoint deployed by an earlier release keeps its parts.
      desired = desired.withPlan(recorded.preferServing(desired.plan(),
          status.endpointConfigName, owner));
    }
    RolloutAction action = RolloutDecision.decide(observed, status, desired);
    return new Outcome(action, executor.execute(ep, status, desired, action));
  }

  private Observed observe(String endpointName, ModelEndpointStatus status,
      ResourceOwner owner) {
    var described = gateway.describeEndpoint(endpointName);
    if (described.isEmpty()) {
      return Observed.ABSENT;
    }
    DescribeEndpointResponse d = described.get();
    // Checked every pass (remembered once owned): status may name what another owner holds.
    gateway.endpoints().requireOwned(endpointName, d.endpointArn(), owner);
    List<String> served = EndpointObservation.needsServedModels(status, d)
        ? modelsServedBy(d.endpointConfigName()) : null;
    return EndpointObservation.record(status, endpointName, d, served);
  }

  /** Ground truth from SageMaker: the models a config serves (status may not know them). */
  private List<String> modelsServedBy(String config) {
    if (config == null) {
      return List.of();
    }
    return gateway.describeEndpointConfig(config)
        .map(c -> c.productionVariants().stream().map(v -> v.modelName()).distinct().toList())
        .orElse(List.of());
  }
}
