package dev.secureml.operator.controller;

import static dev.secureml.operator.local.sandbox.TestManifests.compliantJob;
import static dev.secureml.operator.local.sandbox.TestManifests.exampleEndpoint;
import static dev.secureml.operator.local.sandbox.TestManifests.explicitEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.DeletionPolicy;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.local.emulator.JournalEntry;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ModelEndpoint controller end to end: embedded API server + AWS emulator. */
class ModelEndpointControllerTest {
  private static final String KEY =
      "arn:aws:kms:us-east-1:111122223333:key/9999ffff-8888-eeee-7777-dddd6666cccc";
  private static final String GOOD_IMAGE =
      "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/xgboost:1.7-1";

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
  void fromTrainingJobWaitsForTheJobThenDeploysWithThePolicysSettings() {
    h = start();
    h.apply(exampleEndpoint("ep"));
    h.awaitEndpoint("ep", e -> e.getStatus() != null
        && "WaitingForTrainingJob".equals(e.getStatus().phase));
    h.apply(compliantJob("bank-failure-xgb"));

    ModelEndpoint ready = h.awaitEndpointReady("ep");

    var status = ready.getStatus();
    String artifacts = h.job("bank-failure-xgb").getStatus().modelArtifacts;
    assertThat(status.endpointName).matches("fraud-models-ep-[0-9a-f]{12}");
    assertThat(status.invocationUrl).isEqualTo("https://runtime.sagemaker.us-east-1.amazonaws.com"
        + "/endpoints/" + status.endpointName + "/invocations");
    assertThat(status.variants).singleElement().satisfies(v -> {
      assertThat(v.name).isEqualTo("AllTraffic");
      assertThat(v.currentInstanceCount).isEqualTo(2);
    });
    assertThat(status.rollout.autoscaledVariants).containsExactly("AllTraffic");
    assertThat(condition(ready, Conditions.READY).getStatus()).isEqualTo("True");
    assertThat(h.eventReasons("ep")).contains("Creating", "InService");

    JsonNode model = single("SageMaker.CreateModel");
    assertThat(model.path("ExecutionRoleArn").asText())
        .isEqualTo("arn:aws:iam::111122223333:role/fraud-sagemaker-execution");
    assertThat(model.path("EnableNetworkIsolation").asBoolean()).isTrue();
    assertThat(model.path("VpcConfig").path("Subnets").size()).isEqualTo(2);
    assertThat(model.path("VpcConfig").path("SecurityGroupIds").get(0).asText())
        .isEqualTo("sg-0c1d2e3f");
    assertThat(model.path("PrimaryContainer").path("ModelDataUrl").asText()).isEqualTo(artifacts);
    JsonNode config = single("SageMaker.CreateEndpointConfig");
    assertThat(config.path("KmsKeyId").asText()).isEqualTo(KEY);
    assertThat(config.path("DataCaptureConfig").path("KmsKeyId").asText()).isEqualTo(KEY);
    assertThat(config.path("DataCaptureConfig").path("DestinationS3Uri").asText())
        .isEqualTo("s3://fraud-models/capture/");
    // Registering is idempotent: a pass that starts from a cached copy older than the status
    // write may send the same registration again, never a different one.
    JsonNode target = sameEveryTime("ApplicationAutoScaling.RegisterScalableTarget");
    assertThat(target.path("MinCapacity").asInt()).isEqualTo(2);
    assertThat(target.path("MaxCapacity").asInt()).isEqualTo(6);
    assertThat(target.path("ResourceId").asText())
        .isEqualTo("endpoint/" + status.endpointName + "/variant/AllTraffic");
    JsonNode policy = sameEveryTime("ApplicationAutoScaling.PutScalingPolicy");
    assertThat(policy.path("TargetTrackingScalingPolicyConfiguration").path("TargetValue")
        .asDouble()).isEqualTo(200.0);
  }

