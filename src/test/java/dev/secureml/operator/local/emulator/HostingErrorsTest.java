package dev.secureml.operator.local.emulator;

import static dev.secureml.operator.local.emulator.TrainingJobRequests.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CaptureMode;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** Refusals with the live API's messages; tags on models, configs, endpoints, training jobs. */
class HostingErrorsTest {
  private static final String ARN = "arn:aws:sagemaker:us-east-1:111122223333:";
  private static Hosting hosting;
  private static SageMakerClient sageMaker;

  @BeforeAll
  static void start() {
    hosting = Hosting.start(200);
    sageMaker = hosting.sageMaker();
    hosting.endpoint("err-ep", Hosting.IMAGE);
  }

  @AfterAll
  static void stop() {
    hosting.close();
  }

  private static SageMakerException refused(Executable call) {
    SageMakerException e = catchThrowableOfType(call::execute, SageMakerException.class);
    assertThat(e).as("expected a refusal").isNotNull();
    assertThat(e.statusCode()).isEqualTo(400);
    return e;
  }

  private static void assertValidation(Executable call, String message) {
    SageMakerException e = refused(call);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
  }

  @Test
  void inProgressEndpointCannotBeUpdatedOrDeleted() {
    hosting.endpoint("busy-ep", Hosting.IMAGE);
    String message = "Cannot update in-progress endpoint \"" + ARN + "endpoint/busy-ep\".";
    assertValidation(() -> sageMaker.updateEndpoint(b -> b.endpointName("busy-ep")
        .endpointConfigName("err-ep-config")), message);
    assertValidation(() -> sageMaker.deleteEndpoint(b -> b.endpointName("busy-ep")), message);
    assertValidation(() -> sageMaker.updateEndpointWeightsAndCapacities(b -> b
        .endpointName("busy-ep").desiredWeightsAndCapacities(d -> d.variantName("AllTraffic")
            .desiredWeight(2f))), message);
  }

  @Test
  void duplicatesAreRefused() {
    hosting.model("dup-model", Hosting.IMAGE);
    assertValidation(() -> hosting.model("DUP-model", Hosting.IMAGE),
        "Cannot create already existing model \"" + ARN + "model/dup-model\".");
    hosting.config("dup-config", "dup-model");
    assertValidation(() -> hosting.config("dup-config", "dup-model"),
        "Cannot create already existing endpoint configuration \"" + ARN
            + "endpoint-config/dup-config\".");
    assertValidation(() -> sageMaker.createEndpoint(b -> b.endpointName("err-ep")
        .endpointConfigName("dup-config")),
        "Cannot create already existing endpoint \"" + ARN + "endpoint/err-ep\".");
  }

  @Test
  void missingResourcesAreNamed() {
    assertValidation(() -> hosting.describe("nope"), "Could not find endpoint \"nope\".");
    assertValidation(() -> sageMaker.deleteEndpoint(b -> b.endpointName("nope")),
        "Could not find endpoint \"nope\".");
    assertValidation(() -> sageMaker.describeEndpointConfig(b -> b.endpointConfigName("nope")),
        "Could not find endpoint configuration \"nope\".");
    assertValidation(() -> sageMaker.describeModel(b -> b.modelName("nope")),
        "Could not find model \"nope\".");
    assertValidation(() -> hosting.config("orphan-config", "no-such-model"),
        "Could not find model \"" + ARN + "model/no-such-model\".");
    assertValidation(() -> sageMaker.createEndpoint(b -> b.endpointName("orphan-ep")
        .endpointConfigName("no-such-config")),
        "Could not find endpoint configuration \"no-such-config\".");
  }

  @Test
  void failedEndpointCanOnlyBeDeleted() {
    hosting.endpoint("broken-ep", Hosting.FAILING_IMAGE);
    hosting.waitFor("broken-ep", "Failed");
    SageMakerException e = refused(() -> sageMaker.updateEndpoint(b -> b
        .endpointName("broken-ep").endpointConfigName("err-ep-config")));
    assertThat(e.awsErrorDetails().errorMessage())
        .startsWith("Cannot update failed endpoint \"" + ARN + "endpoint/broken-ep\".");
    sageMaker.deleteEndpoint(b -> b.endpointName("broken-ep"));
  }

