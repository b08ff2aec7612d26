package dev.secureml.operator.sagemaker;

import dev.secureml.operator.policy.S3Uri;

/**
 * A parsed {@code s3://bucket/key} URI for the S3 adapters. Parsing is {@link S3Uri}'s, the
 * same strict grammar the policy judged the resource's URIs with, so the adapters never read or
 * write a location the policy would have refused (S3Uri lives in policy because policy may use
 * only the api package, and every package that needs it may use policy).
 */
public record S3Location(String bucket, String key) {

  /** An object location: the key must not be empty. */
  public static S3Location parseObject(String uri) {
    S3Location location = parsePrefix(uri);
    if (location.key().isEmpty()) {
      throw new IllegalArgumentException("S3 URI names no object key: " + location.uri());
    }
    return location;
  }

  /** A prefix location: {@code s3://bucket}, {@code s3://bucket/} and deeper prefixes. */
  public static S3Location parsePrefix(String uri) {
    return of(S3Uri.parse(uri));
  }

  /**
   * The location {@code relative} below this one taken as a folder:
   * {@code s3://b/out} and {@code s3://b/out/} with {@code x/y.json} both give
   * {@code s3://b/out/x/y.json}.
   */
  public S3Location resolve(String relative) {
    return of(new S3Uri(bucket, key).resolve(relative));
  }

  /** Back to {@code s3://bucket/key}. */
  public String uri() {
    return new S3Uri(bucket, key).uri();
  }

  private static S3Location of(S3Uri uri) {
    return new S3Location(uri.bucket(), uri.key());
  }
}
