package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

class AwsSettingsTest {
  @TempDir Path home;

  @Test
  void realAwsNeverUsesDummyCredentials() {
    assertThat(AwsSettings.forRegion("us-east-1").useDummyCredentials()).isFalse();
  }

  @Test
  void findsCredentialsConfiguredInTheEnvironment() {
    Properties none = new Properties();
    assertThat(AwsSettings.credentialsConfigured(Map.of(), none, home)).isFalse();
    assertThat(AwsSettings.credentialsConfigured(Map.of("AWS_ACCESS_KEY_ID", "AKIA"), none, home))
        .isTrue();
    assertThat(AwsSettings.credentialsConfigured(
        Map.of("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks/token"), none, home)).isTrue();
    assertThat(AwsSettings.credentialsConfigured(
        Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials"),
        none, home)).isTrue();
    assertThat(AwsSettings.credentialsConfigured(Map.of("AWS_PROFILE", "dev"), none, home))
        .isTrue();
    assertThat(AwsSettings.credentialsConfigured(Map.of("AWS_ACCESS_KEY_ID", " "), none, home))
        .isFalse();

    Properties props = new Properties();
    props.setProperty("aws.accessKeyId", "AKIA");
    assertThat(AwsSettings.credentialsConfigured(Map.of(), props, home)).isTrue();
  }

  @Test
  void findsASharedCredentialsFile() throws Exception {
    Files.createDirectories(home.resolve(".aws"));
    Files.writeString(home.resolve(".aws/credentials"), "[default]\n");
    assertThat(AwsSettings.credentialsConfigured(Map.of(), new Properties(), home)).isTrue();

    Path elsewhere = home.resolve("creds");
    assertThat(AwsSettings.credentialsConfigured(
        Map.of("AWS_SHARED_CREDENTIALS_FILE", elsewhere.toString()), new Properties(), home))
        .isFalse();
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new AwsSettings(" ", null, 3, 5, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AwsSettings("us-east-1", null, 0, 5, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AwsSettings("us-east-1", null, 3, 0, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void factoryBuildsAllThreeClientsForAnEndpointOverride() {
    AwsSettings settings = AwsSettings.forRegion("eu-west-1")
        .withEndpointOverride(URI.create("http://127.0.0.1:4566"));
    AwsClientFactory factory = new AwsClientFactory(settings);

    try (SageMakerClient sageMaker = factory.sageMaker();
        CloudWatchLogsClient logs = factory.cloudWatchLogs();
        S3Client s3 = factory.s3()) {
      assertThat(sageMaker.serviceClientConfiguration().region().id()).isEqualTo("eu-west-1");
      assertThat(sageMaker.serviceClientConfiguration().endpointOverride())
          .contains(URI.create("http://127.0.0.1:4566"));
      assertThat(logs.serviceClientConfiguration().endpointOverride()).isPresent();
      // Path-style: the bucket goes in the path, not in a <bucket>.127.0.0.1 host name.
      assertThat(s3.utilities().getUrl(b -> b.bucket("models").key("a/model.tar.gz")).toString())
          .isEqualTo("http://127.0.0.1:4566/models/a/model.tar.gz");
    }
    assertThat(factory.sageMakerRateLimiter().tryAcquire("DescribeTrainingJob")).isTrue();
  }
}
