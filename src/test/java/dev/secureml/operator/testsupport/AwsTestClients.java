package dev.secureml.operator.testsupport;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * Real AWS SDK clients pointed at a local endpoint (the emulator or moto): us-east-1, dummy
 * credentials, and no retries, so every injected fault reaches the test.
 */
public final class AwsTestClients {
  private static final StaticCredentialsProvider DUMMY =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCALTEST", "local-secret"));

  private AwsTestClients() {}

  public static SageMakerClient sageMaker(URI endpoint) {
    return local(SageMakerClient.builder(), endpoint);
  }

  public static CloudWatchLogsClient logs(URI endpoint) {
    return local(CloudWatchLogsClient.builder(), endpoint);
  }

  public static SageMakerRuntimeClient sageMakerRuntime(URI endpoint) {
    return local(SageMakerRuntimeClient.builder(), endpoint);
  }

  public static ApplicationAutoScalingClient autoScaling(URI endpoint) {
    return local(ApplicationAutoScalingClient.builder(), endpoint);
  }

  /** Path-style, because a local endpoint has no per-bucket host names. */
  public static S3Client s3(URI endpoint) {
    return local(S3Client.builder().forcePathStyle(true), endpoint);
  }

  /** As {@link #s3(URI)}, with interceptors that see every call (to count them, say). */
  public static S3Client s3(URI endpoint, ExecutionInterceptor... interceptors) {
    return local(S3Client.builder().forcePathStyle(true), endpoint,
        o -> o.executionInterceptors(List.of(interceptors)));
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C local(
      B builder, URI endpoint) {
    return local(builder, endpoint, o -> { });
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C local(
      B builder, URI endpoint, Consumer<ClientOverrideConfiguration.Builder> more) {
    return builder
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(DUMMY)
        .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
        .overrideConfiguration(o -> more.accept(o.retryStrategy(AwsRetryStrategy.doNotRetry())))
        .build();
  }
}
