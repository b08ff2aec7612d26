package dev.secureml.operator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.testsupport.AwsTestClients;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * Endpoints through the real SDK: Creating -> InService, blue/green updates, rollback, failed
 * creation, weight changes and deletion, at speed 200 (Creating takes 0.6 s).
 */
class EndpointLifecycleTest {
  private static Hosting hosting;
  private static SageMakerClient sageMaker;

  @BeforeAll
  static void start() {
    hosting = Hosting.start(200);
    sageMaker = hosting.sageMaker();
  }

  @AfterAll
  static void stop() {
    hosting.close();
  }

  @Test
  void createsAnEndpointThatComesIntoService() {
    hosting.model("life-model", Hosting.IMAGE);
    hosting.config("life-config", null, Hosting.variant("AllTraffic", "life-model", 2, 1f));
    String arn = sageMaker.createEndpoint(b -> b.endpointName("Life-EP")
        .endpointConfigName("life-config")).endpointArn();
    assertThat(arn).isEqualTo("arn:aws:sagemaker:us-east-1:111122223333:endpoint/life-ep");

    DescribeEndpointResponse creating = hosting.describe("Life-EP");
    assertThat(creating.endpointStatus()).isEqualTo(EndpointStatus.CREATING);
    assertThat(creating.productionVariants()).isEmpty();
    assertThat(hosting.waitFor("Life-EP", "InService")).containsExactly("Creating", "InService");

    DescribeEndpointResponse ready = hosting.describe("Life-EP");
    assertThat(ready.endpointName()).isEqualTo("Life-EP");
    assertThat(ready.endpointConfigName()).isEqualTo("life-config");
    assertThat(ready.failureReason()).isNull();
    assertThat(ready.lastModifiedTime()).isAfter(ready.creationTime());
    ProductionVariantSummary variant = ready.productionVariants().get(0);
    assertThat(variant.variantName()).isEqualTo("AllTraffic");
    assertThat(variant.currentInstanceCount()).isEqualTo(2);
    assertThat(variant.desiredInstanceCount()).isEqualTo(2);
    assertThat(variant.currentWeight()).isEqualTo(1f);
    assertThat(variant.desiredWeight()).isEqualTo(1f);
    assertThat(variant.deployedImages().get(0).specifiedImage()).isEqualTo(Hosting.IMAGE);
    assertThat(variant.deployedImages().get(0).resolvedImage())
        .startsWith("111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/xgboost@sha256:");

    ListEndpointsResponse inService = sageMaker.listEndpoints(b -> b
        .statusEquals(EndpointStatus.IN_SERVICE).nameContains("life-"));
    assertThat(inService.endpoints()).singleElement()
        .satisfies(e -> assertThat(e.endpointArn()).isEqualTo(arn));
  }

