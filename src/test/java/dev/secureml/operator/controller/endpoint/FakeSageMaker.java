package dev.secureml.operator.controller.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secureml.operator.sagemaker.AutoscalingGateway;
import dev.secureml.operator.sagemaker.EndpointGateway;
import dev.secureml.operator.sagemaker.OwnershipTags;
import dev.secureml.operator.sagemaker.RateLimiter;
import dev.secureml.operator.sagemaker.ResourceOwner;
import dev.secureml.operator.sagemaker.SdkJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * SageMaker and Application Auto Scaling as a golden case describes them, behind the real
 * gateways: the endpoint and config its Describe files hold, every other config or Model
 * present unless listed absent, each owned by the endpoint unless listed as another owner's.
 * Every call that changes something is recorded, in order.
 */
final class FakeSageMaker {
  private static final String IMAGE =
      "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/xgboost:1.7-1";
  private static final String ARN_PREFIX = "arn:aws:sagemaker:us-east-1:111122223333:";
  private static final Map<String, String> FOREIGN = OwnershipTags.of("other-team", "theirs",
      "0f0f0f0f-0000-4000-8000-000000000000");

  private final DescribeEndpointResponse endpoint;
  private final DescribeEndpointConfigResponse config;
  private final Set<String> absent;
  private final Set<String> notOwned;
  private final ResourceOwner owner;
  private final List<JsonNode> calls = new ArrayList<>();
  private final List<String> reads = new ArrayList<>();

  FakeSageMaker(DescribeEndpointResponse endpoint, DescribeEndpointConfigResponse config,
      Set<String> absent, Set<String> notOwned, ResourceOwner owner) {
    this.endpoint = endpoint;
    this.config = config;
    this.absent = absent;
    this.notOwned = notOwned;
    this.owner = owner;
  }

  EndpointGateway endpoints() {
    return new EndpointGateway(proxy(SageMakerClient.class), new RateLimiter(1000, 1000),
        new SimpleMeterRegistry());
  }

  AutoscalingGateway autoscaling() {
    return new AutoscalingGateway(proxy(ApplicationAutoScalingClient.class),
        new RateLimiter(1000, 1000), new SimpleMeterRegistry());
  }

  /** Each call that changes something: {"Operation": {request fields}}, in order. */
  List<JsonNode> calls() {
    return calls;
  }

  private <T> T proxy(Class<T> type) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (args == null || !(args[0] instanceof SdkRequest request)) {
        return method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args) : null;
      }
      return answer(method, request);
    };
    return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
        handler));
  }

  /** Each Describe and ListTags call, by operation name, in order. */
  List<String> reads() {
    return reads;
  }

  private Object answer(Method method, SdkRequest request) throws ReflectiveOperationException {
    String operation = method.getName().substring(0, 1).toUpperCase(Locale.ROOT)
        + method.getName().substring(1);
    if (operation.startsWith("Describe") || operation.equals("ListTags")) {
      reads.add(operation);
    }
    if (operation.startsWith("Describe")) {
      return describe(operation, request);
    }
    if (operation.equals("ListTags")) {
      String arn = request.getValueForField("ResourceArn", String.class).orElseThrow();
      String name = arn.substring(arn.indexOf('/') + 1);
      boolean foreign = notOwned.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(name));
      return ListTagsResponse.builder().tags(tags(foreign ? FOREIGN : owner.tags())).build();
    }
    record(operation, (SdkPojo) request);
    return switch (operation) {
      case "CreateModel" -> CreateModelResponse.builder().modelArn(arn("model", request))
          .build();
      case "CreateEndpointConfig" -> CreateEndpointConfigResponse.builder()
          .endpointConfigArn(arn("endpoint-config", request)).build();
      case "CreateEndpoint" -> CreateEndpointResponse.builder()
          .endpointArn(arn("endpoint", request)).build();
      default -> ((SdkBuilder<?, ?>) method.getReturnType().getMethod("builder").invoke(null))
          .build();
    };
  }

  private Object describe(String operation, SdkRequest request) {
    switch (operation) {
      case "DescribeEndpoint" -> {
        String name = field(request, "EndpointName");
        if (endpoint != null && endpoint.endpointName().equals(name)) {
          return endpoint;
        }
        throw notFound("endpoint", name);
      }
      case "DescribeEndpointConfig" -> {
        String name = field(request, "EndpointConfigName");
        if (config != null && config.endpointConfigName().equals(name)) {
          return config;
        }
        return present(name, "endpoint configuration", () -> DescribeEndpointConfigResponse
            .builder().endpointConfigName(name).endpointConfigArn(arnOf("endpoint-config",
                name)).build());
      }
      case "DescribeModel" -> {
        String name = field(request, "ModelName");
        return present(name, "model", () -> DescribeModelResponse.builder().modelName(name)
            .modelArn(arnOf("model", name)).primaryContainer(c -> c.image(IMAGE)
                .modelDataUrl("s3://fraud-models/artifacts/" + name + "/model.tar.gz"))
            .build());
      }
      default -> throw new UnsupportedOperationException(operation);
    }
  }

  private Object present(String name, String kind, java.util.function.Supplier<Object> found) {
    if (absent.contains(name)) {
      throw notFound(kind, name);
    }
    return found.get();
  }

  private void record(String operation, SdkPojo request) {
    ObjectNode fields = (ObjectNode) SdkJson.toJson(request);
    if (operation.startsWith("Create")) {
      // What a create sends is the request mappers' golden business; here only what it names.
      fields.retain(List.of("ModelName", "EndpointConfigName", "EndpointName"));
    }
    ObjectNode call = JsonNodeFactory.instance.objectNode();
    call.set(operation, fields);
    calls.add(call);
  }

  private static String field(SdkRequest request, String name) {
    return request.getValueForField(name, String.class).orElseThrow();
  }

  private static String arn(String kind, SdkRequest request) {
    String field = switch (kind) {
      case "model" -> "ModelName";
      case "endpoint-config" -> "EndpointConfigName";
      default -> "EndpointName";
    };
    return arnOf(kind, field(request, field));
  }

  private static String arnOf(String kind, String name) {
    return ARN_PREFIX + kind + "/" + name.toLowerCase(Locale.ROOT);
  }

  private static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  private static SageMakerException notFound(String kind, String name) {
    String message = "Could not find " + kind + " \"" + name + "\".";
    return (SageMakerException) SageMakerException.builder().statusCode(400).message(message)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
            .errorMessage(message).serviceName("SageMaker").build()).build();
  }
}
