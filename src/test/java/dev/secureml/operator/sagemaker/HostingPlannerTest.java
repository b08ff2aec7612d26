package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.policy.ResolvedHostingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Golden: endpoint.yaml + models.yaml + settings.yaml -> models.json (the CreateModel requests),
 * endpoint-config.json and endpoint.json, exactly as they go on the wire.
 */
class HostingPlannerTest {
  private static final String SUITE = "hosting";

  static Stream<String> cases() {
    return Golden.cases(SUITE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void plansTheGoldenRequests(String name) {
    HostingPlan plan = planFor(name);
    Path dir = Golden.ROOT.resolve(SUITE).resolve(name);

    ArrayNode models = Golden.JSON.createArrayNode();
    plan.models().values().forEach(m -> models.add(SdkJson.toJson(m)));
    Golden.assertMatches(models, dir.resolve("models.json"));
    Golden.assertMatches(SdkJson.toJson(plan.endpointConfig()),
        dir.resolve("endpoint-config.json"));
    Golden.assertMatches(SdkJson.toJson(HostingPlanner.createEndpoint(plan)),
        dir.resolve("endpoint.json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void namesAreConsistentAcrossThePlan(String name) {
    HostingPlan plan = planFor(name);

    ResourceOwner owner = ResourceOwner.of(endpoint(name).getMetadata());
    assertThat(plan.endpointConfig().endpointConfigName()).isEqualTo(plan.endpointConfigName());
    assertThat(plan.endpointConfigName()).isEqualTo(SageMakerNames.forPart(owner,
        SageMakerNames.Part.ENDPOINT_CONFIG, null,
        HostingPlan.endpointConfigContent(plan.endpointConfig())));
    plan.variants().forEach(v -> {
      assertThat(v.model().modelName()).isEqualTo(v.modelName());
      assertThat(v.modelName()).isEqualTo(SageMakerNames.forPart(owner,
          SageMakerNames.Part.MODEL, v.variantName(), HostingPlan.modelContent(v.model())));
    });
    assertThat(plan.capacities()).extracting(VariantCapacity::name)
        .isEqualTo(plan.variants().stream().map(HostingPlan.Variant::variantName).toList());
  }

  @Test
  void singleVariantIsAllTrafficWithItsCountAndWeightOne() {
    HostingPlan plan = planFor("single-variant");

    assertThat(plan.capacities()).containsExactly(new VariantCapacity("AllTraffic", 2, 1.0));
    assertThat(plan.variants()).singleElement().satisfies(v -> {
      assertThat(v.instanceType()).isEqualTo("ml.m5.large");
      assertThat(v.modelName())
          .matches("fraud-models-bank-failure-endpoint-AllTraffic-[0-9a-f]{12}");
    });
  }

  @Test
  void aChangeOfOnlyWeightsAndCountsKeepsEveryName() {
    HostingPlan before = planFor("canary-two-variants");
    HostingPlan after = planFor("canary-two-variants", spec -> {
      spec.variants.get(0).weight = 5.0;
      spec.variants.get(1).weight = 5.0;
      spec.variants.get(1).instanceCount = 4;
    });

    assertThat(after.endpointConfigName()).isEqualTo(before.endpointConfigName());
    assertThat(after.modelNames()).isEqualTo(before.modelNames());
    assertThat(after.capacities()).containsExactly(new VariantCapacity("blue", 3, 5.0),
        new VariantCapacity("canary", 4, 5.0));
    assertThat(after.endpointConfig()).isNotEqualTo(before.endpointConfig());
  }

  @Test
  void anImageChangeRenamesTheModelAndTheConfig() {
    HostingPlan before = planFor("canary-two-variants");
    Map<String, ResolvedModel> models = new LinkedHashMap<>(modelsFor("canary-two-variants"));
    models.put("canary", new ResolvedModel(
        "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/sklearn:1.4",
        "s3://mkt-models/churn/v2/model.tar.gz"));
    HostingPlan after = plan("canary-two-variants", e -> { }, models);

    assertThat(after.variants().get(0).modelName())
        .isEqualTo(before.variants().get(0).modelName());
    assertThat(after.variants().get(1).modelName())
        .isNotEqualTo(before.variants().get(1).modelName());
    assertThat(after.endpointConfigName()).isNotEqualTo(before.endpointConfigName());
  }

  @Test
  void anEnvironmentChangeRenamesEveryModel() {
    HostingPlan before = planFor("canary-two-variants");
    HostingPlan after = planFor("canary-two-variants", spec -> spec.environment.put("X", "1"));

    assertThat(after.modelNames()).doesNotContainAnyElementsOf(before.modelNames());
    assertThat(after.endpointConfigName()).isNotEqualTo(before.endpointConfigName());
  }

  @Test
  void anInstanceTypeOrCaptureChangeRenamesOnlyTheConfig() {
    HostingPlan before = planFor("canary-two-variants");
    HostingPlan type = planFor("canary-two-variants",
        spec -> spec.variants.get(1).instanceType = "ml.m5.xlarge");
    HostingPlan capture = planFor("canary-two-variants",
        spec -> spec.dataCapture.samplingPercentage = 50);

    assertThat(type.modelNames()).isEqualTo(before.modelNames());
    assertThat(type.endpointConfigName()).isNotEqualTo(before.endpointConfigName());
    assertThat(capture.endpointConfigName()).isNotEqualTo(before.endpointConfigName());
  }

  @Test
  void variantOrderKeepsEveryName() {
    HostingPlan before = planFor("canary-two-variants");
    HostingPlan after = planFor("canary-two-variants", spec -> {
      spec.variants = List.of(spec.variants.get(1), spec.variants.get(0));
    });

    assertThat(after.endpointConfigName()).isEqualTo(before.endpointConfigName());
    assertThat(after.modelNames()).containsExactlyInAnyOrderElementsOf(before.modelNames());
  }

  @Test
  void tagsAreNotContentSoATagEditKeepsEveryName() {
    HostingPlan plan = planFor("canary-two-variants");
    List<Tag> other = List.of(Tag.builder().key("owner").value("risk-team").build());
    var model = plan.variants().get(0).model();

    assertThat(HostingPlan.modelContent(model.toBuilder().tags(other).build()))
        .isEqualTo(HostingPlan.modelContent(model));
    assertThat(HostingPlan.endpointConfigContent(plan.endpointConfig().toBuilder().tags(other)
        .build())).isEqualTo(HostingPlan.endpointConfigContent(plan.endpointConfig()));
  }

  @Test
  void twoEndpointsWithTheSameSpecAndALongCommonPrefixShareNoPart() {
    String prefix = "fraud-scoring-endpoint-for-the-retail-banking-division-primary-";
    HostingPlan blue = plan("single-variant", e -> {
      e.getMetadata().setName(prefix + "blue");
      e.getMetadata().setUid("11111111-1111-4111-8111-111111111111");
    }, modelsFor("single-variant"));
    HostingPlan green = plan("single-variant", e -> {
      e.getMetadata().setName(prefix + "green");
      e.getMetadata().setUid("22222222-2222-4222-8222-222222222222");
    }, modelsFor("single-variant"));

    assertThat(blue.endpointConfigName()).isNotEqualTo(green.endpointConfigName());
    assertThat(blue.modelNames()).doesNotContainAnyElementsOf(green.modelNames());
    // Identical content: the hash of the owner is all that tells them apart.
    assertThat(HostingPlan.endpointConfigContent(blue.endpointConfig()))
        .isNotEqualTo(HostingPlan.endpointConfigContent(green.endpointConfig()));
    assertThat(HostingPlan.modelContent(blue.variants().get(0).model()))
        .isEqualTo(HostingPlan.modelContent(green.variants().get(0).model()));
  }

  @Test
  void aReCreatedEndpointOfTheSameNameGetsNewParts() {
    HostingPlan before = planFor("single-variant");
    HostingPlan again = plan("single-variant",
        e -> e.getMetadata().setUid("33333333-3333-4333-8333-333333333333"),
        modelsFor("single-variant"));

    assertThat(again.endpointConfigName()).isNotEqualTo(before.endpointConfigName());
    assertThat(again.modelNames()).doesNotContainAnyElementsOf(before.modelNames());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 20, 53, 54, 60, 63})
  void namesAreAlwaysValidSageMakerNames(int length) {
    String endpointName = "en-d".repeat(20).substring(0, length - 1) + "x";
    String longVariant = "v".repeat(40) + "-" + "w".repeat(22);
    HostingPlan plan = plan("canary-two-variants", e -> {
      e.getSpec().variants.get(0).name = longVariant;
    }, Map.of(longVariant, new ResolvedModel("img:1", "s3://b/m.tar.gz"),
        "canary", new ResolvedModel("img:2", "s3://b/m.tar.gz")), endpointName);

    List<String> names = Stream.concat(Stream.of(plan.endpointConfigName()),
        plan.modelNames().stream()).toList();
    assertThat(names).allSatisfy(n -> {
      assertThat(n).hasSizeLessThanOrEqualTo(SageMakerNames.MAX_LENGTH);
      assertThat(SageMakerNames.isValid(n)).as(n).isTrue();
    });
    assertThat(plan.modelNames()).hasSize(2).doesNotHaveDuplicates();
    assertThat(plan.modelNames().get(0)).contains("-vvvvvvvvvvvvvvvvvvvv");
  }

  @Test
  void ownershipTagsComeLastAndCannotBeForged() {
    HostingPlan plan = planFor("canary-two-variants");

    assertThat(plan.tags()).extracting(Tag::key).containsExactly("team",
        "secureml.dev/namespace", "secureml.dev/name", "secureml.dev/uid");
    assertThat(plan.tags()).filteredOn(t -> t.key().equals("secureml.dev/uid"))
        .extracting(Tag::value).containsExactly("0c9e7a55-1d2b-4e3f-8a7b-6c5d4e3f2a1b");
  }

  @Test
  void rejectsMissingModelsAndRepeatedVariants() {
    assertThatThrownBy(() -> plan("canary-two-variants", e -> { },
        Map.of("blue", new ResolvedModel("img:1", null))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("canary");
    assertThatThrownBy(() -> planFor("canary-two-variants",
        spec -> spec.variants.get(1).name = "blue"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
  }

  @Test
  void isDeterministic() {
    assertThat(planFor("single-variant")).isEqualTo(planFor("single-variant"));
  }

  static HostingPlan planFor(String name) {
    return planFor(name, spec -> { });
  }

  /** The golden case's plan for an endpoint that status records under {@code endpointName}. */
  static HostingPlan planNamed(String name, String endpointName) {
    return plan(name, e -> { }, modelsFor(name), endpointName);
  }

  private static HostingPlan planFor(String name,
      java.util.function.Consumer<ModelEndpointSpec> change) {
    return plan(name, e -> change.accept(e.getSpec()), modelsFor(name));
  }

  private static HostingPlan plan(String name, java.util.function.Consumer<ModelEndpoint> change,
      Map<String, ResolvedModel> models) {
    return plan(name, change, models, null);
  }

  private static HostingPlan plan(String name, java.util.function.Consumer<ModelEndpoint> change,
      Map<String, ResolvedModel> models, String endpointName) {
    Path dir = Golden.ROOT.resolve(SUITE).resolve(name);
    ModelEndpoint ep = Golden.readYaml(dir.resolve("endpoint.yaml"), ModelEndpoint.class);
    ResolvedHostingSettings settings = Golden.readYaml(dir.resolve("settings.yaml"),
        ResolvedHostingSettings.class);
    change.accept(ep);
    String epName = endpointName != null ? endpointName : SageMakerNames.forResource(
        ep.getMetadata().getNamespace(), ep.getMetadata().getName(), ep.getMetadata().getUid());
    return HostingPlanner.plan(ep, epName, models, settings);
  }

  private static ModelEndpoint endpoint(String name) {
    return Golden.readYaml(Golden.ROOT.resolve(SUITE).resolve(name).resolve("endpoint.yaml"),
        ModelEndpoint.class);
  }

  private static Map<String, ResolvedModel> modelsFor(String name) {
    try {
      return Golden.YAML.readValue(Golden.ROOT.resolve(SUITE).resolve(name)
          .resolve("models.yaml").toFile(), new TypeReference<LinkedHashMap<String,
          ResolvedModel>>() { });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
