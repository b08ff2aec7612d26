package dev.secureml.operator.sagemaker;

import dev.secureml.operator.api.TagKeys;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tags that tie a SageMaker resource to the custom resource that created it. Whether a resource
 * is owned is decided by {@link ResourceOwner#owns}: all three tags, never the uid alone.
 */
public final class OwnershipTags {
  public static final String PREFIX = TagKeys.RESERVED_PREFIX;
  public static final String NAMESPACE = PREFIX + "namespace";
  public static final String NAME = PREFIX + "name";
  public static final String UID = PREFIX + "uid";

  private OwnershipTags() {}

  /** The three ownership tags, in a fixed order. */
  public static Map<String, String> of(String namespace, String name, String uid) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(NAMESPACE, namespace);
    tags.put(NAME, name);
    tags.put(UID, uid);
    return tags;
  }

  /** True for keys in the reserved {@code secureml.dev/} namespace, in any case or width. */
  public static boolean isReserved(String key) {
    return TagKeys.reserved(key);
  }
}
