package dev.secureml.operator.local.emulator;

import static dev.secureml.operator.local.emulator.TrainingJobRequests.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secureml.operator.testsupport.AwsTestClients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CheckpointConfig;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.ResourceConfig;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.StoppingCondition;
import software.amazon.awssdk.services.sagemaker.model.VpcConfig;

/** The errors SageMaker really sends: codes and exact messages. */
class SageMakerErrorsTest {
  private static AwsEmulator emulator;
  private static SageMakerClient sageMaker;

  @BeforeAll
  static void start() {
    emulator = AwsEmulator.start(EmulatorOptions.defaults());
    sageMaker = AwsTestClients.sageMaker(emulator.endpoint());
  }

  @AfterAll
  static void stop() {
    sageMaker.close();
    emulator.close();
  }

  @Test
  void describeAndStopOfUnknownJobSayRequestedResourceNotFound() {
    assertValidation(() -> sageMaker.describeTrainingJob(b -> b.trainingJobName("no-such-job")),
        "Requested resource not found.");
    assertValidation(() -> sageMaker.stopTrainingJob(b -> b.trainingJobName("no-such-job")),
        "Requested resource not found.");
  }

  @Test
  void secondJobWithTheSameNameIsResourceInUse() {
    sageMaker.createTrainingJob(valid("Twice-Named").build());
    ResourceInUseException e = catchThrowableOfType(ResourceInUseException.class,
        () -> sageMaker.createTrainingJob(valid("twice-named").build()));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceInUse");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Training job names must be unique"
        + " within an AWS account and region, and a training job with this name already exists"
        + " (arn:aws:sagemaker:us-east-1:111122223333:training-job/twice-named)");
    assertThat(emulator.journal().operations("SageMaker.CreateTrainingJob"))
        .extracting(JournalEntry::errorCode).containsSubsequence(null, "ResourceInUse");
  }

  @Test
  void concurrentCreatesOfOneNameLetExactlyOneWin() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> attempts = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        attempts.add(pool.submit(() -> {
          try {
            sageMaker.createTrainingJob(valid("raced-name").build());
            return true;
          } catch (ResourceInUseException lost) {
            return false;
          }
        }));
      }
      int winners = 0;
      for (Future<Boolean> attempt : attempts) {
        winners += attempt.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void badNameFailsTheNamePattern() {
    assertValidation(() -> sageMaker.createTrainingJob(valid("bad_name.v1").build()),
        "1 validation error detected: Value 'bad_name.v1' at 'trainingJobName' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern:"
            + " [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
  }

  @Test
  void nameLongerThan63BreaksLengthAndPattern() {
    String name = "a".repeat(64);
    assertValidation(() -> sageMaker.createTrainingJob(valid(name).build()),
        "2 validation errors detected: Value '" + name + "' at 'trainingJobName' failed to"
            + " satisfy constraint: Member must have length less than or equal to 63; Value '"
            + name + "' at 'trainingJobName' failed to satisfy constraint: Member must satisfy"
            + " regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
  }

  @Test
  void severalBrokenFieldsAreReportedTogether() {
    CreateTrainingJobRequest request = valid("many-errors")
        .roleArn("arn:aws:iam::1234:role/short")
        .resourceConfig(ResourceConfig.builder().instanceType("ml.m5.xlarge").instanceCount(1)
            .volumeSizeInGB(30).build())
        .stoppingCondition(StoppingCondition.builder().maxRuntimeInSeconds(0).build())
        .build();
    assertValidation(() -> sageMaker.createTrainingJob(request),
        "2 validation errors detected:"
            + " Value 'arn:aws:iam::1234:role/short' at 'roleArn' failed to satisfy constraint:"
            + " Member must satisfy regular expression pattern:"
            + " arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+"
            + "; Value '0' at 'stoppingCondition.maxRuntimeInSeconds' failed to satisfy"
            + " constraint: Member must have value greater than or equal to 1");
  }

  @Test
  void channelsAndS3UrisAreChecked() {
    assertValidation(() -> sageMaker.createTrainingJob(valid("bad-channel")
            .inputDataConfig(TrainingJobRequests.channel("train data", "fraud-data/train/")).build()),
        "2 validation errors detected: Value 'train data' at"
            + " 'inputDataConfig.1.member.channelName' failed to satisfy constraint: Member must"
            + " satisfy regular expression pattern: [A-Za-z0-9\\.\\-_]+; Value 'fraud-data/train/'"
            + " at 'inputDataConfig.1.member.dataSource.s3DataSource.s3Uri' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern:"
            + " (https|s3)://([^/]+)/?(.*)");
  }

  @Test
  void tooManySecurityGroupsAreRejected() {
    assertValidation(() -> sageMaker.createTrainingJob(valid("six-sgs").vpcConfig(VpcConfig
            .builder().subnets("subnet-1").securityGroupIds("sg-1", "sg-2", "sg-3", "sg-4",
                "sg-5", "sg-6").build()).build()),
        "1 validation error detected: Value '[sg-1, sg-2, sg-3, sg-4, sg-5, sg-6]' at"
            + " 'vpcConfig.securityGroupIds' failed to satisfy constraint: Member must have"
            + " length less than or equal to 5");
  }

  @Test
  void tagsAndHyperParametersHaveLimits() {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < 101; i++) {
      params.put("p" + i, "1");
    }
    assertValidation(() -> sageMaker.createTrainingJob(valid("many-params")
            .hyperParameters(params).build()),
        "1 validation error detected: Value '" + params + "' at 'hyperParameters' failed to"
            + " satisfy constraint: Member must have length less than or equal to 100");
    assertValidation(() -> sageMaker.createTrainingJob(valid("bad-tag")
            .tags(t -> t.key("team#1").value("fraud")).build()),
        "1 validation error detected: Value 'team#1' at 'tags.1.member.key' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern: "
            + "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)");
  }

  @Test
  void missingTrainingInputModeIsNotNull() {
    assertValidation(() -> sageMaker.createTrainingJob(valid("no-mode")
            .algorithmSpecification(a -> a.trainingImage(TrainingJobRequests.IMAGE)).build()),
        "1 validation error detected: Value null at 'algorithmSpecification.trainingInputMode'"
            + " failed to satisfy constraint: Member must not be null");
  }

  @Test
  void maxRuntimeIsCappedAt28Days() {
    assertValidation(() -> sageMaker.createTrainingJob(valid("forever").stoppingCondition(
            StoppingCondition.builder().maxRuntimeInSeconds(28 * 24 * 3600 + 1).build()).build()),
        "MaxRuntimeInSeconds 2419201 exceeds the maximum allowed value of 2419200 seconds (28 days).");
  }

  @Test
  void spotNeedsMaxWaitAtLeastMaxRuntimeAndACheckpoint() {
    assertValidation(() -> sageMaker.createTrainingJob(valid("spot-no-wait")
            .enableManagedSpotTraining(true).build()),
        "Invalid MaxWaitTimeInSeconds. It must be present and be greater than or equal to"
            + " MaxRuntimeInSeconds");
    assertValidation(() -> sageMaker.createTrainingJob(valid("spot-short-wait")
            .enableManagedSpotTraining(true).stoppingCondition(StoppingCondition.builder()
                .maxRuntimeInSeconds(3600).maxWaitTimeInSeconds(1800).build())
            .checkpointConfig(CheckpointConfig.builder().s3Uri("s3://fraud-models/ckpt/").build())
            .build()),
        "Invalid MaxWaitTimeInSeconds. It must be present and be greater than or equal to"
            + " MaxRuntimeInSeconds");
    assertValidation(() -> sageMaker.createTrainingJob(valid("spot-no-ckpt")
            .enableManagedSpotTraining(true).stoppingCondition(StoppingCondition.builder()
                .maxRuntimeInSeconds(3600).maxWaitTimeInSeconds(3600).build()).build()),
        "CheckpointConfig.S3Uri is required when EnableManagedSpotTraining is true, so that"
            + " interrupted spot training can resume.");
  }

  @Test
  void volumeKmsKeyIsRefusedOnNvmeInstanceTypes() {
    String key = "arn:aws:kms:us-east-1:111122223333:key/abc";
    assertValidation(() -> sageMaker.createTrainingJob(valid("nvme-kms").resourceConfig(
            ResourceConfig.builder().instanceType("ml.g5.xlarge").instanceCount(1)
                .volumeSizeInGB(30).volumeKmsKeyId(key).build()).build()),
        "Instance type ml.g5.xlarge is not supported for VolumeKmsKeyId: its storage volumes are"
            + " local NVMe instance stores, which SageMaker encrypts with a hardware module."
            + " Remove VolumeKmsKeyId and try again.");
    sageMaker.createTrainingJob(valid("ebs-kms").resourceConfig(ResourceConfig.builder()
        .instanceType("ml.m5.xlarge").instanceCount(1).volumeSizeInGB(30).volumeKmsKeyId(key)
        .build()).build());
  }

  @Test
  void unknownOperationIsReportedNotIgnored() {
    SageMakerException e = catchThrowableOfType(SageMakerException.class,
        () -> sageMaker.describeTransformJob(b -> b.transformJobName("x")));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
  }

  private static void assertValidation(ThrowingCallable call, String message) {
    SageMakerException e = catchThrowableOfType(SageMakerException.class, call);
    assertThat(e).as("expected a ValidationException").isNotNull();
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    assertThat(e.requestId()).isNotBlank();
  }
}
