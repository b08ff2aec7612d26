package dev.secureml.operator.local.emulator;

import static dev.secureml.operator.local.emulator.TrainingJobRequests.valid;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.secureml.operator.testsupport.AwsTestClients;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;

/**
 * Emulator fidelity, the other way round: what AWS accepts at its edges the emulator accepts
 * too. Among them are values the operator must refuse itself because AWS will not, such as
 * S3 URIs with {@code ..} segments.
 */
@DisplayName("emulator fidelity: accepted at the edge")
class EmulatorAcceptsWhatAwsAcceptsTest {
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

  static Stream<Arguments> accepted() {
    return Stream.of(
        job("job name of exactly 63 characters", "a".repeat(63), b -> { }),
        job("training volume of exactly 16384 GB", "ok-16tib", b -> b.resourceConfig(r -> r
            .instanceType("ml.m5.xlarge").instanceCount(1).volumeSizeInGB(16_384))),
        job("instance type from AWS's list", "ok-g5", b -> b.resourceConfig(r -> r
            .instanceType("ml.g5.xlarge").instanceCount(1).volumeSizeInGB(30))),
        job("S3 URIs with dot segments, which AWS takes as key text", "ok-dots", b -> b
            .inputDataConfig(TrainingJobRequests.channel("train",
                "s3://fraud-data/../exfil-bucket/"))
            .outputDataConfig(o -> o.s3OutputPath("s3://fraud-models/%2e%2e/exfil/"))),
        job("tag value with accented letters and spaces", "ok-unicode-tag", b -> b
            .tags(t -> t.key("team").value("Équipe fraude"))),
        job("hyperparameter value of 2500 characters", "ok-long-param", b -> b
            .hyperParameters(Map.of("notes", "x".repeat(2500)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void acceptsWhatAwsAccepts(String description, Runnable call) {
    assertThatCode(call::run).as(description).doesNotThrowAnyException();
  }

  private static Arguments job(String description, String name,
      Consumer<CreateTrainingJobRequest.Builder> change) {
    return Arguments.of(description, (Runnable) () -> {
      CreateTrainingJobRequest.Builder request = valid(name);
      change.accept(request);
      sageMaker.createTrainingJob(request.build());
    });
  }
}
