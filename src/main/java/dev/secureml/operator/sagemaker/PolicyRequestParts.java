package dev.secureml.operator.sagemaker;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.VpcConfig;

/** Pieces of Create* requests that every request mapper builds the same way from the policy. */
final class PolicyRequestParts {
  private PolicyRequestParts() {}

  /** The request tags of {@code owner}, as {@link AppliedSettings#tags} lists them. */
  static List<Tag> tags(Map<String, String> resolved, ObjectMeta owner) {
    return tags(resolved, owner.getNamespace(), owner.getName(), owner.getUid());
  }

  /** As {@link #tags(Map, ObjectMeta)}, for an owner known by namespace, name and uid. */
  static List<Tag> tags(Map<String, String> resolved, String namespace, String name,
      String uid) {
    List<Tag> tags = new ArrayList<>();
    AppliedSettings.tags(resolved, OwnershipTags.of(namespace, name, uid))
        .forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
    return tags;
  }

  /**
   * The VpcConfig, or null when the policy names no subnets and no security groups. A
   * half-configured VPC is still sent, so SageMaker rejects it loudly instead of the resource
   * silently running outside the team's network.
   */
  static VpcConfig vpcConfig(List<String> subnets, List<String> securityGroupIds) {
    if (orEmpty(subnets).isEmpty() && orEmpty(securityGroupIds).isEmpty()) {
      return null;
    }
    return VpcConfig.builder()
        .subnets(orEmpty(subnets))
        .securityGroupIds(orEmpty(securityGroupIds))
        .build();
  }

  static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