  @Test
  void blueGreenUpdateMovesToANewConfigAndDeletesTheOldConfigAndModel() {
    h = start();
    h.apply(explicitEndpoint("bg"));
    ModelEndpoint first = h.awaitEndpointReady("bg");
    String oldConfig = first.getStatus().endpointConfigName;
    List<String> oldModels = first.getStatus().modelNames;

    h.editEndpoint("bg", e -> {
      e.getSpec().environment.put("SAGEMAKER_MODEL_SERVER_WORKERS", "2");
      return e;
    });
    ModelEndpoint second = h.awaitEndpoint("bg", e -> e.getStatus().deployedGeneration != null
        && e.getStatus().deployedGeneration.equals(e.getMetadata().getGeneration())
        && !oldConfig.equals(e.getStatus().endpointConfigName));

    assertThat(requests("SageMaker.UpdateEndpoint")).singleElement().satisfies(r ->
        assertThat(r.path("EndpointConfigName").asText())
            .isEqualTo(second.getStatus().endpointConfigName));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(texts("SageMaker.DeleteEndpointConfig", "EndpointConfigName"))
          .containsExactly(oldConfig);
      assertThat(texts("SageMaker.DeleteModel", "ModelName"))
          .containsExactlyInAnyOrderElementsOf(oldModels);
    });
    assertThat(h.eventReasons("bg")).contains("Updating", "GarbageCollected");
  }

  @Test
  void weightOnlyChangeUsesUpdateEndpointWeightsAndCapacitiesAndNoNewConfig() {
    h = start();
    ModelEndpoint ep = explicitEndpoint("ab");
    ep.getSpec().instanceType = null;
    ep.getSpec().variants = List.of(variant("blue", 1.0), variant("green", 1.0));
    h.apply(ep);
    h.awaitEndpointReady("ab");

    h.editEndpoint("ab", e -> {
      e.getSpec().variants.get(1).weight = 0.25;
      return e;
    });
    ModelEndpoint done = h.awaitEndpoint("ab", e -> e.getStatus().variants.stream()
        .anyMatch(v -> "green".equals(v.name) && v.currentWeight != null
            && Math.abs(v.currentWeight - 0.25) < 1e-9)
        && e.getMetadata().getGeneration().equals(e.getStatus().deployedGeneration));

    assertThat(requests("SageMaker.UpdateEndpointWeightsAndCapacities")).hasSize(1);
    assertThat(requests("SageMaker.CreateEndpointConfig")).hasSize(1);
    assertThat(requests("SageMaker.UpdateEndpoint")).isEmpty();
    assertThat(condition(done, Conditions.READY).getStatus()).isEqualTo("True");
  }

  @Test
  void failedUpdateIsStalledIsNotRetriedAndANewSpecRecovers() throws Exception {
    h = start();
    h.apply(explicitEndpoint("roll"));
    String goodConfig = h.awaitEndpointReady("roll").getStatus().endpointConfigName;

    h.editEndpoint("roll", e -> {
      e.getSpec().model.image = GOOD_IMAGE.replace("1.7-1", "1.7-fail");
      return e;
    });
    ModelEndpoint stalled = h.awaitEndpoint("roll", e -> "UpdateFailed".equals(
        condition(e, Conditions.STALLED).getReason()));
    assertThat(stalled.getStatus().endpointConfigName).isEqualTo(goodConfig);
    assertThat(condition(stalled, Conditions.STALLED).getMessage()).contains("keeps serving");
    assertThat(stalled.getStatus().failureReason).isNotBlank();
    Thread.sleep(1500); // several polling rounds: the same spec must not be tried again
    assertThat(requests("SageMaker.UpdateEndpoint")).hasSize(1);

    h.editEndpoint("roll", e -> {
      e.getSpec().model.image = GOOD_IMAGE.replace("1.7-1", "1.7-2");
      return e;
    });
    ModelEndpoint recovered = h.awaitEndpointReady("roll");
    assertThat(recovered.getStatus().endpointConfigName).isNotEqualTo(goodConfig);
    assertThat(requests("SageMaker.UpdateEndpoint")).hasSize(2);
    assertThat(condition(recovered, Conditions.STALLED).getStatus()).isEqualTo("False");
  }

  @Test
  void aChangeWhileTheEndpointIsUpdatingWaitsInsteadOfCallingUpdate() {
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(40)).withExamplePolicy();
    h.apply(explicitEndpoint("busy"));
    h.awaitEndpointReady("busy");
    h.editEndpoint("busy", e -> {
      e.getSpec().environment.put("STEP", "1");
      return e;
    });
    h.awaitEndpoint("busy", e -> "Updating".equals(e.getStatus().phase));

    h.editEndpoint("busy", e -> {
      e.getSpec().environment.put("STEP", "2");
      return e;
    });
    ModelEndpoint done = h.awaitEndpointReady("busy");

    assertThat(h.emulator.journal().operations("SageMaker.UpdateEndpoint"))
        .allSatisfy(e -> assertThat(e.errorCode()).isNull())
        .hasSize(2);
    assertThat(done.getStatus().endpointConfigName)
        .isEqualTo(lastRequest("SageMaker.UpdateEndpoint").path("EndpointConfigName").asText());
  }

  @Test
  void failedTrainingJobStallsTheEndpoint() {
    h = start();
    var job = compliantJob("bad-job");
    job.getSpec().image = GOOD_IMAGE.replace("1.7-1", "1.7-fail");
    h.apply(job);
    ModelEndpoint ep = exampleEndpoint("from-bad");
    ep.getSpec().model.fromTrainingJob = "bad-job";
    h.apply(ep);

    ModelEndpoint stalled = h.awaitEndpoint("from-bad", e -> "TrainingJobFailed".equals(
        condition(e, Conditions.STALLED).getReason()));
    assertThat(condition(stalled, Conditions.STALLED).getMessage()).contains("bad-job");
    assertThat(requests("SageMaker.CreateModel")).isEmpty();
  }

  @Test
  void recreatedSourceJobKeepsTheEndpointServingUntilItsNewArtifactsRollOut() {
    // Slow enough that the re-created job is seen running.
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(40)).withExamplePolicy();
    h.apply(compliantJob("src"));
    ModelEndpoint ep = exampleEndpoint("held");
    ep.getSpec().model.fromTrainingJob = "src";
    h.apply(ep);
    String config = h.awaitEndpointReady("held").getStatus().endpointConfigName;
    String oldArtifacts = h.job("src").getStatus().modelArtifacts;

    h.client.resource(h.job("src")).delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> h.job("src") == null);
    ModelEndpoint absent = h.awaitEndpoint("held", e -> readyMessage(e)
        .endsWith("serving the last deployed model while SecureTrainingJob src is absent"));
    assertServing(absent, config);

    // The other steps keep running: a tag edit reaches SageMaker.
    h.editEndpoint("held", e -> {
      e.getSpec().tags.put("owner", "risk-team");
      return e;
    });
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
        requests("SageMaker.AddTags")).anySatisfy(r ->
            assertThat(tagMap(r)).containsEntry("owner", "risk-team")));

    h.apply(compliantJob("src"));
    ModelEndpoint running = h.awaitEndpoint("held", e -> readyMessage(e)
        .contains("while SecureTrainingJob src is ") && !readyMessage(e).endsWith("absent"));
    assertServing(running, config);
    assertThat(h.job("src").getStatus().phase).isNotEqualTo("Completed");
    assertThat(requests("SageMaker.UpdateEndpoint")).isEmpty();
    assertThat(requests("SageMaker.DeleteEndpointConfig")).isEmpty();
    assertThat(requests("SageMaker.DeleteModel")).isEmpty();

    String newArtifacts = h.awaitPhase("src", "Completed").getStatus().modelArtifacts;
    assertThat(newArtifacts).isNotEqualTo(oldArtifacts);
    ModelEndpoint rolled = h.awaitEndpoint("held", e -> "InService".equals(e.getStatus().phase)
        && e.getMetadata().getGeneration().equals(e.getStatus().deployedGeneration)
        && !config.equals(e.getStatus().endpointConfigName));
    assertThat(requests("SageMaker.UpdateEndpoint")).singleElement().satisfies(r ->
        assertThat(r.path("EndpointConfigName").asText())
            .isEqualTo(rolled.getStatus().endpointConfigName));
    assertThat(lastRequest("SageMaker.CreateModel").path("PrimaryContainer")
        .path("ModelDataUrl").asText()).isEqualTo(newArtifacts);
    assertThat(readyMessage(rolled)).doesNotContain("last deployed model");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        texts("SageMaker.DeleteEndpointConfig", "EndpointConfigName")).containsExactly(config));
  }

  @Test
  void failedSourceJobWhileServingKeepsServingWithOneWarning() throws Exception {
    h = start();
    h.apply(compliantJob("src"));
    ModelEndpoint ep = exampleEndpoint("held");
    ep.getSpec().model.fromTrainingJob = "src";
    h.apply(ep);
    String config = h.awaitEndpointReady("held").getStatus().endpointConfigName;

    h.client.resource(h.job("src")).delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> h.job("src") == null);
    var bad = compliantJob("src");
    bad.getSpec().image = GOOD_IMAGE.replace("1.7-1", "1.7-fail");
    h.apply(bad);
    h.awaitPhase("src", "Failed");

    ModelEndpoint held = h.awaitEndpoint("held", e -> readyMessage(e)
        .contains("while SecureTrainingJob src is Failed"));
    Thread.sleep(1500); // several polling rounds: the Warning must not repeat
    assertServing(h.endpoint("held"), config);
    assertThat(condition(held, Conditions.STALLED).getStatus()).isEqualTo("False");
    assertThat(h.eventsFor("held")).filteredOn(e -> "TrainingJobFailed".equals(e.getReason()))
        .singleElement().satisfies(e -> {
          assertThat(e.getType()).isEqualTo("Warning");
          assertThat(e.getMessage()).contains("keeps serving the last deployed model");
        });
    assertThat(requests("SageMaker.UpdateEndpoint")).isEmpty();
    assertThat(requests("SageMaker.DeleteModel")).isEmpty();
  }

  @Test
  void endpointOutsidePolicyIsRejectedAndNothingIsCreated() {
    h = start();
    ModelEndpoint ep = explicitEndpoint("big");
    ep.getSpec().instanceType = "ml.p4d.24xlarge";
    h.apply(ep);

    ModelEndpoint rejected = h.awaitEndpoint("big", e -> e.getStatus() != null
        && "Rejected".equals(e.getStatus().phase));
    assertThat(condition(rejected, Conditions.STALLED).getMessage())
        .contains("ml.p4d.24xlarge");
    assertThat(requests("SageMaker.CreateModel")).isEmpty();
  }

  @Test
  void deleteRemovesAutoscalingEndpointConfigsAndModels() {
    h = start();
    ModelEndpoint ep = explicitEndpoint("gone");
    ep.getSpec().autoscaling = new ModelEndpointSpec.Autoscaling();
    ep.getSpec().autoscaling.minInstances = 1;
    ep.getSpec().autoscaling.maxInstances = 3;
    ep.getSpec().autoscaling.targetInvocationsPerInstance = 100;
    h.apply(ep);
    ModelEndpoint ready = h.awaitEndpointReady("gone");

    h.client.resource(ready).delete();

    await().atMost(Duration.ofSeconds(30)).until(() -> h.endpoint("gone") == null);
    assertThat(requests("ApplicationAutoScaling.DeregisterScalableTarget")).hasSize(1);
    assertThat(texts("SageMaker.DeleteEndpoint", "EndpointName"))
        .containsExactly(ready.getStatus().endpointName);
    assertThat(texts("SageMaker.DeleteEndpointConfig", "EndpointConfigName"))
        .containsExactly(ready.getStatus().endpointConfigName);
    assertThat(ready.getStatus().modelNames).isNotEmpty();
    assertThat(texts("SageMaker.DeleteModel", "ModelName"))
        .containsExactlyElementsOf(ready.getStatus().modelNames);
  }

  @Test
  void endpointsCreatedTogetherDeleteEveryModelAndConfigTheyCreated() {
    h = start();
    List<String> names = List.of("m1", "m2", "m3", "m4");
    names.forEach(n -> h.apply(explicitEndpoint(n)));
    List<ModelEndpoint> ready = names.stream().map(h::awaitEndpointReady).toList();
    assertThat(ready).allSatisfy(e -> assertThat(e.getStatus().modelNames).isNotEmpty());

    ready.forEach(e -> h.client.resource(e).delete());

    await().atMost(Duration.ofSeconds(30))
        .until(() -> names.stream().allMatch(n -> h.endpoint(n) == null));
    assertThat(texts("SageMaker.DeleteModel", "ModelName"))
        .containsExactlyInAnyOrderElementsOf(texts("SageMaker.CreateModel", "ModelName"));
    assertThat(texts("SageMaker.DeleteEndpointConfig", "EndpointConfigName"))
        .containsExactlyInAnyOrderElementsOf(
            texts("SageMaker.CreateEndpointConfig", "EndpointConfigName"));
  }

  @Test
  void retainLeavesTheEndpointAndItsParts() {
    h = start();
    ModelEndpoint ep = explicitEndpoint("keep");
    ep.getSpec().deletionPolicy = DeletionPolicy.Retain;
    h.apply(ep);
    ModelEndpoint ready = h.awaitEndpointReady("keep");

    h.client.resource(ready).delete();

    await().atMost(Duration.ofSeconds(20)).until(() -> h.endpoint("keep") == null);
    assertThat(requests("SageMaker.DeleteEndpoint")).isEmpty();
    assertThat(requests("SageMaker.DeleteEndpointConfig")).isEmpty();
    assertThat(requests("SageMaker.DeleteModel")).isEmpty();
  }

  @Test
  void tagEditsReachSageMaker() {
    h = start();
    h.apply(explicitEndpoint("tagged"));
    ModelEndpoint ready = h.awaitEndpointReady("tagged");
    String arn = ready.getStatus().endpointArn;

    h.editEndpoint("tagged", e -> {
      e.getSpec().tags.remove("project");
      e.getSpec().tags.put("owner", "risk-team");
      return e;
    });

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(requests("SageMaker.AddTags")).anySatisfy(r -> {
        assertThat(r.path("ResourceArn").asText()).isEqualTo(arn);
        assertThat(tagMap(r)).containsEntry("owner", "risk-team");
      });
      assertThat(requests("SageMaker.DeleteTags")).anySatisfy(r -> {
        assertThat(r.path("ResourceArn").asText()).isEqualTo(arn);
        assertThat(r.path("TagKeys").get(0).asText()).isEqualTo("project");
      });
    });
    assertThat(requests("SageMaker.UpdateEndpoint")).isEmpty();
  }

  private static ModelEndpointSpec.Variant variant(String name, double weight) {
    var v = new ModelEndpointSpec.Variant();
    v.name = name;
    v.instanceType = "ml.m5.large";
    v.instanceCount = 1;
    v.weight = weight;
    return v;
  }

  private List<JsonNode> requests(String target) {
    return h.emulator.journal().operations(target).stream()
        .filter(JournalEntry::succeeded).map(JournalEntry::request).toList();
  }

  private JsonNode sameEveryTime(String target) {
    List<JsonNode> all = requests(target);
    assertThat(all).as(target).isNotEmpty();
    assertThat(java.util.Set.copyOf(all)).as(target).hasSize(1);
    return all.get(0);
  }

  private JsonNode single(String target) {
    List<JsonNode> all = requests(target);
    assertThat(all).as(target).hasSize(1);
    return all.get(0);
  }

  private JsonNode lastRequest(String target) {
    List<JsonNode> all = requests(target);
    return all.get(all.size() - 1);
  }

  private List<String> texts(String target, String field) {
    return requests(target).stream().map(r -> r.path(field).asText()).toList();
  }

  private static Map<String, String> tagMap(JsonNode request) {
    Map<String, String> map = new LinkedHashMap<>();
    request.path("Tags").forEach(t -> map.put(t.path("Key").asText(), t.path("Value").asText()));
    return map;
  }

  private static String readyMessage(ModelEndpoint ep) {
    String message = condition(ep, Conditions.READY).getMessage();
    return message == null ? "" : message;
  }

  /** InService and Ready on the given config, whatever its source job is doing. */
  private static void assertServing(ModelEndpoint ep, String config) {
    assertThat(ep.getStatus().phase).isEqualTo("InService");
    assertThat(condition(ep, Conditions.READY).getStatus()).isEqualTo("True");
    assertThat(ep.getStatus().endpointConfigName).isEqualTo(config);
  }

  private static Condition condition(ModelEndpoint ep, String type) {
    return ep.getStatus() == null ? new Condition(null, null, null, null, "Unknown", type)
        : Conditions.find(ep.getStatus().conditions, type)
            .orElse(new Condition(null, null, null, null, "Unknown", type));
  }
}
