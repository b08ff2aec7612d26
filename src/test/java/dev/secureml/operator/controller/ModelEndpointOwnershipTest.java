package dev.secureml.operator.controller;

import static dev.secureml.operator.local.sandbox.TestManifests.explicitEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.sagemaker.OwnershipTags;
import dev.secureml.operator.testsupport.AwsTestClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * No two endpoints share a SageMaker resource, nothing another owner holds is adopted, changed
 * or deleted, and nothing a failed step made outlives the endpoint or a fix. What an endpoint
 * has in SageMaker is asked of the emulator by the endpoint's ownership tags.
 */
class ModelEndpointOwnershipTest {
  private static final String LONG_PREFIX =
      "fraud-scoring-endpoint-for-the-retail-banking-division-primary-";
  private static final Map<String, String> FOREIGN = OwnershipTags.of("other-team", "theirs",
      "0f0f0f0f-0000-4000-8000-000000000000");

  private OperatorHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  private OperatorHarness start() {
    return OperatorHarness.start(EmulatorOptions.defaults().withSpeed(200)).withExamplePolicy();
  }

  @Test
  void endpointsWhoseLongNamesShareAPrefixShareNothingAndDeletingOneLeavesTheOtherServing()
      throws Exception {
    h = start();
    h.apply(explicitEndpoint(LONG_PREFIX + "blue"));
    h.apply(explicitEndpoint(LONG_PREFIX + "green"));
    ModelEndpoint blue = h.awaitEndpointReady(LONG_PREFIX + "blue");
    ModelEndpoint green = h.awaitEndpointReady(LONG_PREFIX + "green");

    assertThat(blue.getStatus().endpointConfigName)
        .isNotEqualTo(green.getStatus().endpointConfigName);
    assertThat(blue.getStatus().modelNames)
        .doesNotContainAnyElementsOf(green.getStatus().modelNames);
    List<String> blueArns = h.emulator.arnsTagged(ownerTags(blue));
    List<String> greenArns = h.emulator.arnsTagged(ownerTags(green));
    assertThat(kinds(blueArns)).containsExactlyInAnyOrder("endpoint", "endpoint-config", "model");
    assertThat(kinds(greenArns)).containsExactlyInAnyOrder("endpoint", "endpoint-config",
        "model");
    assertThat(blueArns).doesNotContainAnyElementsOf(greenArns);

    h.client.resource(blue).delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> h.endpoint(LONG_PREFIX + "blue") == null);

