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
 * re-created resource with the same name from adopting its predecessor's job. Every kind names
 * its main SageMaker resource (training job, endpoint, monitoring schedule) with
 * {@link #forResource}; immutable parts that a spec change replaces are named with
 * {@link #forContent}.
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
    String base = cut(namespace + "-" + name, MAX_LENGTH - SUFFIX_LENGTH);
    if (base.isEmpty()) {
      base = "secureml";
    }
    return base + "-" + hashHex(uid, HASH_HEX_CHARS);
  }

  /**
   * {@code <base cut short>-<6 hex of SHA-256(content)>}, within 63 characters: the name of a
   * resource SageMaker cannot change, such as a data-quality job definition. Different content
   * gets a different name, so a changed spec creates a new resource beside the old one instead
   * of colliding with it, and the same content always gets the same name, so a lost status
   * write finds the resource again.
   *
   * @param base the owning resource's name (e.g. its monitoring schedule's {@link #forResource})
   * @param content what the resource is made of, e.g. its Create request's JSON without the name
   */
  public static String forContent(String base, String content) {
    if (base == null || content == null) {
      throw new IllegalArgumentException("base and content are required");
    }
    String cut = cut(base, MAX_LENGTH - SUFFIX_LENGTH);
    return (cut.isEmpty() ? "secureml" : cut) + "-" + hashHex(content, HASH_HEX_CHARS);
  }

  /**
   * {@code text} made fit for a name part of at most {@code max} characters: characters
   * SageMaker does not allow become '-', and no '-' is left at either end. May be empty.
   */
  static String cut(String text, int max) {
    // Kubernetes names may contain '.', SageMaker names may not; '_' is handled for safety.
    String base = text.replaceAll("[^a-zA-Z0-9-]", "-");
    if (base.length() > max) {
      base = base.substring(0, Math.max(0, max));
    }
    // The pattern needs an alphanumeric at both ends of the base ("-*" only between them).
    return base.replaceAll("^-+", "").replaceAll("-+$", "");
  }

  /** True when SageMaker accepts the text as a resource name. */
  public static boolean isValid(String candidate) {
    return candidate != null && PATTERN.matcher(candidate).matches();
  }

  /** The first {@code hexChars} hex digits of SHA-256 of the text's UTF-8 bytes. */
  static String hashHex(String text, int hexChars) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, hexChars);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
