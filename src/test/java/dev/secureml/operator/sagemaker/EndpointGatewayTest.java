package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

/** The endpoint calls through the real SageMakerClient over HTTP against canned answers. */
class EndpointGatewayTest {
  private static final String ENDPOINT = "fraud-models-bank-failure-endpoint-710b68";
  private static final String ARN_PREFIX = "arn:aws:sagemaker:us-east-1:111122223333:";
  private static final String ENDPOINT_ARN = ARN_PREFIX + "endpoint/" + ENDPOINT;
  private static final Path HOSTING = Golden.ROOT.resolve("hosting/single-variant");

  private FakeJsonServer server;
  private SageMakerClient client;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RateLimiter limiter = new RateLimiter(1, 100, new AtomicLong()::get, n -> { });
  private EndpointGateway gateway;

  @BeforeEach
  void start() throws Exception {
    server = new FakeJsonServer();
    client = server.clients(3).sageMaker();
    gateway = new EndpointGateway(client, limiter, registry);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void createsThePlannedResourcesWithExactlyTheGoldenRequests() {
    HostingPlan plan = HostingPlannerTest.planFor("single-variant");
    String modelName = plan.modelNames().get(0);
    server.reply("CreateModel", 200, "{\"ModelArn\":\"" + ARN_PREFIX + "model/m\"}")
        .reply("CreateEndpointConfig", 200,
            "{\"EndpointConfigArn\":\"" + ARN_PREFIX + "endpoint-config/c\"}")
        .reply("CreateEndpoint", 200, "{\"EndpointArn\":\"" + ENDPOINT_ARN + "\"}");

    assertThat(gateway.createModel(plan.models().get(modelName)))
        .isEqualTo(ARN_PREFIX + "model/m");
    assertThat(gateway.createEndpointConfig(plan.endpointConfig()))
        .isEqualTo(ARN_PREFIX + "endpoint-config/c");
    assertThat(gateway.createEndpoint(HostingPlanner.createEndpoint(plan)))
        .isEqualTo(ENDPOINT_ARN);

    assertThat(server.body("CreateModel", 0))
        .isEqualTo(Golden.readJson(HOSTING.resolve("models.json")).get(0));
    assertThat(server.body("CreateEndpointConfig", 0))
        .isEqualTo(Golden.readJson(HOSTING.resolve("endpoint-config.json")));
    assertThat(server.body("CreateEndpoint", 0))
        .isEqualTo(Golden.readJson(HOSTING.resolve("endpoint.json")));
    assertThat(server.requests("CreateEndpoint").get(0).contentType())
        .isEqualTo("application/x-amz-json-1.1");
    assertThat(calls("CreateModel", "success")).isEqualTo(1);
    assertThat(calls("CreateEndpointConfig", "success")).isEqualTo(1);
    assertThat(calls("CreateEndpoint", "success")).isEqualTo(1);
  }

  @Test
  void anExistingNameIsAlreadyExists() {
    server.error("CreateEndpoint", 400, "ValidationException",
        "Cannot create already existing endpoint \"" + ENDPOINT_ARN + "\".");
    server.error("CreateModel", 400, "ValidationException",
        "Cannot create already existing model \"" + ARN_PREFIX + "model/m\".");

    assertThatThrownBy(() -> gateway.createEndpoint(
        HostingPlanner.createEndpoint(HostingPlannerTest.planFor("single-variant"))))
        .isInstanceOfSatisfying(SageMakerCallException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS));
    assertThatThrownBy(() -> gateway.createModel(HostingPlannerTest.planFor("single-variant")
        .variants().get(0).model()))
        .isInstanceOfSatisfying(SageMakerCallException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS));
    assertThat(server.requests("CreateEndpoint")).hasSize(1);
  }

  @Test
  void describeEndpointParsesTheWireResponse() throws Exception {
    server.reply("DescribeEndpoint", 200, Files.readString(
        Golden.ROOT.resolve("describe-endpoint/in-service/describe.json")));

    DescribeEndpointResponse d = gateway.describeEndpoint(ENDPOINT).orElseThrow();

    assertThat(d.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(d.productionVariants()).hasSize(1);
    assertThat(server.body("DescribeEndpoint", 0))
        .isEqualTo(Golden.JSON.createObjectNode().put("EndpointName", ENDPOINT));
  }

  @Test
  void describeModelAndConfigSendTheName() {
    server.reply("DescribeModel", 200, "{\"ModelName\":\"m\",\"ModelArn\":\"a\"}")
        .reply("DescribeEndpointConfig", 200,
            "{\"EndpointConfigName\":\"c\",\"ProductionVariants\":[]}");

    assertThat(gateway.describeModel("m").orElseThrow().modelArn()).isEqualTo("a");
    assertThat(gateway.describeEndpointConfig("c")).isPresent();
    assertThat(server.body("DescribeModel", 0))
        .isEqualTo(Golden.JSON.createObjectNode().put("ModelName", "m"));
    assertThat(server.body("DescribeEndpointConfig", 0))
        .isEqualTo(Golden.JSON.createObjectNode().put("EndpointConfigName", "c"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "Endpoint, EndpointName, Could not find endpoint",
      "EndpointConfig, EndpointConfigName, Could not find endpoint configuration",
      "Model, ModelName, Could not find model"})
  void describeAndDeleteSendTheName(String resource, String member, String notFound) {
    server.reply("Delete" + resource, 200, "{}");
    server.error("Describe" + resource, 400, "ValidationException",
        notFound + " \"" + ARN_PREFIX + resource.toLowerCase() + "/x\".");

    assertThat(describe(resource, "x")).isEmpty();
    delete(resource, "x");

    assertThat(server.body("Describe" + resource, 0))
        .isEqualTo(Golden.JSON.createObjectNode().put(member, "x"));
    assertThat(server.body("Delete" + resource, 0))
        .isEqualTo(Golden.JSON.createObjectNode().put(member, "x"));
    assertThat(server.requests("Describe" + resource)).hasSize(1);
    assertThat(calls("Describe" + resource, "not_found")).isEqualTo(1);
    assertThat(calls("Delete" + resource, "success")).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "Endpoint, Could not find endpoint",
      "EndpointConfig, Could not find endpoint configuration",
      "Model, Could not find model"})
  void deletingWhatIsGoneIsNotAnError(String resource, String notFound) {
    server.error("Delete" + resource, 400, "ValidationException",
        notFound + " \"" + ARN_PREFIX + resource.toLowerCase() + "/x\".");

    delete(resource, "x");

    assertThat(calls("Delete" + resource, "not_found")).isEqualTo(1);
  }

  @Test
  void aConfigInUseIsRetryableNotAlreadyExists() {
    server.error("DeleteEndpointConfig", 400, "ResourceInUse",
        "Endpoint configuration c is in use by endpoint " + ENDPOINT);

    assertThatThrownBy(() -> gateway.deleteEndpointConfig("c"))
        .isInstanceOfSatisfying(SageMakerCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.RETRYABLE);
          assertThat(e.errorCode()).isEqualTo("ResourceInUse");
          assertThat(e.operation()).isEqualTo("DeleteEndpointConfig");
        });
    assertThat(calls("DeleteEndpointConfig", "error")).isEqualTo(1);
  }

  @Test
  void updateEndpointSendsTheNewConfig() {
    server.reply("UpdateEndpoint", 200, "{\"EndpointArn\":\"" + ENDPOINT_ARN + "\"}");

    gateway.updateEndpoint(ENDPOINT, "cfg-2");

    assertThat(server.body("UpdateEndpoint", 0)).isEqualTo(Golden.JSON.createObjectNode()
        .put("EndpointName", ENDPOINT).put("EndpointConfigName", "cfg-2"));
  }

  @Test
  void updatingABusyEndpointIsTerminal() {
    server.error("UpdateEndpoint", 400, "ValidationException",
        "Cannot update in-progress endpoint \"" + ENDPOINT_ARN + "\".");

    assertThatThrownBy(() -> gateway.updateEndpoint(ENDPOINT, "cfg-2"))
        .isInstanceOfSatisfying(SageMakerCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          assertThat(e.awsMessage()).startsWith("Cannot update in-progress endpoint");
        });
    assertThat(server.requests("UpdateEndpoint")).hasSize(1);
  }

  @Test
  void weightsAndCapacitiesGoOutPerVariant() throws Exception {
    server.reply("UpdateEndpointWeightsAndCapacities", 200,
        "{\"EndpointArn\":\"" + ENDPOINT_ARN + "\"}");

    gateway.updateWeightsAndCapacities(ENDPOINT, List.of(new VariantCapacity("blue", 3, 0.9),
        new VariantCapacity("canary", 1, 0.1)));

    JsonNode expected = Golden.JSON.readTree("{\"EndpointName\":\"" + ENDPOINT + "\","
        + "\"DesiredWeightsAndCapacities\":["
        + "{\"VariantName\":\"blue\",\"DesiredWeight\":0.9,\"DesiredInstanceCount\":3},"
        + "{\"VariantName\":\"canary\",\"DesiredWeight\":0.1,\"DesiredInstanceCount\":1}]}");
    assertThat(server.body("UpdateEndpointWeightsAndCapacities", 0)).isEqualTo(expected);
  }

  @Test
  void tagsAreListedAddedAndDeleted() throws Exception {
    server.reply("ListTags", 200, "{\"Tags\":[{\"Key\":\"secureml.dev/uid\",\"Value\":\"u-1\"}]}")
        .reply("AddTags", 200, "{\"Tags\":[]}").reply("DeleteTags", 200, "{}");
    Map<String, String> add = new LinkedHashMap<>();
    add.put("project", "bank-failure");
    add.put("cost-center", "CC-1234");

    assertThat(gateway.tags(ENDPOINT_ARN)).containsExactly(Map.entry("secureml.dev/uid", "u-1"));
    gateway.addTags(ENDPOINT_ARN, add);
    gateway.deleteTags(ENDPOINT_ARN, List.of("old", "older"));
    gateway.addTags(ENDPOINT_ARN, Map.of());
    gateway.deleteTags(ENDPOINT_ARN, List.of());

    assertThat(server.body("AddTags", 0)).isEqualTo(Golden.JSON.readTree("{\"ResourceArn\":\""
        + ENDPOINT_ARN + "\",\"Tags\":[{\"Key\":\"project\",\"Value\":\"bank-failure\"},"
        + "{\"Key\":\"cost-center\",\"Value\":\"CC-1234\"}]}"));
    assertThat(server.body("DeleteTags", 0)).isEqualTo(Golden.JSON.createObjectNode()
        .put("ResourceArn", ENDPOINT_ARN).set("TagKeys",
            Golden.JSON.createArrayNode().add("old").add("older")));
    assertThat(server.requests("AddTags")).hasSize(1);
    assertThat(server.requests("DeleteTags")).hasSize(1);
    assertThat(calls("AddTags", "success")).isEqualTo(1);
  }

  @Test
  void throttlingIsMeteredAndEveryCallTakesAToken() {
    RateLimiter oneToken = new RateLimiter(1, 1, new AtomicLong()::get, n -> { });
    EndpointGateway limited = new EndpointGateway(client, oneToken, registry);
    server.error("DescribeEndpoint", 400, "ThrottlingException", "Rate exceeded");

    assertThatThrownBy(() -> limited.describeEndpoint(ENDPOINT))
        .isInstanceOfSatisfying(SageMakerCallException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.THROTTLED));
    assertThat(server.requests("DescribeEndpoint")).hasSize(3);
    assertThat(registry.counter("secureml.sagemaker.throttles",
        "operation", "DescribeEndpoint").count()).isEqualTo(1);
    assertThat(oneToken.tryAcquire("DescribeEndpoint")).isFalse();
    assertThat(oneToken.tryAcquire("DeleteEndpoint")).isTrue();
  }

  private Optional<?> describe(String resource, String name) {
    return switch (resource) {
      case "Endpoint" -> gateway.describeEndpoint(name);
      case "EndpointConfig" -> gateway.describeEndpointConfig(name);
      default -> gateway.describeModel(name);
    };
  }

  private void delete(String resource, String name) {
    switch (resource) {
      case "Endpoint" -> gateway.deleteEndpoint(name);
      case "EndpointConfig" -> gateway.deleteEndpointConfig(name);
      default -> gateway.deleteModel(name);
    }
  }

  private double calls(String operation, String outcome) {
    return registry.counter("secureml.sagemaker.calls",
        "operation", operation, "outcome", outcome).count();
  }
}
