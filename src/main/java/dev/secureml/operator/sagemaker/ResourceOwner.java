package dev.secureml.operator.sagemaker;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;

/**
 * The custom resource a SageMaker resource belongs to. Its uid is the identity: Kubernetes
 * never reuses one, so a re-created resource of the same name is a different owner.
 */
public record ResourceOwner(String namespace, String name, String uid) {
  public ResourceOwner {
    if (namespace == null || name == null || uid == null || uid.isEmpty()) {
      throw new IllegalArgumentException("namespace, name and uid are required, got "
          + namespace + "/" + name + " uid=" + uid);
    }
  }

  public static ResourceOwner of(ObjectMeta meta) {
    return new ResourceOwner(meta.getNamespace(), meta.getName(), meta.getUid());
  }

  /** The ownership tags every SageMaker resource of this owner carries. */
  public Map<String, String> tags() {
    return OwnershipTags.of(namespace, name, uid);
  }

  /**
   * True when the tags name this owner: all three ownership tags present and equal. A missing
   * or different tag means another owner's resource (or nobody's), never ours.
   */
  public boolean owns(Map<String, String> tags) {
    return tags != null && tags().entrySet().stream()
        .allMatch(e -> e.getValue().equals(tags.get(e.getKey())));
  }

  @Override
  public String toString() {
    return namespace + "/" + name + " (uid " + uid + ")";
  }
}
