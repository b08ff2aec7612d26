package dev.secureml.operator.policy;

import java.util.List;

/**
 * Instance types with local NVMe instance storage.
 *
 * <p>SageMaker rejects {@code ResourceConfig.VolumeKmsKeyId} (training) and
 * {@code EndpointConfig.KmsKeyId} (hosting, when any production variant uses one) for these
 * types ("Certain
 * Nitro-based instances include local storage ... you can't request a VolumeKmsKeyId when using
 * an instance type with local storage"; see the VolumeKmsKeyId field of ResourceConfig in the
 * SageMaker API reference and "Instance types with local instance storage" in the SageMaker
 * developer guide). AWS encrypts those disks itself with a hardware module, so leaving the
 * volume key out loses nothing; the output key still applies.
 *
 * <p>Keep this list to the families AWS documents; when AWS adds one, add it here and a test.
 */
final class NvmeInstanceTypes {
  /** Family prefixes, matched up to the dot so that ml.p4d does not match ml.p4de by accident. */
  static final List<String> FAMILIES = List.of(
      "ml.m5d", "ml.r5d", "ml.c5d",
      "ml.g4dn", "ml.g5", "ml.g6",
      "ml.p3dn", "ml.p4d", "ml.p4de", "ml.p5",
      "ml.trn1", "ml.trn1n");

  private NvmeInstanceTypes() {}

  static boolean hasLocalNvme(String instanceType) {
    if (instanceType == null) {
      return false;
    }
    int dot = instanceType.lastIndexOf('.');
    String family = dot > 0 ? instanceType.substring(0, dot) : instanceType;
    return FAMILIES.contains(family);
  }
}
