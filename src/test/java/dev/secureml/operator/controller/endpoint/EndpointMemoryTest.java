package dev.secureml.operator.controller.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.PerResourceState;
import dev.secureml.operator.controller.PollingSchedule;
import dev.secureml.operator.controller.StatusConditions;
import dev.secureml.operator.policy.ResolvedHostingSettings;
import dev.secureml.operator.sagemaker.LegacyNames;
import dev.secureml.operator.sagemaker.ResourceOwner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * What the endpoint's steps remember between passes (the legacy config found owned, the hold
 * already warned about, what a deployed config serves) lives in the controller's
 * PerResourceState, so the controller's forget on delete leaves nothing of the endpoint behind.
 */
class EndpointMemoryTest {
  private static final Path CASE = RolloutGoldenTest.ROOT
      .resolve("held-variant-failed-source-warns");

  @Test
  void aDeletedEndpointLeavesNothingInTheMemoriesOfItsSteps() {
    ModelEndpoint ep = RolloutGoldenTest.yaml(CASE.resolve("endpoint.yaml"), ModelEndpoint.class);
    ModelEndpointStatus status = RolloutGoldenTest.yaml(CASE.resolve("status.yaml"),
        ModelEndpointStatus.class);
    ep.setStatus(status);
    String uid = ep.getMetadata().getUid();
    var hold = new ModelSourceResolver.Hold("serving the last deployed model while "
        + "SecureTrainingJob fraud-xgb is Failed", true);
    DesiredHosting desired = EndpointReconcileSteps.desired(ep, status,
        RolloutGoldenTest.setting(CASE, "settings.yaml", ResolvedHostingSettings.class),
        new ModelSourceResolver.Resolved(RolloutGoldenTest.models(CASE), hold));
    // Deployed by an earlier release: SageMaker serves the config under its legacy name.
    String legacy = LegacyNames.hostingPlan(desired.plan()).endpointConfigName();
    var described = RolloutGoldenTest.sdk(CASE.resolve("describe-endpoint.json"),
        DescribeEndpointResponse.class).toBuilder().endpointConfigName(legacy).build();
    var config = DescribeEndpointConfigResponse.builder().endpointConfigName(legacy)
        .endpointConfigArn("arn:aws:sagemaker:us-east-1:111122223333:endpoint-config/" + legacy)
        .productionVariants(v -> v.variantName("AllTraffic").modelName(
            LegacyNames.hostingPlan(desired.plan()).modelNames().get(0))).build();
    FakeSageMaker sageMaker = new FakeSageMaker(described, config, Set.of(), Set.of(),
        ResourceOwner.of(ep.getMetadata()));
    PerResourceState state = RolloutGoldenTest.state(new PollingSchedule(Duration.ofSeconds(10),
        Duration.ofMinutes(5)));
    List<String> warnings = new ArrayList<>();
    RolloutPass rollout = new RolloutPass(sageMaker.endpoints(), sageMaker.autoscaling(),
        warningsInto(warnings), state, new StatusConditions(Clock.systemUTC()));
    DeployedModels deployed = new DeployedModels(sageMaker.endpoints(), state.memory());

    var action = rollout.run(ep, status, desired).action();
    status.deployedGeneration = 1L;
    assertThat(deployed.apply(ep)).containsOnlyKeys("AllTraffic");
    int reads = sageMaker.reads().size();
    assertThat(deployed.apply(ep)).containsOnlyKeys("AllTraffic");

    assertThat(action).isInstanceOf(RolloutAction.Settle.class); // kept the legacy config
    assertThat(warnings).singleElement().asString().startsWith("TrainingJobFailed");
    assertThat(sageMaker.reads()).as("read once, then remembered").hasSize(reads);
    assertThat(state.remembered()).isEqualTo(1);

    state.forget(uid); // what ModelEndpointController does when the endpoint is deleted

    assertThat(state.remembered()).isZero();
    deployed.apply(ep);
    assertThat(sageMaker.reads()).as("asked again once forgotten").hasSizeGreaterThan(reads);
  }

  private static EventRecorder warningsInto(List<String> warnings) {
    return new EventRecorder(null) {
      @Override
      public void warning(HasMetadata about, String reason, String message) {
        warnings.add(reason + ": " + message);
      }

      @Override
      public void normal(HasMetadata about, String reason, String message) {
      }
    };
  }
}
