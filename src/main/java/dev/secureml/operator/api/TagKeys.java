package dev.secureml.operator.api;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Tag keys as the operator compares them. One definition for the policy, which refuses user tags
 * in the reserved namespace, and the request mappers, which drop them before adding the
 * ownership tags that decide whether a SageMaker resource is ours.
 */
public final class TagKeys {
  /** The operator's own tags ({@code secureml.dev/uid} and the others) start with this. */
  public static final String RESERVED_PREFIX = "secureml.dev/";

  private TagKeys() {}

  /**
   * Whether the key starts with the reserved prefix in any case or character width: AWS would
   * keep {@code SecureML.dev/uid} apart from {@code secureml.dev/uid}, a person or a tool
   * comparing keys case-insensitively would not.
   */
  public static boolean reserved(String key) {
    return key != null && fold(key).startsWith(RESERVED_PREFIX);
  }

  /**
   * The key as a person reads it: compatibility-normalised (fullwidth letters become ASCII) and
   * case-folded (upper then lower case, so that the long s and the Kelvin sign fold too).
   */
  public static String fold(String key) {
    return Normalizer.normalize(key, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT)
        .toLowerCase(Locale.ROOT);
  }
}
