package dev.secureml.operator.policy;

import static dev.secureml.operator.policy.Fixtures.FRAUD_NS;
import static dev.secureml.operator.policy.Fixtures.security;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.Enforcement;
import dev.secureml.operator.api.SecureTrainingJobSpec;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Audit admits violating jobs but reports every violation, unless settings cannot be filled. */
class AuditEnforcementTest {
  private static final PolicyEngine ENGINE = new PolicyEngine();
  private static final CompliancePolicy AUDIT =
      Fixtures.policy(p -> p.enforcement = Enforcement.Audit);

  private static Decision<ResolvedTrainingSettings> evaluate(Consumer<SecureTrainingJobSpec> change) {
    return ENGINE.evaluateTrainingJob(Fixtures.job(change), FRAUD_NS, List.of(AUDIT));
  }

  @Test
  void violatingJobIsAllowedAndItsViolationsAreReported() {
    Decision<ResolvedTrainingSettings> d = evaluate(j -> {
      j.resources.instanceType = "ml.p4d.24xlarge";
      j.resources.instanceCount = 12;
    });

    assertThat(d.allowed()).isTrue();
    assertThat(d.enforcement()).isEqualTo(Enforcement.Audit);
    assertThat(d.settings().enforcement()).isEqualTo(Enforcement.Audit);
    assertThat(d.violations()).containsExactly(
        new Violation("spec.resources.instanceType", "InstanceTypeNotAllowed",
            "instance type ml.p4d.24xlarge is not allowed; allowed: ml.m5.*, ml.g5.*"),
        new Violation("spec.resources.instanceCount", "InstanceCountExceeded",
            "instance count 12 exceeds the maximum of 8"));
    // p4d has local NVMe storage: still no volume key under Audit.
    assertThat(d.settings().volumeKmsKeyId()).isNull();
    assertThat(d.settings().outputKmsKeyId()).isEqualTo(Fixtures.KEY_HC);
  }

  @Test
  void classificationWithoutKeyIsDeniedEvenUnderAuditBecauseThereIsNoKeyToUse() {
    Decision<ResolvedTrainingSettings> d = evaluate(j -> j.dataClassification = "Secret");

    assertThat(d.allowed()).isFalse();
    assertThat(d.settings()).isNull();
    assertThat(d.policyName()).isEqualTo("fraud-team");
    assertThat(d.violations()).containsExactly(new Violation("spec.dataClassification",
        "NoKmsKeyForClassification", "data classification Secret has no KMS key in the "
            + "CompliancePolicy; classifications with keys: HighlyConfidential, Internal"));
  }

  @Test
  void spotWithoutMaxWaitIsDeniedEvenUnderAuditBecauseThereIsNoWaitToSend() {
    Decision<ResolvedTrainingSettings> d = evaluate(j -> {
      Fixtures.spot(j);
      j.spot.maxWait = null;
    });

    assertThat(d.allowed()).isFalse();
    assertThat(d.violations()).extracting(Violation::rule)
        .containsExactly(PolicyEngine.SCHEMA_VIOLATION);
  }

  @Test
  void runtimeThatDoesNotParseIsDeniedEvenUnderAudit() {
    Decision<ResolvedTrainingSettings> d = evaluate(j -> j.maxRuntime = "soon");

    assertThat(d.allowed()).isFalse();
    assertThat(d.violations()).extracting(Violation::rule)
        .containsExactly(PolicyEngine.SCHEMA_VIOLATION);
  }

  @Test
  void auditedJobStillGetsThePolicysRoleKeyAndRequiredControls() {
    Decision<ResolvedTrainingSettings> d = evaluate(j -> {
      security(j).roleArn = "arn:aws:iam::999999999999:role/admin";
      security(j).kmsKeyId = "arn:aws:kms:us-east-1:999999999999:key/mine";
      security(j).networkIsolation = false;
    });

    assertThat(d.allowed()).isTrue();
    assertThat(d.violations()).extracting(Violation::rule).containsExactly(
        "NetworkIsolationRequired", "RoleNotAllowed", "KmsKeyNotAllowed");
    assertThat(d.settings().roleArn()).isEqualTo(Fixtures.ROLE);
    assertThat(d.settings().volumeKmsKeyId()).isEqualTo(Fixtures.KEY_HC);
    assertThat(d.settings().networkIsolation()).isTrue();
  }

  @Test
  void auditedJobCannotForgeOwnershipTagsOrOverrideRequiredOnes() {
    Decision<ResolvedTrainingSettings> d = evaluate(j -> {
      j.tags.put("secureml.dev/uid", "forged");
      j.tags.put("cost-center", "CC-9999");
    });

    assertThat(d.allowed()).isTrue();
    assertThat(d.violations()).extracting(Violation::rule)
        .containsExactly("RequiredTagOverridden", "ReservedTag");
    assertThat(d.settings().tags()).containsExactly(java.util.Map.entry("cost-center", "CC-1234"));
  }

  @Test
  void auditedJobKeepsItsOwnRuntimeAboveThePolicyLimit() {
    Decision<ResolvedTrainingSettings> d = evaluate(j -> j.maxRuntime = "30h");

    assertThat(d.allowed()).isTrue();
    assertThat(d.violations()).extracting(Violation::rule).containsExactly("MaxRuntimeExceeded");
    assertThat(d.settings().maxRuntimeSeconds()).isEqualTo(108_000L);
  }
}
