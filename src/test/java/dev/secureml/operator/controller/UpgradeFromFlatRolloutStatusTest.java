package dev.secureml.operator.controller;

import static dev.secureml.operator.controller.ModelEndpointOwnershipTest.names;
import static dev.secureml.operator.controller.ModelEndpointOwnershipTest.ownerTags;
import static dev.secureml.operator.local.sandbox.TestManifests.explicitEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.secureml.operator.api.EndpointRollout;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.local.emulator.JournalEntry;
import dev.secureml.operator.testsupport.AwsTestClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * An endpoint whose status an earlier release wrote, with the rollout bookkeeping at the top of
 * the status: after the upgrade the values live in status.rollout, the old fields are gone, the
 * endpoint converges without redoing what was done, and deleting it leaves nothing behind.
 */
@SuppressWarnings("deprecation") // writing the old fields is the point
class UpgradeFromFlatRolloutStatusTest {
  private static final List<String> FLAT_FIELDS = List.of("targetEndpointConfigName",
      "targetGeneration", "targetModelNames", "retiredEndpointConfigs", "retiredModels",
      "failedGeneration", "autoscaledVariants", "autoscalingSignature", "appliedTags");

  private OperatorHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void flatRolloutFieldsMoveIntoRolloutStayAsItsCopyAndNothingTheyNameIsOrphaned() {
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(200)).withExamplePolicy();
    ModelEndpoint ep = explicitEndpoint("flat");
    ep.getSpec().autoscaling = new ModelEndpointSpec.Autoscaling();
    ep.getSpec().autoscaling.minInstances = 1;
    ep.getSpec().autoscaling.maxInstances = 3;
    ep.getSpec().autoscaling.targetInvocationsPerInstance = 100;
    h.apply(ep);
    ModelEndpoint ready = h.awaitEndpointReady("flat");
    EndpointRollout before = ready.getStatus().rollout;
    Map<String, String> owner = ownerTags(ready);
    h.stopOperator();
    writtenByAnEarlierRelease(ready, owner);
    assertThat(rawStatus()).containsKeys("targetEndpointConfigName", "targetModelNames",
        "retiredEndpointConfigs", "retiredModels", "autoscaledVariants", "autoscalingSignature",
        "appliedTags").doesNotContainKey("rollout");

    h.emulator.journal().clear();
    h.startOperator();

    var status = ready.getStatus();
    List<String> serving = new ArrayList<>(status.modelNames);
    serving.add(status.endpointConfigName);
    serving.add(status.endpointName);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      // status.rollout is the truth now; the flat fields stay as its copy for one release.
      Map<String, Object> raw = rawStatus();
      assertThat(raw).containsKeys("rollout", "targetEndpointConfigName", "appliedTags");
      @SuppressWarnings("unchecked")
      Map<String, Object> rollout = (Map<String, Object>) raw.get("rollout");
      FLAT_FIELDS.forEach(f -> assertThat(orNull(raw.get(f))).as(f)
          .isEqualTo(orNull(rollout.get(f))));
      assertThat(names(h.emulator.arnsTagged(owner))).containsExactlyInAnyOrderElementsOf(
          serving.stream().map(String::toLowerCase).toList());
    });
    EndpointRollout after = h.awaitEndpointReady("flat").getStatus().rollout;
    assertThat(after.autoscaledVariants).isEqualTo(before.autoscaledVariants);
    assertThat(after.autoscalingSignature).isEqualTo(before.autoscalingSignature);
    assertThat(after.appliedTags).isEqualTo(before.appliedTags);
    assertThat(after.targetEndpointConfigName).isEqualTo(status.endpointConfigName);
    assertThat(after.retiredEndpointConfigs).isEmpty();
    assertThat(after.retiredModels).isEmpty();
    for (String call : List.of("SageMaker.CreateModel", "SageMaker.UpdateEndpoint",
        "SageMaker.AddTags", "ApplicationAutoScaling.RegisterScalableTarget")) {
      assertThat(h.emulator.journal().operations(call)).as(call).isEmpty();
    }

    h.client.resource(h.endpoint("flat")).delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> h.endpoint("flat") == null);
    assertThat(h.emulator.arnsTagged(owner)).isEmpty();
    // A later cleanup pass may ask again from a cached status; SageMaker says not found then.
    assertThat(h.emulator.journal().operations("ApplicationAutoScaling.DeregisterScalableTarget")
        .stream().filter(JournalEntry::succeeded)).hasSize(1);
  }

  /**
   * The status as the release before status.rollout wrote it, mid-way through collecting a
   * config and Model an update replaced (both still in SageMaker, owned by the endpoint).
   */
  private void writtenByAnEarlierRelease(ModelEndpoint ready, Map<String, String> owner) {
    List<Tag> tags = owner.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    try (SageMakerClient sageMaker = AwsTestClients.sageMaker(h.emulator.endpoint())) {
      sageMaker.createModel(b -> b.modelName("flat-replaced-model")
          .executionRoleArn("arn:aws:iam::111122223333:role/fraud-sagemaker-execution")
          .primaryContainer(c -> c.image(
              "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/xgboost:1.7-1"))
          .tags(tags));
      sageMaker.createEndpointConfig(b -> b.endpointConfigName("flat-replaced-config")
          .productionVariants(v -> v.variantName("AllTraffic").modelName("flat-replaced-model")
              .instanceType("ml.m5.large").initialInstanceCount(1))
          .tags(tags));
    }
    ModelEndpoint old = h.endpoint("flat");
    ModelEndpointStatus s = old.getStatus();
    EndpointRollout r = s.rollout;
    s.targetEndpointConfigName = r.targetEndpointConfigName;
    s.targetGeneration = r.targetGeneration;
    s.targetModelNames = r.targetModelNames;
    s.retiredEndpointConfigs = List.of("flat-replaced-config");
    s.retiredModels = List.of("flat-replaced-model");
    s.failedGeneration = r.failedGeneration;
    s.autoscaledVariants = r.autoscaledVariants;
    s.autoscalingSignature = r.autoscalingSignature;
    s.appliedTags = r.appliedTags;
    s.rollout = null;
    h.client.resource(old).updateStatus();
  }

  /** Empty lists and maps are not written; they read back as absent. */
  private static Object orNull(Object value) {
    boolean empty = value instanceof java.util.Collection<?> c && c.isEmpty()
        || value instanceof Map<?, ?> m && m.isEmpty();
    return empty ? null : value;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> rawStatus() {
    var raw = h.client.genericKubernetesResources("secureml.dev/v1alpha1", "ModelEndpoint")
        .inNamespace(h.endpoint("flat").getMetadata().getNamespace()).withName("flat").get();
    return (Map<String, Object>) raw.getAdditionalProperties().get("status");
  }
}
