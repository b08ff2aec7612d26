package dev.secureml.operator.local.emulator;

import static dev.secureml.operator.local.emulator.TrainingJobRequests.IMAGE;
import static dev.secureml.operator.local.emulator.TrainingJobRequests.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secureml.operator.testsupport.AwsTestClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CaptureMode;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.CreateDataQualityJobDefinitionRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ResourceConfig;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Emulator fidelity: requests AWS refuses, sent through the real AWS SDK over HTTP, are
 * refused by the emulator with AWS's error code and AWS's exact message, so that a test built
 * on the emulator cannot pass on a request AWS would turn down.
 */
@DisplayName("emulator fidelity")
class EmulatorFidelityTest {
  private static final String NAME_PATTERN = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}";
  private static final String KMS = "arn:aws:kms:us-east-1:111122223333:key/training-volume";
  private static final String TRAINING_IMAGE_REFUSED = "Invalid training image. Please provide"
      + " a valid Amazon Elastic Container Registry path of the Docker image to run.";
  private static final String VALIDATION = "ValidationException";
  private static AwsEmulator emulator;
  private static Clients clients;

  /** The SDK clients a case calls. */
  record Clients(SageMakerClient sageMaker, CloudWatchLogsClient logs,
      ApplicationAutoScalingClient autoScaling) {}

  /** One refused request: what AWS answers, and how the request is made. */
  record Refusal(String description, String errorCode, String message, Consumer<Clients> call) {
    @Override
    public String toString() {
      return description;
    }
  }

  @BeforeAll
  static void start() {
    emulator = AwsEmulator.start(EmulatorOptions.defaults());
    clients = new Clients(AwsTestClients.sageMaker(emulator.endpoint()),
        AwsTestClients.logs(emulator.endpoint()), AwsTestClients.autoScaling(emulator.endpoint()));
    clients.logs().createLogGroup(b -> b.logGroupName("/fidelity"));
    clients.logs().createLogStream(b -> b.logGroupName("/fidelity").logStreamName("s"));
  }

  @AfterAll
  static void stop() {
    clients.sageMaker().close();
    clients.logs().close();
    clients.autoScaling().close();
    emulator.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"trainingJobs", "hosting", "monitoring", "logsAndAutoScaling"})
  void refusesWhatAwsRefusesWithAwsWording(Refusal refusal) {
    AwsServiceException e = catchThrowableOfType(AwsServiceException.class,
        () -> refusal.call().accept(clients));
    assertThat(e).as("AWS refuses: %s", refusal.description()).isNotNull();
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(refusal.errorCode());
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(refusal.message());
    assertNothingCreated();
  }

  /** Every request here is refused, so the emulator must hold nothing but the test's log group. */
  private static void assertNothingCreated() {
    SageMakerClient sageMaker = clients.sageMaker();
    assertThat(sageMaker.listTrainingJobs(b -> b.maxResults(100)).trainingJobSummaries())
        .isEmpty();
    assertThat(sageMaker.listModels(b -> b.maxResults(100)).models()).isEmpty();
    assertThat(sageMaker.listEndpointConfigs(b -> b.maxResults(100)).endpointConfigs())
        .isEmpty();
    assertThat(sageMaker.listDataQualityJobDefinitions(b -> b.maxResults(100))
        .jobDefinitionSummaries()).isEmpty();
    assertThat(clients.logs().describeLogGroups().logGroups())
        .extracting(g -> g.logGroupName()).containsExactly("/fidelity");
    assertThat(clients.autoScaling().describeScalableTargets(b -> b
        .serviceNamespace(ServiceNamespace.SAGEMAKER)).scalableTargets()).isEmpty();
  }

  static Stream<Refusal> trainingJobs() {
    String longKey = "k".repeat(257);
    String longValue = "v".repeat(257);
    return Stream.of(
        training("instance type outside AWS's list", resources("ml.banana.huge", 1, 30),
            "Value 'ml.banana.huge' at 'resourceConfig.instanceType'", enumOf(
                "TrainingInstanceType")),
        training("instance type with a trailing space", resources("ml.m5.xlarge ", 1, 30),
            "Value 'ml.m5.xlarge ' at 'resourceConfig.instanceType'", enumOf(
                "TrainingInstanceType")),
        training("instance type with a Cyrillic look-alike letter",
            resources("ml.m5.xl\u0430rge", 1, 30), "Value 'ml.m5.xl\u0430rge' at"
                + " 'resourceConfig.instanceType'", enumOf("TrainingInstanceType")),
        refusal("training image with a space", VALIDATION, TRAINING_IMAGE_REFUSED,
            job(image(IMAGE.replace(":", " :")))),
        refusal("training image with a tab", VALIDATION, TRAINING_IMAGE_REFUSED,
            job(image(IMAGE + "\t"))),
        training("training image with a line break", image(IMAGE + "\nevil"),
            "Value '" + IMAGE + "\nevil' at 'algorithmSpecification.trainingImage'",
            "Member must satisfy regular expression pattern: .*"),
        refusal("volume of 99999999 GB", "ResourceLimitExceeded", "The request delta of"
            + " 99999999 GBs for 'Size of EBS volume for a training job instance' is greater"
            + " than the account-level service-limit of 16384 GBs. Please use AWS Service"
            + " Quotas to request an increase for this quota. If AWS Service Quotas is not"
            + " available, contact AWS support to request an increase for this quota.",
            job(resources("ml.m5.xlarge", 1, 99_999_999))),
        training("volume of 0 GB", resources("ml.m5.xlarge", 1, 0),
            "Value '0' at 'resourceConfig.volumeSizeInGB'",
            "Member must have value greater than or equal to 1"),
        training("negative instance count", resources("ml.m5.xlarge", -1, 30),
            "Value '-1' at 'resourceConfig.instanceCount'",
            "Member must have value greater than or equal to 0"),
        refusal("job name with an underscore and a dot", VALIDATION, one("Value 'bad_name.v1'"
            + " at 'trainingJobName'", pattern(NAME_PATTERN)), c -> c.sageMaker()
            .createTrainingJob(valid("bad_name.v1").build())),
        refusal("job name with an accented letter", VALIDATION, one("Value 'modèle-fraude' at"
            + " 'trainingJobName'", pattern(NAME_PATTERN)), c -> c.sageMaker()
            .createTrainingJob(valid("modèle-fraude").build())),
        training("role ARN with a four-digit account", b -> b.roleArn(
            "arn:aws:iam::1234:role/fraud-sagemaker"), "Value 'arn:aws:iam::1234:role/"
            + "fraud-sagemaker' at 'roleArn'", pattern(
                "arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+")),
        training("output path without a scheme", b -> b.outputDataConfig(o -> o.s3OutputPath(
            "fraud-models/artifacts/")), "Value 'fraud-models/artifacts/' at"
            + " 'outputDataConfig.s3OutputPath'", pattern("(https|s3)://([^/]+)/?(.*)")),
        training("channel name with a space", b -> b.inputDataConfig(TrainingJobRequests
            .channel("train data", "s3://fraud-data/fdic/train/")), "Value 'train data' at"
            + " 'inputDataConfig.1.member.channelName'", pattern("[A-Za-z0-9\\.\\-_]+")),
        training("six security groups", b -> b.vpcConfig(v -> v.subnets("subnet-0a1b2c3d")
            .securityGroupIds("sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6")),
            "Value '[sg-1, sg-2, sg-3, sg-4, sg-5, sg-6]' at 'vpcConfig.securityGroupIds'",
            "Member must have length less than or equal to 5"),
        training("security group id with a space", b -> b.vpcConfig(v -> v
            .subnets("subnet-0a1b2c3d").securityGroupIds("sg-0c1d 2e3f")),
            "Value '[sg-0c1d 2e3f]' at 'vpcConfig.securityGroupIds'", "Member must satisfy"
                + " constraint: [Member must have length less than or equal to 32, Member must"
                + " have length greater than or equal to 0, Member must satisfy regular"
                + " expression pattern: [-0-9a-zA-Z]+]"),
        training("hyperparameter name of 257 characters", b -> b.hyperParameters(
            Map.of(longKey, "1")), "Value '{" + longKey + "=1}' at 'hyperParameters'",
            "Map keys must satisfy constraint: [Member must have length less than or equal to"
                + " 256, Member must have length greater than or equal to 0, Member must"
                + " satisfy regular expression pattern: .*]"),
        training("tag key with a '#'", b -> b.tags(tag("team#1", "fraud")),
            "Value 'team#1' at 'tags.1.member.key'",
            pattern("([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)")),
        training("second tag's value of 257 characters", b -> b.tags(tag("team", "fraud"),
            tag("note", longValue)), "Value '" + longValue + "' at 'tags.2.member.value'",
            "Member must have length less than or equal to 256"),
        training("max runtime of 0 seconds", b -> b.stoppingCondition(s -> s
            .maxRuntimeInSeconds(0)), "Value '0' at 'stoppingCondition.maxRuntimeInSeconds'",
            "Member must have value greater than or equal to 1"),
        refusal("max runtime over 28 days", VALIDATION, "MaxRuntimeInSeconds 2419201 exceeds"
            + " the maximum allowed value of 2419200 seconds (28 days).", job(b -> b
            .stoppingCondition(s -> s.maxRuntimeInSeconds(2_419_201)))),
        refusal("spot training without a maximum wait", VALIDATION, "Invalid"
            + " MaxWaitTimeInSeconds. It must be present and be greater than or equal to"
            + " MaxRuntimeInSeconds", job(b -> b.enableManagedSpotTraining(true)
            .checkpointConfig(k -> k.s3Uri("s3://fraud-models/checkpoints/")))),
        refusal("volume KMS key on an NVMe instance", VALIDATION, "Instance type"
            + " ml.g4dn.xlarge is not supported for VolumeKmsKeyId: its storage volumes are"
            + " local NVMe instance stores, which SageMaker encrypts with a hardware module."
            + " Remove VolumeKmsKeyId and try again.", job(b -> b.resourceConfig(r -> r
            .instanceType("ml.g4dn.xlarge").instanceCount(1).volumeSizeInGB(30)
            .volumeKmsKeyId(KMS)))),
        training("volume KMS key with a space", b -> b.resourceConfig(r -> r
            .instanceType("ml.m5.xlarge").instanceCount(1).volumeSizeInGB(30)
            .volumeKmsKeyId(KMS + " x")), "Value '" + KMS + " x' at"
            + " 'resourceConfig.volumeKmsKeyId'", pattern("[a-zA-Z0-9:/_-]*")),
        training("no training input mode", b -> b.algorithmSpecification(a -> a
            .trainingImage(IMAGE)), "Value null at 'algorithmSpecification.trainingInputMode'",
            ConstraintViolations.NOT_NULL),
        refusal("two broken fields at once", VALIDATION, "2 validation errors detected: Value"
            + " 'bad_name' at 'trainingJobName' failed to satisfy constraint: "
            + pattern(NAME_PATTERN) + "; Value 'ml.banana.huge' at 'resourceConfig.instanceType'"
            + " failed to satisfy constraint: " + enumOf("TrainingInstanceType"),
            c -> c.sageMaker().createTrainingJob(valid("bad_name").resourceConfig(
                r -> r.instanceType("ml.banana.huge").instanceCount(1).volumeSizeInGB(30))
                .build())),
        refusal("training job list of 101 per page", VALIDATION, one("Value '101' at"
            + " 'maxResults'", "Member must have value less than or equal to 100"),
            c -> c.sageMaker().listTrainingJobs(b -> b.maxResults(101))));
  }

  static Stream<Refusal> hosting() {
    String badImage = IMAGE.replace(":", " :");
    return Stream.of(
        model("model image with a space", c -> c.image(badImage),
            "Value '" + badImage + "' at 'primaryContainer.image'", pattern("[\\S]+")),
        model("model data URL without a scheme", c -> c.image(IMAGE).modelDataUrl(
            "fraud-models/model.tar.gz"), "Value 'fraud-models/model.tar.gz' at"
            + " 'primaryContainer.modelDataUrl'", pattern("(https|s3)://([^/]+)/?(.*)")),
        model("environment variable name starting with a digit", c -> c.image(IMAGE)
            .environment(Map.of("1BAD", "x")), "Value '{1BAD=x}' at"
            + " 'primaryContainer.environment'", "Map keys must satisfy constraint: [Member"
            + " must have length less than or equal to 1024, Member must have length greater"
            + " than or equal to 0, Member must satisfy regular expression pattern:"
            + " [a-zA-Z_][a-zA-Z0-9_]*]"),
        config("endpoint instance type outside AWS's list", v -> v.instanceType(
            "ml.banana.huge"), "Value 'ml.banana.huge' at"
            + " 'productionVariants.1.member.instanceType'",
            enumOf("ProductionVariantInstanceType")),
        config("no initial instances", v -> v.initialInstanceCount(0), "Value '0' at"
            + " 'productionVariants.1.member.initialInstanceCount'",
            "Member must have value greater than or equal to 1"),
        config("endpoint volume of 513 GB", v -> v.volumeSizeInGB(513), "Value '513' at"
            + " 'productionVariants.1.member.volumeSizeInGB'",
            "Member must have value less than or equal to 512"),
        refusal("data capture of 101 percent", VALIDATION, one("Value '101' at"
            + " 'dataCaptureConfig.initialSamplingPercentage'",
            "Member must have value less than or equal to 100"), c -> c.sageMaker()
            .createEndpointConfig(b -> b.endpointConfigName("fid-capture-config")
                .productionVariants(variant(v -> { }))
                .dataCaptureConfig(d -> d.initialSamplingPercentage(101)
                    .destinationS3Uri("s3://fraud-models/capture/")
                    .captureOptions(o -> o.captureMode(CaptureMode.INPUT))))),
        refusal("51 tag keys to delete", VALIDATION, one("Value '" + keys(51) + "' at"
            + " 'tagKeys'", "Member must have length less than or equal to 50"), c -> c
            .sageMaker().deleteTags(b -> b.resourceArn("arn:aws:sagemaker:us-east-1:"
                + "111122223333:model/fid-model").tagKeys(keys(51)))));
  }

  static Stream<Refusal> monitoring() {
    String badImage = Monitoring.ANALYZER + " latest";
    return Stream.of(
        definition("monitoring volume of 99999999 GB", b -> b.jobResources(r -> r
            .clusterConfig(k -> k.instanceCount(1).instanceType("ml.m5.xlarge")
                .volumeSizeInGB(99_999_999))), "Value '99999999' at"
            + " 'jobResources.clusterConfig.volumeSizeInGB'",
            "Member must have value less than or equal to 16384"),
        definition("monitoring runtime over a day", b -> b.stoppingCondition(s -> s
            .maxRuntimeInSeconds(86_401)), "Value '86401' at"
            + " 'stoppingCondition.maxRuntimeInSeconds'",
            "Member must have value less than or equal to 86400"),
        refusal("monitoring image with a space", VALIDATION, "Invalid image URI. Please"
            + " provide a valid Amazon Elastic Container Registry path of the Docker image to"
            + " run.", c -> c.sageMaker().createDataQualityJobDefinition(Monitoring
            .definition("fid-dq", "fid-ep", "s3://fraud-monitoring/baseline")
            .dataQualityAppSpecification(a -> a.imageUri(badImage)).build())));
  }

  static Stream<Refusal> logsAndAutoScaling() {
    String endpointPrefix = "endpoint/fid-ep/variant/";
    return Stream.of(
        refusal("log group name with a space", "InvalidParameterException", one("Value"
            + " '/aws/sagemaker/Training Jobs' at 'logGroupName'",
            pattern("[\\.\\-_/#A-Za-z0-9]+")), c -> c.logs().createLogGroup(b -> b
            .logGroupName("/aws/sagemaker/Training Jobs"))),
        refusal("log stream name with a colon", "InvalidParameterException", one("Value"
            + " 'algo-1:x' at 'logStreamName'", pattern("[^:*]*")), c -> c.logs()
            .createLogStream(b -> b.logGroupName("/fidelity").logStreamName("algo-1:x"))),
        refusal("GetLogEvents limit of 10001", "InvalidParameterException", one("Value"
            + " '10001' at 'limit'", "Member must have value less than or equal to 10000"),
            c -> c.logs().getLogEvents(b -> b.logGroupName("/fidelity").logStreamName("s")
                .limit(10_001))),
        refusal("scalable target id with a control character", VALIDATION, one("Value '"
            + endpointPrefix + "All\u0001Traffic' at 'resourceId'", pattern(
                "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*")),
            c -> c.autoScaling().registerScalableTarget(b -> b
                .serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId(endpointPrefix + "All\u0001Traffic")
                .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
                .minCapacity(1).maxCapacity(2))),
        refusal("scaling policy name of 257 characters", VALIDATION, one("Value '"
            + "p".repeat(257) + "' at 'policyName'",
            "Member must have length less than or equal to 256"), c -> c.autoScaling()
            .putScalingPolicy(b -> b.policyName("p".repeat(257))
                .serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId(endpointPrefix + "AllTraffic")
                .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
                .policyType(PolicyType.TARGET_TRACKING_SCALING))));
  }

  private static Refusal refusal(String description, String code, String message,
      Consumer<Clients> call) {
    return new Refusal(description, code, message, call);
  }

  /** A CreateTrainingJob, otherwise valid, that breaks one model constraint. */
  private static Refusal training(String description,
      Consumer<CreateTrainingJobRequest.Builder> change, String valueAt, String constraint) {
    return refusal(description, VALIDATION, one(valueAt, constraint), job(change));
  }

  private static Consumer<Clients> job(Consumer<CreateTrainingJobRequest.Builder> change) {
    return c -> {
      CreateTrainingJobRequest.Builder request = valid("fid-job");
      change.accept(request);
      c.sageMaker().createTrainingJob(request.build());
    };
  }

  private static Consumer<CreateTrainingJobRequest.Builder> resources(String type, int count,
      int volumeGb) {
    return b -> b.resourceConfig(ResourceConfig.builder().instanceType(type)
        .instanceCount(count).volumeSizeInGB(volumeGb).build());
  }

  private static Consumer<CreateTrainingJobRequest.Builder> image(String image) {
    return b -> b.algorithmSpecification(a -> a.trainingImage(image).trainingInputMode("File"));
  }

  private static Refusal model(String description,
      Consumer<ContainerDefinition.Builder> container, String valueAt, String constraint) {
    return refusal(description, VALIDATION, one(valueAt, constraint), c -> c.sageMaker()
        .createModel(b -> b.modelName("fid-model").executionRoleArn(Hosting.ROLE)
            .primaryContainer(container)));
  }

  private static Refusal config(String description, Consumer<ProductionVariant.Builder> change,
      String valueAt, String constraint) {
    return refusal(description, VALIDATION, one(valueAt, constraint), c -> c.sageMaker()
        .createEndpointConfig(b -> b.endpointConfigName("fid-config")
            .productionVariants(variant(change))));
  }

  private static ProductionVariant variant(Consumer<ProductionVariant.Builder> change) {
    ProductionVariant.Builder variant = Hosting.variant("AllTraffic", "fid-model", 1, 1f)
        .toBuilder();
    change.accept(variant);
    return variant.build();
  }

  private static Refusal definition(String description,
      Consumer<CreateDataQualityJobDefinitionRequest.Builder> change, String valueAt,
      String constraint) {
    return refusal(description, VALIDATION, one(valueAt, constraint), c -> {
      var request = Monitoring.definition("fid-dq", "fid-ep", "s3://fraud-monitoring/baseline");
      change.accept(request);
      c.sageMaker().createDataQualityJobDefinition(request.build());
    });
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static List<String> keys(int n) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add("k" + i);
    }
    return keys;
  }

  /** AWS's message for a single failure. */
  private static String one(String valueAt, String constraint) {
    return "1 validation error detected: " + valueAt + " failed to satisfy constraint: "
        + constraint;
  }

  private static String pattern(String regex) {
    return "Member must satisfy regular expression pattern: " + regex;
  }

  /** The enum set as AWS prints it, from the shipped model (botocore's values, in order). */
  private static String enumOf(String shape) {
    List<String> values = ServiceModel.load("sagemaker").shape(shape).enumValues();
    assertThat(values).contains("ml.m5.xlarge").doesNotContain("ml.banana.huge");
    return "Member must satisfy enum value set: [" + String.join(", ", values) + "]";
  }
}