  @Test
  void fieldConstraintsAreReportedTogether() {
    assertValidation(() -> sageMaker.createModel(b -> b.modelName("bad_name")
        .executionRoleArn("arn:aws:iam::1:role/x-but-too-short")
        .primaryContainer(c -> c.image(Hosting.IMAGE))),
        "2 validation errors detected: Value 'bad_name' at 'modelName' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern:"
            + " [a-zA-Z0-9]([\\-a-zA-Z0-9]*[a-zA-Z0-9])?;"
            + " Value 'arn:aws:iam::1:role/x-but-too-short' at"
            + " 'executionRoleArn' failed to satisfy constraint: Member must satisfy regular"
            + " expression pattern: arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    SageMakerException vpc = refused(() -> sageMaker.createModel(b -> b.modelName("vpc-model")
        .primaryContainer(c -> c.image(Hosting.IMAGE))
        .vpcConfig(v -> v.subnets("subnet-1").securityGroupIds("sg-1", "sg-2", "sg-3", "sg-4",
            "sg-5", "sg-6"))));
    assertThat(vpc.awsErrorDetails().errorMessage()).contains("at 'vpcConfig.securityGroupIds'"
        + " failed to satisfy constraint: Member must have length less than or equal to 5");
    ProductionVariant[] eleven = new ProductionVariant[11];
    for (int i = 0; i < eleven.length; i++) {
      eleven[i] = Hosting.variant("v" + i, "err-ep-model", 1, 1f);
    }
    assertThat(refused(() -> hosting.config("many-config", null, eleven)).awsErrorDetails()
        .errorMessage()).contains("at 'productionVariants' failed to satisfy constraint:"
            + " Member must have length less than or equal to 10");
    assertThat(refused(() -> hosting.config("none-config", (DataCaptureConfig) null))
        .awsErrorDetails()
        .errorMessage()).contains("at 'productionVariants' failed to satisfy constraint");
    assertValidation(() -> hosting.config("twice-config", null,
        Hosting.variant("A", "err-ep-model", 1, 1f), Hosting.variant("A", "err-ep-model", 1, 1f)),
        "Production variant names must be unique within an endpoint configuration. Duplicate"
            + " variant name: A");
    SageMakerException nvme = refused(() -> sageMaker.createEndpointConfig(b -> b
        .endpointConfigName("nvme-config").kmsKeyId("arn:aws:kms:us-east-1:111122223333:key/k")
        .productionVariants(Hosting.variant("AllTraffic", "err-ep-model", 1, 1f).toBuilder()
            .instanceType("ml.g4dn.xlarge").build())));
    assertThat(nvme.awsErrorDetails().errorMessage()).startsWith("The instance type"
        + " ml.g4dn.xlarge of production variant AllTraffic does not support KmsKeyId");
    assertThat(refused(() -> hosting.config("capture-config", DataCaptureConfig.builder()
        .enableCapture(true).initialSamplingPercentage(101).destinationS3Uri("s3://capture/")
        .captureOptions(o -> o.captureMode(CaptureMode.INPUT)).build(),
        Hosting.variant("AllTraffic", "err-ep-model", 1, 1f))).awsErrorDetails()
        .errorMessage()).contains("'dataCaptureConfig.initialSamplingPercentage'");
  }

  @Test
  void tagsWorkOnEveryKindOfResource() {
    sageMaker.createTrainingJob(valid("tagged-job").build());
    Map<String, String> arns = Map.of(
        "model", ARN + "model/err-ep-model",
        "config", ARN + "endpoint-config/err-ep-config",
        "endpoint", ARN + "endpoint/err-ep",
        "job", ARN + "training-job/tagged-job");
    for (String arn : arns.values()) {
      sageMaker.addTags(b -> b.resourceArn(arn).tags(tag("team", "fraud"), tag("tier", "gold"),
          tag("temp", "x")));
      sageMaker.deleteTags(b -> b.resourceArn(arn).tagKeys("temp", "absent"));
      assertThat(tags(arn)).as(arn).containsEntry("team", "fraud").containsEntry("tier", "gold")
          .doesNotContainKey("temp");
    }
    sageMaker.createModel(b -> b.modelName("born-tagged").primaryContainer(c -> c
        .image(Hosting.IMAGE)).tags(tag("secureml.dev/uid", "1234")));
    assertThat(tags(ARN + "model/born-tagged")).containsExactly(Map.entry("secureml.dev/uid",
        "1234"));
    assertThat(sageMaker.describeModel(b -> b.modelName("born-tagged")).modelArn())
        .isEqualTo(ARN + "model/born-tagged");
    assertValidation(() -> sageMaker.listTags(b -> b.resourceArn(ARN + "endpoint/ghost")),
        "Requested resource not found.");
    assertThat(refused(() -> sageMaker.deleteTags(b -> b.resourceArn(ARN + "endpoint/err-ep")
        .tagKeys(List.of()))).awsErrorDetails().errorMessage()).contains("'tagKeys'");
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static Map<String, String> tags(String arn) {
    return sageMaker.listTags(b -> b.resourceArn(arn)).tags().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b, java.util.LinkedHashMap::new));
  }

  @Test
  void listsPageModelsAndConfigs() {
    for (int i = 1; i <= 5; i++) {
      hosting.model("page-model-" + i, Hosting.IMAGE);
    }
    List<String> names = sageMaker.listModelsPaginator(b -> b.maxResults(2)
        .nameContains("page-model")).models().stream().map(m -> m.modelName()).toList();
    assertThat(names).containsExactly("page-model-5", "page-model-4", "page-model-3",
        "page-model-2", "page-model-1");
    assertThat(sageMaker.listEndpointConfigs(b -> b.nameContains("err-ep")).endpointConfigs())
        .extracting(c -> c.endpointConfigArn())
        .containsExactly(ARN + "endpoint-config/err-ep-config");
    sageMaker.deleteModel(b -> b.modelName("page-model-3"));
    assertThat(sageMaker.listModels(b -> b.nameContains("page-model")).models()).hasSize(4);
  }
}
