package dev.secureml.operator.sagemaker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Deterministic SageMaker resource names for custom resources.
 *
 * <p>The name depends only on the resource's identity, so a lost status write or an operator
 * restart finds the same SageMaker job instead of creating a second one. The uid hash keeps a
 * re-created resource with the same name from adopting its predecessor's job.
 */
public final class SageMakerNames {
  /** SageMaker's pattern for training jobs, models, endpoints, configs and job definitions. */
  public static final Pattern PATTERN = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");

  public static final int MAX_LENGTH = 63;

  private static final int HASH_HEX_CHARS = 6;
  /** "-" plus the hash. */
  private static final int SUFFIX_LENGTH = 1 + HASH_HEX_CHARS;

  private SageMakerNames() {}

  /** {@code <namespace>-<name>-<6 hex of SHA-256(uid)>}, cut to SageMaker's 63 characters. */
  public static String forResource(String namespace, String name, String uid) {
    if (namespace == null || name == null || uid == null || uid.isEmpty()) {
      throw new IllegalArgumentException("namespace, name and uid are required, got "
          + namespace + "/" + name + " uid=" + uid);
    }
    // Kubernetes names may contain '.', SageMaker names may not; '_' is handled for safety.
    String base = (namespace + "-" + name).replaceAll("[^a-zA-Z0-9-]", "-");
    if (base.length() > MAX_LENGTH - SUFFIX_LENGTH) {
      base = base.substring(0, MAX_LENGTH - SUFFIX_LENGTH);
    }
    // The pattern needs an alphanumeric at both ends of the base ("-*" only between them).
    base = base.replaceAll("^-+", "").replaceAll("-+$", "");
    if (base.isEmpty()) {
      base = "secureml";
    }
    return base + "-" + hashOf(uid);
  }

  /** True when SageMaker accepts the text as a resource name. */
  public static boolean isValid(String candidate) {
    return candidate != null && PATTERN.matcher(candidate).matches();
  }

  private static String hashOf(String uid) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(uid.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
