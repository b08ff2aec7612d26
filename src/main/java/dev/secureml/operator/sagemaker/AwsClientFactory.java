package dev.secureml.operator.sagemaker;

import java.time.Duration;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Builds the AWS clients the operator uses, all configured the same way from {@link AwsSettings}:
 * region, optional endpoint override, credentials, standard retries, HTTP timeouts. Clients are
 * thread-safe; build each once and share it.
 */
public final class AwsClientFactory {
  // Static keys only ever sent to an endpoint override (see AwsSettings.useDummyCredentials).
  private static final AwsBasicCredentials DUMMY =
      AwsBasicCredentials.create("secureml-local", "secureml-local");

  private final AwsSettings settings;
  private final UnaryOperator<RetryStrategy> retryTuning;

  public AwsClientFactory(AwsSettings settings) {
    this(settings, UnaryOperator.identity());
  }

  /** For tests: e.g. retry without backoff delays, so retry paths run in milliseconds. */
  AwsClientFactory(AwsSettings settings, UnaryOperator<RetryStrategy> retryTuning) {
    this.settings = settings;
    this.retryTuning = retryTuning;
  }

  public AwsSettings settings() {
    return settings;
  }

  public SageMakerClient sageMaker() {
    return configure(SageMakerClient.builder()).build();
  }

  /** Application Auto Scaling, for endpoint variant autoscaling. */
  public ApplicationAutoScalingClient applicationAutoScaling() {
    return configure(ApplicationAutoScalingClient.builder()).build();
  }

  public CloudWatchLogsClient cloudWatchLogs() {
    return configure(CloudWatchLogsClient.builder()).build();
  }

  /**
   * CloudWatch Logs for the log forwarder, with no SDK retries: the forwarder keeps every call
   * inside one shared per-second budget and backs off itself, and hidden SDK retries of throttled
   * calls would go past that budget.
   */
  public CloudWatchLogsClient cloudWatchLogsForForwarding() {
    return configure(CloudWatchLogsClient.builder(), 1).build();
  }

  public S3Client s3() {
    // Against a local endpoint, virtual-host addressing would ask DNS for <bucket>.localhost.
    return configure(S3Client.builder())
        .forcePathStyle(settings.endpointOverride() != null)
        .build();
  }

  /** The shared token buckets for SageMaker calls, at the configured rate. */
  public RateLimiter sageMakerRateLimiter() {
    return new RateLimiter(settings.sageMakerCallsPerSecond(), settings.burst());
  }

  /**
   * The SDK's standard retry strategy (exponential backoff with jitter, longer backoff for
   * throttling, AWS's retryable codes) limited to {@code maxAttempts}.
   */
  public static RetryStrategy retryStrategy(int maxAttempts) {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build();
  }

  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
    return configure(builder, settings.maxAttempts());
  }

  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder,
      int maxAttempts) {
    builder.region(Region.of(settings.region()))
        .credentialsProvider(credentials())
        .httpClientBuilder(ApacheHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(30))
            .connectionAcquisitionTimeout(Duration.ofSeconds(10))
            .maxConnections(50)
            .tcpKeepAlive(true))
        .overrideConfiguration(o -> o
            .retryStrategy(retryTuning.apply(retryStrategy(maxAttempts)))
            // One attempt must not hang a reconcile thread; the whole call is bounded too.
            .apiCallAttemptTimeout(Duration.ofSeconds(30))
            .apiCallTimeout(Duration.ofMinutes(2)));
    if (settings.endpointOverride() != null) {
      builder.endpointOverride(settings.endpointOverride());
    }
    return builder;
  }

  private AwsCredentialsProvider credentials() {
    if (settings.useDummyCredentials()) {
      return StaticCredentialsProvider.create(DUMMY);
    }
    // IRSA, EKS Pod Identity, environment, profiles, instance metadata: the default chain.
    return DefaultCredentialsProvider.builder().build();
  }
}