    assertThat(h.emulator.arnsTagged(ownerTags(blue))).isEmpty();
    assertThat(h.emulator.arnsTagged(ownerTags(green))).isEqualTo(greenArns);
    Thread.sleep(1000); // several polling rounds of green
    ModelEndpoint after = h.awaitEndpointReady(LONG_PREFIX + "green");
    assertThat(Conditions.isTrue(after.getStatus().conditions, Conditions.READY)).isTrue();
    try (SageMakerClient sageMaker = AwsTestClients.sageMaker(h.emulator.endpoint())) {
      var described = sageMaker.describeEndpoint(b -> b.endpointName(
          green.getStatus().endpointName));
      assertThat(described.endpointStatusAsString()).isEqualTo("InService");
      assertThat(sageMaker.describeEndpointConfig(b -> b.endpointConfigName(
          described.endpointConfigName())).productionVariants())
          .allSatisfy(v -> assertThat(green.getStatus().modelNames).contains(v.modelName()));
    }
  }

  @ParameterizedTest(name = "{0} refused")
  @ValueSource(strings = {"CreateModel", "CreateEndpointConfig", "CreateEndpoint"})
  void whatAFailedStepLeftIsNamedInStatusAndGoesWithTheEndpoint(String step) {
    h = start();
    h.emulator.refuse(step, r -> true, "1 validation error detected: refused for this test");
    h.apply(explicitEndpoint("half"));

    ModelEndpoint failed = h.awaitEndpoint("half", e -> e.getStatus() != null
        && "Error".equals(e.getStatus().phase));
    var stalled = Conditions.find(failed.getStatus().conditions, Conditions.STALLED).orElseThrow();
    assertThat(stalled.getReason()).isEqualTo("SageMakerValidation");
    assertThat(stalled.getMessage()).startsWith("SageMaker " + step + " failed");
    Map<String, String> owner = ownerTags(failed);
    List<String> named = new ArrayList<>(failed.getStatus().rollout.targetModelNames);
    named.add(failed.getStatus().rollout.targetEndpointConfigName);
    List<String> left = names(h.emulator.arnsTagged(owner));
    assertThat(left).hasSize(switch (step) {
      case "CreateModel" -> 0;
      case "CreateEndpointConfig" -> 1;
      default -> 2;
    });
    assertThat(lower(named)).containsAll(left);

    h.client.resource(failed).delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> h.endpoint("half") == null);
    assertThat(h.emulator.arnsTagged(owner)).isEmpty();
  }

  @ParameterizedTest(name = "the fix changes the model: {0}")
  @ValueSource(booleans = {false, true})
  void aFixAfterAFailedConfigReusesOrDeletesTheModelsItMadeAndDuplicatesNothing(
      boolean newModel) {
    h = start();
    h.emulator.refuse("CreateEndpointConfig", r -> r.toString().contains("ml.m5.4xlarge"),
        "The instance type ml.m5.4xlarge is not available to this account.");
    ModelEndpoint ep = explicitEndpoint("fix");
    ep.getSpec().instanceType = "ml.m5.4xlarge";
    h.apply(ep);
    ModelEndpoint failed = h.awaitEndpoint("fix", e -> e.getStatus() != null
        && "Error".equals(e.getStatus().phase));
    List<String> firstModels = failed.getStatus().rollout.targetModelNames;
    Map<String, String> owner = ownerTags(failed);
    assertThat(names(h.emulator.arnsTagged(owner))).containsExactlyElementsOf(lower(firstModels));

    h.editEndpoint("fix", e -> {
      e.getSpec().instanceType = "ml.m5.large";
      if (newModel) {
        e.getSpec().environment.put("SAGEMAKER_MODEL_SERVER_WORKERS", "2");
      }
      return e;
    });
    ModelEndpoint ready = h.awaitEndpointReady("fix");

    var status = ready.getStatus();
    List<String> wanted = new ArrayList<>(status.modelNames);
    wanted.add(status.endpointConfigName);
    wanted.add(status.endpointName);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        names(h.emulator.arnsTagged(owner))).containsExactlyInAnyOrderElementsOf(lower(wanted)));
    if (newModel) {
      assertThat(status.modelNames).doesNotContainAnyElementsOf(firstModels);
    } else {
      assertThat(status.modelNames).isEqualTo(firstModels);
    }
  }

  @Test
  void aModelNameHeldByAnotherOwnerIsAConflictAndIsNeitherAdoptedNorDeleted() {
    String model = heldBeforeItsFirstCreate("clash").getStatus().rollout.targetModelNames.get(0);
    try (SageMakerClient sageMaker = AwsTestClients.sageMaker(h.emulator.endpoint())) {
      sageMaker.createModel(b -> b.modelName(model)
          .executionRoleArn("arn:aws:iam::111122223333:role/other-team")
          .primaryContainer(c -> c.image("111122223333.dkr.ecr.us-east-1.amazonaws.com/x:1"))
          .tags(tags(FOREIGN)));
    }
    ModelEndpoint conflict = retriedIntoANameConflict("clash");
    String message = "a SageMaker model named " + model + " already exists and is not owned by"
        + " this resource (its secureml.dev/ ownership tags differ); it is left untouched";
    assertThat(Conditions.find(conflict.getStatus().conditions, Conditions.STALLED)
        .orElseThrow().getMessage()).isEqualTo(message);
    assertThat(h.eventsFor("clash")).anySatisfy(e -> {
      assertThat(e.getType()).isEqualTo("Warning");
      assertThat(e.getReason()).isEqualTo("NameConflict");
      assertThat(e.getMessage()).isEqualTo(message);
    });
    assertThat(h.emulator.journal().operations("SageMaker.CreateEndpointConfig")).isEmpty();

    h.client.resource(conflict).delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> h.endpoint("clash") == null);
    assertThat(names(h.emulator.arnsTagged(FOREIGN))).containsExactly(model.toLowerCase());
    assertThat(h.emulator.arnsTagged(ownerTags(conflict))).isEmpty();
    assertThat(h.emulator.journal().operations("SageMaker.AddTags")).isEmpty();
    assertThat(h.emulator.journal().operations("SageMaker.DeleteModel"))
        .noneSatisfy(e -> assertThat(e.request().path("ModelName").asText()).isEqualTo(model));
  }

  @Test
  void anEndpointNameHeldByAnotherOwnerIsAConflictAndIsNeitherUsedNorDeleted() {
    String endpoint = heldBeforeItsFirstCreate("squat").getStatus().endpointName;
    try (SageMakerClient sageMaker = AwsTestClients.sageMaker(h.emulator.endpoint())) {
      sageMaker.createModel(b -> b.modelName("theirs")
          .executionRoleArn("arn:aws:iam::111122223333:role/other-team")
          .primaryContainer(c -> c.image("111122223333.dkr.ecr.us-east-1.amazonaws.com/x:1")));
      sageMaker.createEndpointConfig(b -> b.endpointConfigName("theirs").productionVariants(
          v -> v.variantName("AllTraffic").modelName("theirs").instanceType("ml.m5.large")
              .initialInstanceCount(1)));
      sageMaker.createEndpoint(b -> b.endpointName(endpoint).endpointConfigName("theirs")
          .tags(tags(FOREIGN)));
    }
    ModelEndpoint conflict = retriedIntoANameConflict("squat");
    assertThat(Conditions.find(conflict.getStatus().conditions, Conditions.STALLED)
        .orElseThrow().getMessage()).startsWith("a SageMaker endpoint named " + endpoint + " ");

    h.client.resource(conflict).delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> h.endpoint("squat") == null);
    assertThat(names(h.emulator.arnsTagged(FOREIGN))).containsExactly(endpoint.toLowerCase());
    assertThat(h.emulator.journal().operations("SageMaker.DeleteEndpoint")).isEmpty();
    assertThat(h.emulator.journal().operations("SageMaker.UpdateEndpoint")).isEmpty();
    assertThat(h.emulator.journal().operations(
        "ApplicationAutoScaling.DeregisterScalableTarget")).isEmpty();
    assertThat(h.emulator.arnsTagged(ownerTags(conflict))).isEmpty();
  }

  /**
   * An endpoint whose first CreateModel was refused: status has its names and SageMaker has
   * nothing of it, so a test can take a name first. It is not tried again until its spec changes.
   */
  private ModelEndpoint heldBeforeItsFirstCreate(String name) {
    h = start();
    h.emulator.refuse("CreateModel", r -> true, "refused until the name is taken");
    h.apply(explicitEndpoint(name));
    ModelEndpoint held = h.awaitEndpoint(name, e -> e.getStatus() != null
        && "Error".equals(e.getStatus().phase));
    h.emulator.clearRefusals();
    return held;
  }

  /** A new generation with the same names, which finds one of them taken. */
  private ModelEndpoint retriedIntoANameConflict(String name) {
    h.editEndpoint(name, e -> {
      e.getSpec().instanceCount = 2;
      return e;
    });
    return h.awaitEndpoint(name, e -> Conditions.find(e.getStatus().conditions,
        Conditions.STALLED).filter(c -> "NameConflict".equals(c.getReason())).isPresent());
  }

  static Map<String, String> ownerTags(ModelEndpoint ep) {
    return OwnershipTags.of(ep.getMetadata().getNamespace(), ep.getMetadata().getName(),
        ep.getMetadata().getUid());
  }

  /** The resource type of each ARN: model, endpoint-config, endpoint, ... */
  static List<String> kinds(List<String> arns) {
    return arns.stream().map(a -> a.substring(a.lastIndexOf(':') + 1, a.indexOf('/')))
        .toList();
  }

  private static List<String> lower(List<String> names) {
    return names.stream().map(String::toLowerCase).toList();
  }

  /** The resource name of each ARN (SageMaker ARNs carry it in lower case). */
  static List<String> names(List<String> arns) {
    return arns.stream().map(a -> a.substring(a.indexOf('/') + 1)).toList();
  }

  private static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }
}