  @Test
  void blueGreenUpdateServesTheNewConfiguration() {
    hosting.endpoint("bg-ep", Hosting.IMAGE);
    hosting.waitFor("bg-ep", "InService");
    hosting.model("bg-model-v2", Hosting.IMAGE.replace("1.7-1", "1.7-2"));
    hosting.config("bg-config-v2", null, Hosting.variant("Blue", "bg-model-v2", 3, 1f));

    sageMaker.updateEndpoint(b -> b.endpointName("bg-ep").endpointConfigName("bg-config-v2"));
    DescribeEndpointResponse updating = hosting.describe("bg-ep");
    assertThat(updating.endpointStatus()).isEqualTo(EndpointStatus.UPDATING);
    assertThat(updating.endpointConfigName()).isEqualTo("bg-ep-config");
    assertThat(updating.productionVariants()).extracting(ProductionVariantSummary::variantName)
        .containsExactly("AllTraffic");
    assertThat(updating.pendingDeploymentSummary().endpointConfigName())
        .isEqualTo("bg-config-v2");
    // The old fleet keeps serving while the new one comes up, as in SageMaker.
    assertThat(invokedVariant("bg-ep")).isEqualTo("AllTraffic");

    assertThat(hosting.waitFor("bg-ep", "InService")).containsExactly("Updating", "InService");
    DescribeEndpointResponse updated = hosting.describe("bg-ep");
    assertThat(updated.endpointConfigName()).isEqualTo("bg-config-v2");
    assertThat(updated.pendingDeploymentSummary()).isNull();
    assertThat(updated.productionVariants()).singleElement().satisfies(v -> {
      assertThat(v.variantName()).isEqualTo("Blue");
      assertThat(v.currentInstanceCount()).isEqualTo(3);
      assertThat(v.deployedImages().get(0).specifiedImage()).endsWith("xgboost:1.7-2");
    });
    assertThat(invokedVariant("bg-ep")).isEqualTo("Blue");
    // The old configuration and model are unused now; SageMaker lets them go.
    sageMaker.deleteEndpointConfig(b -> b.endpointConfigName("bg-ep-config"));
    sageMaker.deleteModel(b -> b.modelName("bg-ep-model"));
    assertThat(hosting.describe("bg-ep").endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
  }

  private static String invokedVariant(String endpoint) {
    try (SageMakerRuntimeClient runtime =
        AwsTestClients.sageMakerRuntime(hosting.emulator().endpoint())) {
      return runtime.invokeEndpoint(b -> b.endpointName(endpoint).contentType("text/csv")
          .body(SdkBytes.fromUtf8String("1,2,3"))).invokedProductionVariant();
    }
  }

  @Test
  void failedUpdateRollsBackToTheOldConfiguration() {
    hosting.endpoint("rb-ep", Hosting.IMAGE);
    hosting.waitFor("rb-ep", "InService");
    hosting.model("rb-model-bad", Hosting.FAILING_IMAGE);
    hosting.config("rb-config-bad", "rb-model-bad");

    sageMaker.updateEndpoint(b -> b.endpointName("rb-ep").endpointConfigName("rb-config-bad"));
    assertThat(hosting.waitFor("rb-ep", "InService"))
        .containsExactly("Updating", "RollingBack", "InService");
    DescribeEndpointResponse after = hosting.describe("rb-ep");
    assertThat(after.endpointConfigName()).isEqualTo("rb-ep-config");
    assertThat(after.productionVariants().get(0).deployedImages().get(0).specifiedImage())
        .isEqualTo(Hosting.IMAGE);
    assertThat(after.failureReason()).isEqualTo("The primary container for production variant"
        + " AllTraffic did not pass the ping health check. Please check CloudWatch logs for"
        + " this endpoint.");
  }

  @Test
  void failingImageFailsTheCreation() {
    hosting.endpoint("fail-ep", Hosting.FAILING_IMAGE);
    assertThat(hosting.waitFor("fail-ep", "Failed")).containsExactly("Creating", "Failed");
    DescribeEndpointResponse failed = hosting.describe("fail-ep");
    assertThat(failed.failureReason()).startsWith("The primary container for production"
        + " variant AllTraffic did not pass the ping health check.");
    assertThat(failed.productionVariants()).isEmpty();
    sageMaker.deleteEndpoint(b -> b.endpointName("fail-ep"));
    hosting.waitUntilGone("fail-ep");
  }

  @Test
  void weightsAndCapacitiesChangeWithoutANewConfiguration() {
    hosting.model("ab-model-a", Hosting.IMAGE);
    hosting.model("ab-model-b", Hosting.IMAGE.replace("1.7-1", "1.7-2"));
    hosting.config("ab-config", null, Hosting.variant("A", "ab-model-a", 1, 1f),
        Hosting.variant("B", "ab-model-b", 1, 1f));
    sageMaker.createEndpoint(b -> b.endpointName("ab-ep").endpointConfigName("ab-config"));
    hosting.waitFor("ab-ep", "InService");

    sageMaker.updateEndpointWeightsAndCapacities(b -> b.endpointName("ab-ep")
        .desiredWeightsAndCapacities(d -> d.variantName("B").desiredWeight(3f)
            .desiredInstanceCount(4)));
    DescribeEndpointResponse updating = hosting.describe("ab-ep");
    assertThat(updating.endpointStatus()).isEqualTo(EndpointStatus.UPDATING);
    ProductionVariantSummary pending = updating.productionVariants().get(1);
    assertThat(pending.currentWeight()).isEqualTo(1f);
    assertThat(pending.desiredWeight()).isEqualTo(3f);
    assertThat(pending.currentInstanceCount()).isEqualTo(1);
    assertThat(pending.desiredInstanceCount()).isEqualTo(4);

    assertThat(hosting.waitFor("ab-ep", "InService")).containsExactly("Updating", "InService");
    List<ProductionVariantSummary> variants = hosting.describe("ab-ep").productionVariants();
    assertThat(variants.get(0).currentWeight()).isEqualTo(1f);
    assertThat(variants.get(1).currentWeight()).isEqualTo(3f);
    assertThat(variants.get(1).currentInstanceCount()).isEqualTo(4);
    assertThat(hosting.describe("ab-ep").endpointConfigName()).isEqualTo("ab-config");
  }

  @Test
  void deletionGoesThroughDeletingToNotFound() {
    hosting.endpoint("del-ep", Hosting.IMAGE);
    hosting.waitFor("del-ep", "InService");
    sageMaker.deleteEndpoint(b -> b.endpointName("del-ep"));
    assertThat(hosting.describe("del-ep").endpointStatus()).isEqualTo(EndpointStatus.DELETING);
    hosting.waitUntilGone("del-ep");
    assertThat(sageMaker.listEndpoints(b -> b.nameContains("del-ep")).endpoints()).isEmpty();
    // The name is free again.
    sageMaker.createEndpoint(b -> b.endpointName("del-ep").endpointConfigName("del-ep-config"));
    assertThat(hosting.describe("del-ep").endpointStatus()).isEqualTo(EndpointStatus.CREATING);
  }
}
