package dev.secureml.operator.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.local.bench.SageMakerAudit.Owner;
import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.sagemaker.OwnershipTags;
import dev.secureml.operator.testsupport.AwsTestClients;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;

/** The chaos audit finds each kind of leftover from the emulator's tables and tags alone. */
class SageMakerAuditTest {
  private static final String ROLE = "arn:aws:iam::111122223333:role/fraud-sagemaker-execution";
  private static final String IMAGE =
      "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/xgboost:1.7-1";
  private static final String SERVED = "s3://fraud-models/c/v2/model.tar.gz";

  private final Owner jobA = new Owner("SecureTrainingJob", "ns", "a", "uid-a", true, null);
  private final Owner jobB = new Owner("SecureTrainingJob", "ns", "b", "uid-b", false, null);
  private final Owner endpointC = new Owner("ModelEndpoint", "ns", "c", "uid-c", true, SERVED);
  private final Owner endpointD = new Owner("ModelEndpoint", "ns", "d", "uid-d", false,
      "s3://fraud-models/d/model.tar.gz");
  private AwsEmulator emulator;
  private SageMakerClient sageMaker;

  @BeforeEach
  void start() {
    emulator = AwsEmulator.start(EmulatorOptions.defaults().withSpeed(1000));
    sageMaker = AwsTestClients.sageMaker(emulator.endpoint());
  }

  @AfterEach
  void stop() {
    sageMaker.close();
    emulator.close();
  }

  @Test
  void findsDuplicatesOrphansAndReplacedPartsLeftBehind() {
    trainingJob("a-one", jobA);
    trainingJob("a-two", jobA);
    trainingJob("b-one", jobB); // finished: costs nothing, so no orphan
    hosting("c-old", endpointC, "s3://fraud-models/c/v1/model.tar.gz", null);
    hosting("c-new", endpointC, SERVED, "c-ep");
    hosting("d", endpointD, endpointD.modelDataUrl(), "d-ep");
    awaitTrue(() -> emulator.inventory().sageMaker().stream().allMatch(r ->
        !r.type().equals("training-job") && !r.type().equals("endpoint")
            || "Completed".equals(r.status()) || "InService".equals(r.status())));
    try (ApplicationAutoScalingClient autoScaling =
        AwsTestClients.autoScaling(emulator.endpoint())) {
      autoScaling.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
          .resourceId("endpoint/d-ep/variant/AllTraffic").minCapacity(1).maxCapacity(2)
          .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT));
    }

    SageMakerAudit.Findings f = SageMakerAudit.check(emulator.inventory(), owners());

    assertThat(f.duplicates()).containsExactly(
        "SecureTrainingJob ns/a owns 2 training-jobs: [a-one, a-two]");
    assertThat(f.orphans()).containsExactlyInAnyOrder(
        "endpoint d-ep (InService) of deleted ModelEndpoint ns/d",
        "endpoint-config d-config of deleted ModelEndpoint ns/d",
        "model d-model of deleted ModelEndpoint ns/d",
        "scalable target endpoint/d-ep/variant/AllTraffic of an endpoint no living CR owns");
    assertThat(f.unreferenced()).containsExactlyInAnyOrder(
        "endpoint-config c-old-config of ModelEndpoint ns/c is no longer served",
        "model c-old-model of ModelEndpoint ns/c is no longer served");
    assertThat(f.unsettled()).isEmpty();
  }

  @Test
  void aDeletedCrOwningTwoJobsIsADuplicateToo() {
    trainingJob("b-one", jobB);
    trainingJob("b-two", jobB);
    awaitTrue(() -> emulator.inventory().sageMaker().stream()
        .allMatch(r -> "Completed".equals(r.status())));

    SageMakerAudit.Findings f = SageMakerAudit.check(emulator.inventory(),
        Map.of(jobB.uid(), jobB));

    assertThat(f.duplicates()).containsExactly(
        "SecureTrainingJob ns/b owns 2 training-jobs: [b-one, b-two]");
    assertThat(f.orphans()).isEmpty(); // finished: nothing left to clean up
  }

  @Test
  void anEndpointServingAnOlderModelHasNotSettled() {
    hosting("c", endpointC, "s3://fraud-models/c/v1/model.tar.gz", "c-ep");
    awaitTrue(() -> emulator.inventory().sageMaker().stream()
        .anyMatch(r -> r.type().equals("endpoint") && "InService".equals(r.status())));

    SageMakerAudit.Findings f = SageMakerAudit.check(emulator.inventory(),
        Map.of(endpointC.uid(), endpointC));

    assertThat(f.unsettled()).containsOnlyKeys("ModelEndpoint ns/c");
    assertThat(f.unsettled().get("ModelEndpoint ns/c")).contains("spec asks " + SERVED);
    assertThat(f.clean()).isFalse();
  }

  private Map<String, Owner> owners() {
    return Map.of(jobA.uid(), jobA, jobB.uid(), jobB, endpointC.uid(), endpointC,
        endpointD.uid(), endpointD);
  }

  private void trainingJob(String name, Owner owner) {
    sageMaker.createTrainingJob(b -> b.trainingJobName(name).roleArn(ROLE)
        .algorithmSpecification(a -> a.trainingImage(IMAGE)
            .trainingInputMode(TrainingInputMode.FILE))
        .outputDataConfig(o -> o.s3OutputPath("s3://fraud-models/artifacts/"))
        .resourceConfig(r -> r.instanceType("ml.m5.xlarge").instanceCount(1).volumeSizeInGB(30))
        .stoppingCondition(s -> s.maxRuntimeInSeconds(3600))
        .tags(tags(owner)));
  }

  /** A model and a config named {@code <prefix>-model/-config}; an endpoint when named. */
  private void hosting(String prefix, Owner owner, String modelDataUrl, String endpoint) {
    sageMaker.createModel(b -> b.modelName(prefix + "-model").executionRoleArn(ROLE)
        .primaryContainer(c -> c.image(IMAGE).modelDataUrl(modelDataUrl)).tags(tags(owner)));
    sageMaker.createEndpointConfig(b -> b.endpointConfigName(prefix + "-config")
        .productionVariants(v -> v.variantName("AllTraffic").modelName(prefix + "-model")
            .instanceType("ml.m5.large").initialInstanceCount(1).initialVariantWeight(1f))
        .tags(tags(owner)));
    if (endpoint != null) {
      sageMaker.createEndpoint(b -> b.endpointName(endpoint)
          .endpointConfigName(prefix + "-config").tags(tags(owner)));
    }
  }

  private static List<Tag> tags(Owner owner) {
    return OwnershipTags.of(owner.namespace(), owner.name(), owner.uid()).entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  private static void awaitTrue(BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waited 20 s").isBefore(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
