package dev.secureml.operator.policy;

import dev.secureml.operator.api.CompliancePolicySpec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Chooses the KMS keys for a resource from its data classification.
 *
 * <p>The key is always the policy's: users never pick a key, because a key they control would
 * let them read data of a higher classification outside the platform's audit trail.
 */
final class KmsKeyResolver {
  private KmsKeyResolver() {}

  /** The classification's key, or null when the policy has none for it. */
  static String keyFor(CompliancePolicySpec policy, String classification) {
    Map<String, String> keys = keys(policy);
    return classification == null ? null : keys.get(classification);
  }

  /** The classifications that have a key, sorted, for messages. */
  static List<String> classifications(CompliancePolicySpec policy) {
    return List.copyOf(new TreeSet<>(keys(policy).keySet()));
  }

  /**
   * The ML storage volume key (training's VolumeKmsKeyId, hosting's EndpointConfig.KmsKeyId):
   * null when any of the instance types has local NVMe storage, where SageMaker rejects the key
   * (see {@link NvmeInstanceTypes}). One EndpointConfig carries one key for all its variants, so
   * a single NVMe variant drops it for the whole config.
   */
  static String volumeKey(String classificationKey, Collection<String> instanceTypes) {
    return instanceTypes.stream().anyMatch(NvmeInstanceTypes::hasLocalNvme)
        ? null : classificationKey;
  }

  private static Map<String, String> keys(CompliancePolicySpec policy) {
    return policy.encryption == null || policy.encryption.kmsKeyByClassification == null
        ? Map.of() : policy.encryption.kmsKeyByClassification;
  }
}
