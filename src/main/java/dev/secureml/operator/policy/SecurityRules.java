package dev.secureml.operator.policy;

import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.Requirement;
import dev.secureml.operator.api.SecureTrainingJobSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Data classification, network isolation, inter-container encryption, role and KMS key.
 *
 * <p>Messages about the role and key never echo the policy's values: a user only learns that
 * the platform sets them, not another team's ARNs.
 */
final class SecurityRules {
  /**
   * @param classificationKey the KMS key of the job's classification; null when there is none
   */
  record Result(List<Violation> violations, String classificationKey, boolean networkIsolation,
      boolean interContainerTrafficEncryption) {}

  private SecurityRules() {}

  static Result check(CompliancePolicySpec policy, SecureTrainingJobSpec spec) {
    List<Violation> out = new ArrayList<>();
    SecureTrainingJobSpec.Security sec =
        spec.security == null ? new SecureTrainingJobSpec.Security() : spec.security;

    String key = classificationKey(out, policy, spec.dataClassification);

    Requirement isolation = networkIsolation(policy);
    if (isolation == Requirement.Required && Boolean.FALSE.equals(sec.networkIsolation)) {
      out.add(new Violation("spec.security.networkIsolation", "NetworkIsolationRequired",
          "network isolation is required by the CompliancePolicy; remove "
              + "spec.security.networkIsolation or set it to true"));
    }
    Requirement encryption = interContainerTrafficEncryption(policy);
    if (encryption == Requirement.Required
        && Boolean.FALSE.equals(sec.interContainerTrafficEncryption)) {
      out.add(new Violation("spec.security.interContainerTrafficEncryption",
          "InterContainerEncryptionRequired", "inter-container traffic encryption is required "
              + "by the CompliancePolicy; remove spec.security.interContainerTrafficEncryption "
              + "or set it to true"));
    }

    if (!ResourceRules.blank(sec.roleArn) && !sec.roleArn.equals(policy.executionRoleArn)) {
      out.add(new Violation("spec.security.roleArn", "RoleNotAllowed",
          "the execution role is set by the CompliancePolicy; remove spec.security.roleArn"));
    }
    if (!ResourceRules.blank(sec.kmsKeyId) && !sec.kmsKeyId.equals(key)) {
      out.add(new Violation("spec.security.kmsKeyId", "KmsKeyNotAllowed",
          "the KMS key is set by the CompliancePolicy from the data classification; remove "
              + "spec.security.kmsKeyId"));
    }

    return new Result(out, key, resolve(isolation, sec.networkIsolation),
        resolve(encryption, sec.interContainerTrafficEncryption));
  }

  /**
   * The KMS key of a resource's data classification, for every kind. Adds
   * NoKmsKeyForClassification when the policy has no key for it; returns null then, and the
   * engine denies even under Audit because there is no key to fill in.
   */
  static String classificationKey(List<Violation> out, CompliancePolicySpec policy,
      String classification) {
    String key = KmsKeyResolver.keyFor(policy, classification);
    if (key == null && !ResourceRules.blank(classification)) {
      // A missing classification is reported as MissingField; no second message for it.
      List<String> known = KmsKeyResolver.classifications(policy);
      out.add(new Violation("spec.dataClassification", "NoKmsKeyForClassification",
          "data classification " + classification + " has no KMS key in the "
              + "CompliancePolicy; classifications with keys: "
              + (known.isEmpty() ? "none" : String.join(", ", known))));
    }
    return key;
  }

  /** The policy's network isolation requirement; Required unless the policy says otherwise. */
  static Requirement networkIsolation(CompliancePolicySpec policy) {
    return policy.network == null || policy.network.networkIsolation == null
        ? Requirement.Required : policy.network.networkIsolation;
  }

  /** The policy's inter-container encryption requirement; Required unless it says otherwise. */
  static Requirement interContainerTrafficEncryption(CompliancePolicySpec policy) {
    return policy.network == null || policy.network.interContainerTrafficEncryption == null
        ? Requirement.Required : policy.network.interContainerTrafficEncryption;
  }

  /** Required forces the control on; Optional leaves it to the user, on by default. */
  static boolean resolve(Requirement requirement, Boolean requested) {
    return requirement == Requirement.Required || requested == null || requested;
  }
}
