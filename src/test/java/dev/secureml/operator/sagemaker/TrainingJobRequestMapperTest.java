package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.policy.ResolvedTrainingSettings;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** Golden: job.yaml + settings.yaml -> request.json, exactly as the request goes on the wire. */
class TrainingJobRequestMapperTest {
  private static final String SUITE = "create-training-job";

  static Stream<String> cases() {
    return Golden.cases(SUITE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mapsSpecAndResolvedPolicyToTheGoldenRequest(String name) {
    CreateTrainingJobRequest request = requestFor(name);

    Golden.assertMatches(SdkJson.toJson(request),
        Golden.ROOT.resolve(SUITE).resolve(name).resolve("request.json"));
  }

  @Test
  void ownershipTagsComeLastAndCannotBeOverridden() {
    CreateTrainingJobRequest request = requestFor("nvme-audit-no-vpc");

    assertThat(request.tags()).extracting(Tag::key).containsExactly(
        "Environment", "team",
        "secureml.dev/namespace", "secureml.dev/name", "secureml.dev/uid");
    assertThat(request.tags()).filteredOn(t -> t.key().equals("secureml.dev/uid"))
        .extracting(Tag::value).containsExactly("c41d8e2f-9a07-4c55-8b1e-6d3f2a9e0b77");
  }

  @Test
  void leavesTheVolumeKeyOutForNvmeInstanceTypes() {
    assertThat(requestFor("nvme-audit-no-vpc").resourceConfig().volumeKmsKeyId()).isNull();
    assertThat(requestFor("basic").resourceConfig().volumeKmsKeyId())
        .isEqualTo("arn:aws:kms:us-east-1:111122223333:key/hc-volume-1111");
  }

  @Test
  void isDeterministic() {
    assertThat(requestFor("spot-with-checkpoints")).isEqualTo(requestFor("spot-with-checkpoints"));
  }

  static CreateTrainingJobRequest requestFor(String name) {
    Path dir = Golden.ROOT.resolve(SUITE).resolve(name);
    SecureTrainingJob job = Golden.readYaml(dir.resolve("job.yaml"), SecureTrainingJob.class);
    ResolvedTrainingSettings settings = Golden.readYaml(dir.resolve("settings.yaml"),
        ResolvedTrainingSettings.class);
    String jobName = SageMakerNames.forResource(job.getMetadata().getNamespace(),
        job.getMetadata().getName(), job.getMetadata().getUid());
    return TrainingJobRequestMapper.toCreateRequest(job, jobName, settings);
  }
}
