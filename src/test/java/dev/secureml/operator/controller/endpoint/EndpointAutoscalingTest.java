package dev.secureml.operator.controller.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.sagemaker.AutoscalingGateway;
import dev.secureml.operator.sagemaker.RateLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.utils.builder.SdkBuilder;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;

/** Autoscaling settings as a manifest may leave them: cooldowns explicitly null. */
class EndpointAutoscalingTest {
  private final List<Object> requests = new ArrayList<>();

  @Test
  void nullCooldownsAreSentAsTheCrdDefaults() {
    ModelEndpointSpec.Autoscaling wanted = new ModelEndpointSpec.Autoscaling();
    wanted.minInstances = 1;
    wanted.maxInstances = 3;
    wanted.targetInvocationsPerInstance = 100;
    wanted.scaleInCooldownSeconds = null; // `scaleInCooldownSeconds: ~` in the manifest
    wanted.scaleOutCooldownSeconds = null;
    ModelEndpointStatus status = new ModelEndpointStatus();

    EndpointAutoscaling.Change change = EndpointAutoscaling.change(wanted, List.of("AllTraffic"),
        status.rollout());
    new EndpointAutoscaling(gateway()).apply("fraud-models-ep-1a2b3c", change, status.rollout());
    boolean changed = change.calls();

    assertThat(changed).isTrue();
    PutScalingPolicyRequest put = requests.stream()
        .filter(PutScalingPolicyRequest.class::isInstance).map(PutScalingPolicyRequest.class::cast)
        .findFirst().orElseThrow();
    assertThat(put.targetTrackingScalingPolicyConfiguration().scaleInCooldown()).isEqualTo(300);
    assertThat(put.targetTrackingScalingPolicyConfiguration().scaleOutCooldown()).isEqualTo(60);
    assertThat(status.rollout.autoscalingSignature).isEqualTo("1-3/100/300/60");
  }

  /** A client that records each request and answers with an empty response. */
  private AutoscalingGateway gateway() {
    InvocationHandler handler = (proxy, method, args) -> {
      if (args == null || !(args[0] instanceof SdkRequest)) {
        return method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args) : null;
      }
      requests.add(args[0]);
      var builder = (SdkBuilder<?, ?>) method.getReturnType().getMethod("builder").invoke(null);
      return builder.build();
    };
    var client = (ApplicationAutoScalingClient) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {ApplicationAutoScalingClient.class}, handler);
    return new AutoscalingGateway(client, new RateLimiter(1000, 1000),
        new SimpleMeterRegistry());
  }
}
