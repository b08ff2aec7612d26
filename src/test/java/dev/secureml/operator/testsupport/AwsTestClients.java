package dev.secureml.operator.testsupport;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** Real AWS SDK clients pointed at a local endpoint (the emulator or moto). */
public final class AwsTestClients {
  private static final StaticCredentialsProvider DUMMY =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCALTEST", "local-secret"));

  private AwsTestClients() {}

  /** Without retries, so every injected fault reaches the test. */
  public static SageMakerClient sageMaker(URI endpoint) {
    return SageMakerClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(DUMMY)
        .httpClientBuilder(http())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  public static CloudWatchLogsClient logs(URI endpoint) {
    return CloudWatchLogsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(DUMMY)
        .httpClientBuilder(http())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** Path-style, because a local endpoint has no per-bucket host names. */
  public static S3Client s3(URI endpoint) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(DUMMY)
        .forcePathStyle(true)
        .httpClientBuilder(http())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private static ApacheHttpClient.Builder http() {
    return ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(30));
  }
}
