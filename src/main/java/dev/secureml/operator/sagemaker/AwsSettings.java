package dev.secureml.operator.sagemaker;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How the operator talks to AWS.
 *
 * @param region AWS region, e.g. us-east-1
 * @param endpointOverride null for the real AWS endpoints; set for the local emulator or a VPC
 *     endpoint
 * @param maxAttempts SDK attempts per call, first try included (the SDK default is 3)
 * @param sageMakerCallsPerSecond sustained rate per SageMaker operation
 * @param burst calls per operation allowed at once before the rate applies
 */
public record AwsSettings(String region, URI endpointOverride, int maxAttempts,
    double sageMakerCallsPerSecond, int burst) {

  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final double DEFAULT_CALLS_PER_SECOND = 5;
  public static final int DEFAULT_BURST = 10;

  /** Environment variables through which the default chain finds credentials without probing. */
  private static final List<String> CREDENTIAL_ENV = List.of(
      "AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
      "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI");

  public AwsSettings {
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("an AWS region is required");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (!(sageMakerCallsPerSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("need sageMakerCallsPerSecond > 0 and burst >= 1, got "
          + sageMakerCallsPerSecond + " and " + burst);
    }
  }

  /** Real AWS endpoints with default retries and rate. */
  public static AwsSettings forRegion(String region) {
    return new AwsSettings(region, null, DEFAULT_MAX_ATTEMPTS, DEFAULT_CALLS_PER_SECOND,
        DEFAULT_BURST);
  }

  /** The same settings against another endpoint (the emulator, a VPC endpoint). */
  public AwsSettings withEndpointOverride(URI endpoint) {
    return new AwsSettings(region, endpoint, maxAttempts, sageMakerCallsPerSecond, burst);
  }

  /**
   * True when the clients should sign with fixed dummy credentials: only with an endpoint
   * override (the local emulator accepts any signature) and when nothing in the environment
   * provides real credentials. With real credentials present they always win, so a VPC endpoint
   * override keeps working with IRSA or EKS Pod Identity.
   */
  public boolean useDummyCredentials() {
    return endpointOverride != null && !credentialsConfigured(System.getenv(),
        System.getProperties(), Path.of(System.getProperty("user.home", ".")));
  }

  /**
   * Whether the default credential chain has a configured source. An EC2 instance profile
   * alone is not detected (finding it means a network probe); set AWS_PROFILE or use IRSA /
   * Pod Identity when combining it with an endpoint override.
   */
  static boolean credentialsConfigured(Map<String, String> env, Properties props, Path home) {
    for (String name : CREDENTIAL_ENV) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return true;
      }
    }
    if (props.getProperty("aws.accessKeyId") != null) {
      return true;
    }
    String file = env.get("AWS_SHARED_CREDENTIALS_FILE");
    Path credentials = file != null ? Path.of(file) : home.resolve(".aws").resolve("credentials");
    return Files.isRegularFile(credentials);
  }
}
