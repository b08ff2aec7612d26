package dev.secureml.operator.sagemaker;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * Target-tracking autoscaling of endpoint variants through Application Auto Scaling: a scalable
 * target {@code endpoint/<endpoint>/variant/<variant>} on {@code
 * sagemaker:variant:DesiredInstanceCount}, and a policy tracking
 * SageMakerVariantInvocationsPerInstance.
 *
 * <p>Calls are rate-limited and measured like the SageMaker gateways, under {@code
 * secureml.autoscaling.calls{operation,outcome}}, {@code secureml.autoscaling.call.duration}
 * and {@code secureml.autoscaling.throttles}; failures are {@link SageMakerCallException}s
 * naming Application Auto Scaling. Registering needs an endpoint that is InService (otherwise a
 * TERMINAL ValidationException): the controller registers after the endpoint is up.
 * ConcurrentUpdateException (another change to the target in flight) is RETRYABLE.
 */
public final class AutoscalingGateway {
  static final String SERVICE = "Application Auto Scaling";
  static final String REGISTER = "RegisterScalableTarget";
  static final String PUT_POLICY = "PutScalingPolicy";
  static final String DELETE_POLICY = "DeleteScalingPolicy";
  static final String DEREGISTER = "DeregisterScalableTarget";
  static final String DESCRIBE = "DescribeScalableTargets";

  private final ApplicationAutoScalingClient client;
  private final MeteredCalls calls;

  public AutoscalingGateway(ApplicationAutoScalingClient client, RateLimiter limiter,
      MeterRegistry registry) {
    this.client = client;
    this.calls = new MeteredCalls(SERVICE, "secureml.autoscaling", limiter, registry);
  }

  /** {@code endpoint/<endpoint>/variant/<variant>}. */
  public static String resourceId(String endpointName, String variant) {
    return "endpoint/" + endpointName + "/variant/" + variant;
  }

  /** {@code secureml-<variant>-invocations}. */
  public static String policyName(String variant) {
    return "secureml-" + variant + "-invocations";
  }

  /** Registers the variant's instance count as a scalable target, or changes its bounds. */
  public void register(String endpointName, String variant, int min, int max) {
    calls.call(REGISTER, () -> client.registerScalableTarget(r -> r
        .serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(resourceId(endpointName, variant))
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
        .minCapacity(min)
        .maxCapacity(max)));
  }

  /** Creates or replaces the target-tracking policy on invocations per instance (per minute). */
  public void putTargetTracking(String endpointName, String variant,
      int targetInvocationsPerInstance, int scaleInCooldown, int scaleOutCooldown) {
    calls.call(PUT_POLICY, () -> client.putScalingPolicy(r -> r
        .policyName(policyName(variant))
        .serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(resourceId(endpointName, variant))
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
        .policyType(PolicyType.TARGET_TRACKING_SCALING)
        .targetTrackingScalingPolicyConfiguration(c -> c
            .targetValue((double) targetInvocationsPerInstance)
            .predefinedMetricSpecification(m -> m
                .predefinedMetricType(MetricType.SAGE_MAKER_VARIANT_INVOCATIONS_PER_INSTANCE))
            .scaleInCooldown(scaleInCooldown)
            .scaleOutCooldown(scaleOutCooldown))));
  }

  /**
   * Deletes the policy, then the scalable target; either already gone is fine. The variant
   * keeps its current instance count.
   */
  public void deregister(String endpointName, String variant) {
    String resourceId = resourceId(endpointName, variant);
    calls.absentOk(DELETE_POLICY, () -> client.deleteScalingPolicy(r -> r
        .policyName(policyName(variant))
        .serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(resourceId)
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)));
    calls.absentOk(DEREGISTER, () -> client.deregisterScalableTarget(r -> r
        .serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(resourceId)
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)));
  }

  /** The variant's scalable target, or empty when it is not registered. */
  public Optional<ScalableTarget> describe(String endpointName, String variant) {
    return calls.find(DESCRIBE, () -> client.describeScalableTargets(r -> r
            .serviceNamespace(ServiceNamespace.SAGEMAKER)
            .resourceIds(resourceId(endpointName, variant))
            .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)))
        .flatMap(response -> response.scalableTargets().stream().findFirst());
  }
}
