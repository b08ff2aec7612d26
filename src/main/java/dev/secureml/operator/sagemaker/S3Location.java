package dev.secureml.operator.sagemaker;

import java.util.regex.Pattern;

/**
 * A parsed {@code s3://bucket/key} URI. Parsing is strict, so a typo in a spec or a policy
 * fails at once with a message instead of reading or writing somewhere unexpected.
 */
public record S3Location(String bucket, String key) {
  private static final String SCHEME = "s3://";
  /** S3's rules for bucket names created since 2018: 3-63 of [a-z0-9.-], alphanumeric ends. */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /** An object location: the key must not be empty. */
  public static S3Location parseObject(String uri) {
    S3Location location = parse(uri);
    if (location.key().isEmpty()) {
      throw new IllegalArgumentException("S3 URI names no object key: " + uri);
    }
    return location;
  }

  /** A prefix location: {@code s3://bucket}, {@code s3://bucket/} and deeper prefixes. */
  public static S3Location parsePrefix(String uri) {
    return parse(uri);
  }

  private static S3Location parse(String uri) {
    if (uri == null || !uri.startsWith(SCHEME)) {
      throw new IllegalArgumentException("Not an s3:// URI: " + uri);
    }
    String rest = uri.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      throw new IllegalArgumentException("Invalid S3 bucket name '" + bucket + "' in " + uri);
    }
    if (key.startsWith("/")) {
      throw new IllegalArgumentException("S3 key must not start with '/': " + uri);
    }
    return new S3Location(bucket, key);
  }

  /**
   * The location {@code relative} below this one taken as a folder:
   * {@code s3://b/out} and {@code s3://b/out/} with {@code x/y.json} both give
   * {@code s3://b/out/x/y.json}.
   */
  public S3Location resolve(String relative) {
    if (relative.startsWith("/")) {
      throw new IllegalArgumentException("relative S3 key must not start with '/': " + relative);
    }
    String folder = key.isEmpty() || key.endsWith("/") ? key : key + "/";
    return new S3Location(bucket, folder + relative);
  }

  /** Back to {@code s3://bucket/key}. */
  public String uri() {
    return SCHEME + bucket + "/" + key;
  }
}
