package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;

/** Application Auto Scaling through the real client over HTTP: the exact wire requests. */
class AutoscalingGatewayTest {
  private static final String ENDPOINT = "fraud-models-bank-failure-endpoint-710b68";
  private static final String RESOURCE = "endpoint/" + ENDPOINT + "/variant/AllTraffic";
  private static final String DIMENSION = "sagemaker:variant:DesiredInstanceCount";
  private static final String NO_TARGET = "No scalable target registered for service namespace: "
      + "sagemaker, resource ID: " + RESOURCE + ", scalable dimension: " + DIMENSION;

  private FakeJsonServer server;
  private ApplicationAutoScalingClient client;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RateLimiter limiter = new RateLimiter(1, 100, new AtomicLong()::get, n -> { });
  private AutoscalingGateway gateway;

  @BeforeEach
  void start() throws Exception {
    server = new FakeJsonServer();
    client = server.clients(3).applicationAutoScaling();
    gateway = new AutoscalingGateway(client, limiter, registry);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void registerSendsTheVariantAsAScalableTarget() throws Exception {
    server.reply("RegisterScalableTarget", 200, "{\"ScalableTargetARN\":\"arn:t\"}");

    gateway.register(ENDPOINT, "AllTraffic", 2, 6);

    FakeJsonServer.Request sent = server.requests("RegisterScalableTarget").get(0);
    assertThat(sent.target()).isEqualTo("AnyScaleFrontendService.RegisterScalableTarget");
    assertThat(sent.contentType()).isEqualTo("application/x-amz-json-1.1");
    assertThat(server.body("RegisterScalableTarget", 0)).isEqualTo(json("{"
        + "\"ServiceNamespace\":\"sagemaker\",\"ResourceId\":\"" + RESOURCE + "\","
        + "\"ScalableDimension\":\"" + DIMENSION + "\",\"MinCapacity\":2,\"MaxCapacity\":6}"));
    assertThat(calls("RegisterScalableTarget", "success")).isEqualTo(1);
    assertThat(registry.timer("secureml.autoscaling.call.duration",
        "operation", "RegisterScalableTarget").count()).isEqualTo(1);
  }

  @Test
  void putTargetTrackingSendsThePolicy() throws Exception {
    server.reply("PutScalingPolicy", 200, "{\"PolicyARN\":\"arn:p\",\"Alarms\":[]}");

    gateway.putTargetTracking(ENDPOINT, "AllTraffic", 200, 300, 60);

    assertThat(server.requests("PutScalingPolicy").get(0).target())
        .isEqualTo("AnyScaleFrontendService.PutScalingPolicy");
    assertThat(server.body("PutScalingPolicy", 0)).isEqualTo(json("{"
        + "\"PolicyName\":\"secureml-AllTraffic-invocations\",\"ServiceNamespace\":\"sagemaker\","
        + "\"ResourceId\":\"" + RESOURCE + "\",\"ScalableDimension\":\"" + DIMENSION + "\","
        + "\"PolicyType\":\"TargetTrackingScaling\","
        + "\"TargetTrackingScalingPolicyConfiguration\":{\"TargetValue\":200.0,"
        + "\"PredefinedMetricSpecification\":"
        + "{\"PredefinedMetricType\":\"SageMakerVariantInvocationsPerInstance\"},"
        + "\"ScaleOutCooldown\":60,\"ScaleInCooldown\":300}}"));
  }

  @Test
  void deregisterDeletesThePolicyThenTheTarget() throws Exception {
    server.reply("DeleteScalingPolicy", 200, "{}").reply("DeregisterScalableTarget", 200, "{}");

    gateway.deregister(ENDPOINT, "AllTraffic");

    JsonNode target = json("{\"ServiceNamespace\":\"sagemaker\",\"ResourceId\":\""
        + RESOURCE + "\",\"ScalableDimension\":\"" + DIMENSION + "\"}");
    assertThat(server.body("DeleteScalingPolicy", 0)).isEqualTo(
        ((ObjectNode) target.deepCopy()).put("PolicyName", "secureml-AllTraffic-invocations"));
    assertThat(server.body("DeregisterScalableTarget", 0)).isEqualTo(target);
  }

  @Test
  void deregisteringWhatIsNotThereIsFine() {
    server.error("DeleteScalingPolicy", 400, "ObjectNotFoundException", "No scaling policy found "
        + "for service namespace: sagemaker, resource ID: " + RESOURCE);
    server.error("DeregisterScalableTarget", 400, "ObjectNotFoundException", NO_TARGET);

    gateway.deregister(ENDPOINT, "AllTraffic");

    assertThat(server.requests("DeregisterScalableTarget")).hasSize(1);
    assertThat(calls("DeleteScalingPolicy", "not_found")).isEqualTo(1);
    assertThat(calls("DeregisterScalableTarget", "not_found")).isEqualTo(1);
  }

  @Test
  void describeReturnsTheTargetOrEmpty() throws Exception {
    server.reply("DescribeScalableTargets", 200, "{\"ScalableTargets\":[{"
            + "\"ServiceNamespace\":\"sagemaker\",\"ResourceId\":\"" + RESOURCE + "\","
            + "\"ScalableDimension\":\"" + DIMENSION + "\",\"MinCapacity\":2,\"MaxCapacity\":6,"
            + "\"RoleARN\":\"arn:aws:iam::111122223333:role/aws-service-role/x\","
            + "\"CreationTime\":1763902800.5}]}")
        .reply("DescribeScalableTargets", 200, "{\"ScalableTargets\":[]}");

    ScalableTarget found = gateway.describe(ENDPOINT, "AllTraffic").orElseThrow();
    assertThat(found.minCapacity()).isEqualTo(2);
    assertThat(found.maxCapacity()).isEqualTo(6);
    assertThat(gateway.describe(ENDPOINT, "AllTraffic")).isEmpty();

    assertThat(server.body("DescribeScalableTargets", 0)).isEqualTo(json(
        "{\"ServiceNamespace\":\"sagemaker\",\"ResourceIds\":[\"" + RESOURCE + "\"],"
            + "\"ScalableDimension\":\"" + DIMENSION + "\"}"));
  }

  @Test
  void failuresNameTheServiceAndAreMeteredUnderAutoscaling() {
    server.error("RegisterScalableTarget", 400, "ValidationException",
        "Endpoint " + ENDPOINT + " is not in service");
    server.error("PutScalingPolicy", 400, "ConcurrentUpdateException", "Concurrent update");

    assertThatThrownBy(() -> gateway.register(ENDPOINT, "AllTraffic", 2, 6))
        .isInstanceOfSatisfying(SageMakerCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          assertThat(e.getMessage()).startsWith("Application Auto Scaling RegisterScalableTarget "
              + "failed (ValidationException)");
        });
    assertThatThrownBy(() -> gateway.putTargetTracking(ENDPOINT, "AllTraffic", 1, 1, 1))
        .isInstanceOfSatisfying(SageMakerCallException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.RETRYABLE));
    assertThat(calls("RegisterScalableTarget", "error")).isEqualTo(1);
    assertThat(registry.find("secureml.sagemaker.calls").counters()).isEmpty();
  }

  @Test
  void throttlingIsCountedAndEveryCallTakesAToken() {
    RateLimiter oneToken = new RateLimiter(1, 1, new AtomicLong()::get, n -> { });
    AutoscalingGateway limited = new AutoscalingGateway(client, oneToken, registry);
    server.error("DescribeScalableTargets", 400, "ThrottlingException", "Rate exceeded");

    assertThatThrownBy(() -> limited.describe(ENDPOINT, "AllTraffic"))
        .isInstanceOfSatisfying(SageMakerCallException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.THROTTLED));
    assertThat(registry.counter("secureml.autoscaling.throttles",
        "operation", "DescribeScalableTargets").count()).isEqualTo(1);
    assertThat(oneToken.tryAcquire("DescribeScalableTargets")).isFalse();
  }

  private static JsonNode json(String text) throws Exception {
    return Golden.JSON.readTree(text);
  }

  private double calls(String operation, String outcome) {
    return registry.counter("secureml.autoscaling.calls",
        "operation", operation, "outcome", outcome).count();
  }
}
