package dev.secureml.operator.local.emulator;

/**
 * A bucket and key (or key prefix) named by an {@code s3://bucket/key} URI, as SageMaker
 * requests carry them. Keys never start or end with '/', so joining adds exactly one.
 */
record S3Location(String bucket, String key) {

  /** Reads {@code s3://bucket[/key]} (or {@code https://bucket/key}); slashes around the key go. */
  static S3Location parse(String uri) {
    int scheme = uri.indexOf("://");
    String path = scheme < 0 ? uri : uri.substring(scheme + 3);
    int slash = path.indexOf('/');
    String bucket = slash < 0 ? path : path.substring(0, slash);
    return new S3Location(bucket, slash < 0 ? "" : trim(path.substring(slash + 1)));
  }

  /** This location with {@code path} appended below it. */
  S3Location resolve(String path) {
    String tail = trim(path);
    return new S3Location(bucket, key.isEmpty() ? tail : tail.isEmpty() ? key : key + "/" + tail);
  }

  /** The key as a folder prefix: empty, or ending in '/'. */
  String prefix() {
    return key.isEmpty() ? "" : key + "/";
  }

  String uri() {
    return "s3://" + bucket + (key.isEmpty() ? "" : "/" + key);
  }

  private static String trim(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) == '/') {
      from++;
    }
    while (to > from && s.charAt(to - 1) == '/') {
      to--;
    }
    return s.substring(from, to);
  }
}
