package dev.secureml.operator.controller;

import static dev.secureml.operator.controller.ModelEndpointOwnershipTest.names;
import static dev.secureml.operator.local.sandbox.TestManifests.explicitEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.local.emulator.JournalEntry;
import dev.secureml.operator.sagemaker.HostingPlan;
import dev.secureml.operator.sagemaker.LegacyNames;
import dev.secureml.operator.sagemaker.OwnershipTags;
import dev.secureml.operator.sagemaker.SdkJson;
import dev.secureml.operator.sagemaker.VariantCapacity;
import dev.secureml.operator.testsupport.AwsTestClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * An endpoint the previous release deployed serves a config and Model named the old way
 * (without the uid in their hash). After the upgrade it keeps them when it owns them, with no
 * blue/green update; when they carry another endpoint's tags (the old release could share them)
 * it moves onto its own and leaves the other's alone.
 */
class UpgradeFromLegacyNamesTest {
  private OperatorHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void anEndpointServingItsOwnLegacyConfigKeepsItAndDeletesItWhenDeleted() throws Exception {
    HostingPlan legacy = deployedByThePreviousRelease(null);

    ModelEndpoint after = h.awaitEndpointReady("old");
    Thread.sleep(1500); // several polling rounds
    assertThat(h.endpoint("old").getStatus().endpointConfigName)
        .isEqualTo(legacy.endpointConfigName());
    assertThat(h.endpoint("old").getStatus().modelNames).isEqualTo(legacy.modelNames());
    for (String call : List.of("UpdateEndpoint", "CreateModel", "CreateEndpointConfig",
        "DeleteModel", "DeleteEndpointConfig")) {
      assertThat(h.emulator.journal().operations("SageMaker." + call)).as(call).isEmpty();
    }

    h.client.resource(after).delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> h.endpoint("old") == null);
    assertThat(h.emulator.arnsTagged(ModelEndpointOwnershipTest.ownerTags(after))).isEmpty();
  }

  @Test
  void anEndpointServingAnotherEndpointsLegacyConfigMovesOntoItsOwnAndLeavesTheOthers()
      throws Exception {
    Map<String, String> other = OwnershipTags.of("fraud-models", "old-twin",
        "7e7e7e7e-0000-4000-8000-000000000000");
    HostingPlan legacy = deployedByThePreviousRelease(other);

    ModelEndpoint moved = h.awaitEndpoint("old", e -> "InService".equals(e.getStatus().phase)
        && !legacy.endpointConfigName().equals(e.getStatus().endpointConfigName));
    assertThat(moved.getStatus().modelNames).doesNotContainAnyElementsOf(legacy.modelNames());
    assertThat(h.emulator.journal().operations("SageMaker.UpdateEndpoint")).hasSize(1);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(h.eventsFor("old"))
        .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("NotOwned")));
    assertThat(names(h.emulator.arnsTagged(other))).containsExactlyInAnyOrder(
        legacy.endpointConfigName().toLowerCase(), legacy.modelNames().get(0).toLowerCase());
    assertThat(h.emulator.journal().operations("SageMaker.DeleteModel")).isEmpty();
    assertThat(h.emulator.journal().operations("SageMaker.DeleteEndpointConfig")).isEmpty();
  }

  /**
   * Deploys an endpoint, then puts SageMaker and its status where the previous release would
   * have left them: serving a config and Model under their legacy names, tagged for {@code
   * owner} (null: the endpoint itself). Restarts the operator with a clean journal.
   */
  private HostingPlan deployedByThePreviousRelease(Map<String, String> owner) throws Exception {
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(200)).withExamplePolicy();
    h.apply(explicitEndpoint("old"));
    ModelEndpoint ready = h.awaitEndpointReady("old");
    h.stopOperator();
    var status = ready.getStatus();
    CreateModelRequest model = SdkJson.fromJson(last("SageMaker.CreateModel"),
        CreateModelRequest.class);
    CreateEndpointConfigRequest config = SdkJson.fromJson(last("SageMaker.CreateEndpointConfig"),
        CreateEndpointConfigRequest.class);
    HostingPlan legacy = LegacyNames.hostingPlan(new HostingPlan(status.endpointName,
        List.of(new HostingPlan.Variant("AllTraffic", model.modelName(), model, "ml.m5.large", 1,
            1.0)), config.endpointConfigName(), config,
        List.of(new VariantCapacity("AllTraffic", 1, 1.0)), model.tags()));
    List<Tag> tags = owner == null ? model.tags() : owner.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    try (SageMakerClient sageMaker = AwsTestClients.sageMaker(h.emulator.endpoint())) {
      sageMaker.createModel(legacy.variants().get(0).model().toBuilder().tags(tags).build());
      sageMaker.createEndpointConfig(legacy.endpointConfig().toBuilder().tags(tags).build());
      sageMaker.updateEndpoint(b -> b.endpointName(status.endpointName)
          .endpointConfigName(legacy.endpointConfigName()));
      await().atMost(Duration.ofSeconds(20)).until(() -> "InService".equals(sageMaker
          .describeEndpoint(b -> b.endpointName(status.endpointName)).endpointStatusAsString()));
      sageMaker.deleteEndpointConfig(b -> b.endpointConfigName(config.endpointConfigName()));
      sageMaker.deleteModel(b -> b.modelName(model.modelName()));
    }
    ModelEndpoint recorded = h.endpoint("old");
    recorded.getStatus().endpointConfigName = legacy.endpointConfigName();
    recorded.getStatus().targetEndpointConfigName = legacy.endpointConfigName();
    recorded.getStatus().modelNames = legacy.modelNames();
    recorded.getStatus().targetModelNames = legacy.modelNames();
    h.client.resource(recorded).updateStatus();
    h.emulator.journal().clear();
    h.startOperator();
    return legacy;
  }

  private JsonNode last(String target) {
    List<JsonNode> all = h.emulator.journal().operations(target).stream()
        .filter(JournalEntry::succeeded).map(JournalEntry::request).toList();
    return all.get(all.size() - 1);
  }
}
