package dev.secureml.operator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secureml.operator.testsupport.AwsTestClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;

/** Application Auto Scaling for endpoint variants, through the real SDK client. */
class AutoScalingApiTest {
  private static final String RESOURCE = "endpoint/scaled-ep/variant/AllTraffic";
  private static Hosting hosting;
  private static ApplicationAutoScalingClient autoScaling;

  @BeforeAll
  static void start() {
    hosting = Hosting.start(1000);
    autoScaling = AwsTestClients.autoScaling(hosting.emulator().endpoint());
    hosting.endpoint("scaled-ep", Hosting.IMAGE);
    hosting.waitFor("scaled-ep", "InService");
  }

  @AfterAll
  static void stop() {
    autoScaling.close();
    hosting.close();
  }

  private static void register(String resourceId, int min, int max) {
    autoScaling.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(resourceId)
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
        .minCapacity(min).maxCapacity(max));
  }

  private static void putPolicy(String resourceId) {
    autoScaling.putScalingPolicy(b -> b.policyName("invocations").serviceNamespace(
            ServiceNamespace.SAGEMAKER).resourceId(resourceId)
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
        .policyType(PolicyType.TARGET_TRACKING_SCALING)
        .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(200.0)
            .predefinedMetricSpecification(m -> m.predefinedMetricType(
                MetricType.SAGE_MAKER_VARIANT_INVOCATIONS_PER_INSTANCE))
            .scaleInCooldown(300).scaleOutCooldown(60)));
  }

  @Test
  void registersDescribesAndDeregistersWithAPolicy() {
    register(RESOURCE, 2, 6);
    register(RESOURCE, 2, 8); // registering again updates the capacities
    ScalableTarget target = autoScaling.describeScalableTargets(b -> b
        .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceIds(RESOURCE)).scalableTargets()
        .get(0);
    assertThat(target.minCapacity()).isEqualTo(2);
    assertThat(target.maxCapacity()).isEqualTo(8);
    assertThat(target.scalableDimension())
        .isEqualTo(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT);
    assertThat(target.creationTime()).isNotNull();

    putPolicy(RESOURCE);
    ScalingPolicy policy = autoScaling.describeScalingPolicies(b -> b
        .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(RESOURCE)).scalingPolicies()
        .get(0);
    assertThat(policy.policyName()).isEqualTo("invocations");
    assertThat(policy.policyARN()).contains(":scalingPolicy:").endsWith(
        ":resource/sagemaker/" + RESOURCE + ":policyName/invocations");
    assertThat(policy.targetTrackingScalingPolicyConfiguration().targetValue()).isEqualTo(200.0);
    assertThat(policy.targetTrackingScalingPolicyConfiguration().predefinedMetricSpecification()
        .predefinedMetricType()).isEqualTo(MetricType.SAGE_MAKER_VARIANT_INVOCATIONS_PER_INSTANCE);
    assertThat(policy.alarms()).hasSize(2);

    autoScaling.deleteScalingPolicy(b -> b.policyName("invocations")
        .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(RESOURCE)
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT));
    assertThat(autoScaling.describeScalingPolicies(b -> b.serviceNamespace(
        ServiceNamespace.SAGEMAKER)).scalingPolicies()).isEmpty();
    autoScaling.deregisterScalableTarget(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(RESOURCE)
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT));
    assertThat(autoScaling.describeScalableTargets(b -> b
        .serviceNamespace(ServiceNamespace.SAGEMAKER)).scalableTargets()).isEmpty();
    assertThat(hosting.emulator().journal().operations("ApplicationAutoScaling.PutScalingPolicy"))
        .filteredOn(JournalEntry::succeeded).hasSize(1);
  }

  @Test
  void refusesWhatAwsRefuses() {
    String missing = "endpoint/scaled-ep/variant/Nope";
    assertThat(validation(() -> register("endpoint/ghost-ep/variant/AllTraffic", 1, 2)))
        .contains("ghost-ep");
    assertThat(validation(() -> register(missing, 1, 2))).contains("Nope");
    assertThat(validation(() -> register("scaled-ep", 1, 2))).contains("Unsupported resource ID");
    assertThat(validation(() -> register(RESOURCE, 3, 2)))
        .isEqualTo("Minimum capacity cannot be greater than maximum capacity");
    assertThat(validation(() -> autoScaling.describeScalableTargets(b -> b
        .serviceNamespace(ServiceNamespace.ECS)))).contains("sagemaker");

    ObjectNotFoundException noTarget = catchThrowableOfType(() -> putPolicy(missing),
        ObjectNotFoundException.class);
    assertThat(noTarget.awsErrorDetails().errorMessage()).isEqualTo("No scalable target"
        + " registered for service namespace: sagemaker, resource ID: " + missing
        + ", scalable dimension: sagemaker:variant:DesiredInstanceCount");
    assertThat(catchThrowableOfType(() -> autoScaling.deregisterScalableTarget(b -> b
        .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(missing)
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)),
        ObjectNotFoundException.class)).isNotNull();
    assertThat(catchThrowableOfType(() -> autoScaling.deleteScalingPolicy(b -> b
        .policyName("none").serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(RESOURCE)
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)),
        ObjectNotFoundException.class).awsErrorDetails().errorMessage())
        .startsWith("No scaling policy found for service namespace: sagemaker");
  }

  private static String validation(Executable call) {
    ApplicationAutoScalingException e = catchThrowableOfType(call::execute,
        ApplicationAutoScalingException.class);
    assertThat(e).isInstanceOf(ValidationException.class);
    return e.awsErrorDetails().errorMessage();
  }

  @Test
  void deletingAnEndpointDeregistersItsTargetsAndPolicies() {
    // Its own emulator: the shared one's journal is counted by the other tests.
    try (Hosting own = Hosting.start(1000);
        ApplicationAutoScalingClient client = AwsTestClients.autoScaling(
            own.emulator().endpoint())) {
      own.endpoint("short-lived-ep", Hosting.IMAGE);
      own.waitFor("short-lived-ep", "InService");
      String resource = "endpoint/short-lived-ep/variant/AllTraffic";
      client.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
          .resourceId(resource)
          .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
          .minCapacity(1).maxCapacity(2));
      client.putScalingPolicy(b -> b.policyName("invocations").serviceNamespace(
              ServiceNamespace.SAGEMAKER).resourceId(resource)
          .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
          .policyType(PolicyType.TARGET_TRACKING_SCALING)
          .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(200.0)));
      assertThat(own.emulator().inventory().scaling()).containsExactlyInAnyOrder(
          new EmulatorInventory.Scaling(resource, null),
          new EmulatorInventory.Scaling(resource, "invocations"));

      own.sageMaker().deleteEndpoint(b -> b.endpointName("short-lived-ep"));
      own.waitUntilGone("short-lived-ep");

      assertThat(client.describeScalableTargets(b -> b.serviceNamespace(
          ServiceNamespace.SAGEMAKER)).scalableTargets()).isEmpty();
      assertThat(client.describeScalingPolicies(b -> b.serviceNamespace(
          ServiceNamespace.SAGEMAKER)).scalingPolicies()).isEmpty();
      assertThat(own.emulator().inventory().scaling()).isEmpty();
    }
  }
}
