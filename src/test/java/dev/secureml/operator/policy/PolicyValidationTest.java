package dev.secureml.operator.policy;

import static dev.secureml.operator.policy.Fixtures.FRAUD_NS;
import static dev.secureml.operator.policy.Fixtures.expression;
import static dev.secureml.operator.policy.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.Enforcement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Problems with a CompliancePolicy itself, and what an invalid policy does to its jobs. */
class PolicyValidationTest {
  private static final PolicyEngine ENGINE = new PolicyEngine();

  private static Consumer<CompliancePolicySpec> change(Consumer<CompliancePolicySpec> c) {
    return c;
  }

  static Stream<Arguments> policies() {
    return Stream.of(
        arguments("the fixture policy is valid", change(p -> {}), List.of()),
        arguments("an empty instance glob is reported",
            change(p -> p.instances.allowedTypes.add("")),
            List.of("instances.allowedTypes[2] is empty")),
        arguments("an empty hosting instance glob is reported",
            change(p -> {
              p.instances.hosting = new CompliancePolicySpec.Hosting();
              p.instances.hosting.allowedTypes.add(" ");
            }),
            List.of("instances.hosting.allowedTypes[0] is empty")),
        arguments("a hosting maxCount below one is reported",
            change(p -> {
              p.instances.hosting = new CompliancePolicySpec.Hosting();
              p.instances.hosting.allowedTypes.add("ml.c5.*");
              p.instances.hosting.maxCount = 0;
            }),
            List.of("spec.instances.hosting.maxCount: Invalid value: 0: must be greater than or "
                + "equal to 1")),
        arguments("a valid hosting block is fine",
            change(p -> {
              p.instances.hosting = new CompliancePolicySpec.Hosting();
              p.instances.hosting.allowedTypes.add("ml.c5.*");
              p.instances.hosting.maxCount = 4;
            }),
            List.of()),
        arguments("an empty image prefix is reported",
            change(p -> p.images.allowedPrefixes.add(" ")),
            List.of("images.allowedPrefixes[1] is empty")),
        arguments("an S3 prefix that is not an s3 URI is reported",
            change(p -> p.data.allowedS3Prefixes.add("fraud-data/")),
            List.of("spec.data.allowedS3Prefixes[2]: Invalid value: \"fraud-data/\": must match "
                + "'^s3://.+'")),
        arguments("a runtime limit that does not parse is reported",
            change(p -> p.limits.maxRuntime = "1 day"),
            List.of("spec.limits.maxRuntime: Invalid value: \"1 day\": must match "
                + "'^([0-9]+(h|m|s))+$'")),
        arguments("a runtime limit beyond SageMaker's 28 days is reported",
            change(p -> p.limits.maxRuntime = "700h"),
            List.of("spec.limits.maxRuntime: Invalid value: \"700h\": must be between 1s and 672h "
                + "(SageMaker's limit of 28 days)")),
        arguments("a missing network block is reported",
            change(p -> p.network = null), List.of("spec.network: Required value")),
        arguments("a network without subnets is reported",
            change(p -> p.network.subnets.clear()),
            List.of("spec.network.subnets: Invalid value: 0: must have at least 1 items")),
        arguments("a subnet id that is not a subnet is reported",
            change(p -> p.network.subnets.add("vpc-123")),
            List.of("spec.network.subnets[2]: Invalid value: \"vpc-123\": must match "
                + "'^subnet-[0-9a-f]+$'")),
        arguments("a security group id that is not a security group is reported",
            change(p -> p.network.securityGroupIds.set(0, "default")),
            List.of("spec.network.securityGroupIds[0]: Invalid value: \"default\": must match "
                + "'^sg-[0-9a-f]+$'")),
        arguments("a region that is not an AWS region is reported",
            change(p -> p.region = "virginia"),
            List.of("spec.region: Invalid value: \"virginia\": must match "
                + "'^[a-z]{2}(-[a-z]+)+-[0-9]$'")),
        arguments("a rule name that is not lowercase with dashes is reported",
            change(p -> p.rules.add(rule("GPU_Spot", "true", "m"))),
            List.of("spec.rules[0].name: Invalid value: \"GPU_Spot\": must match "
                + "'^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'")),
        // The schema reports these, not a second check of the policy engine's own.
        arguments("a rule with a blank name is reported",
            change(p -> p.rules.add(rule(" ", "true", "m"))),
            List.of("spec.rules[0].name: Invalid value: \" \": must match "
                + "'^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'")),
        arguments("a rule without a name is reported",
            change(p -> p.rules.add(rule(null, "true", "m"))),
            List.of("spec.rules[0].name: Required value")),
        arguments("a null subnet is reported",
            change(p -> p.network.subnets.add(null)),
            List.of("spec.network.subnets[2]: Invalid value: null: must not be null")),
        arguments("six security groups are reported",
            change(p -> {
              for (int i = 1; i <= 5; i++) {
                p.network.securityGroupIds.add("sg-" + i);
              }
            }),
            List.of("spec.network.securityGroupIds: Too many: 6: must have at most 5 items")),
        arguments("41 required tags are reported",
            change(p -> {
              for (int i = 1; i <= 40; i++) {
                p.tags.required.put("team-" + i, "x");
              }
            }),
            List.of("spec.tags.required: Too many: 41: must have at most 40 entries")),
        arguments("a missing encryption block is reported",
            change(p -> p.encryption = null), List.of("spec.encryption: Required value")),
        arguments("an empty key map is reported",
            change(p -> p.encryption.kmsKeyByClassification = new LinkedHashMap<>()),
            List.of("encryption.kmsKeyByClassification is empty")),
        arguments("a KMS key that is not an ARN is reported",
            change(p -> p.encryption.kmsKeyByClassification.put("Public", "my-key")),
            List.of("spec.encryption.kmsKeyByClassification[Public]: Invalid value: \"my-key\": "
                + "must match '" + CompliancePolicySpec.KMS_KEY_PATTERN + "'")),
        arguments("a role that is not an IAM role ARN is reported",
            change(p -> p.executionRoleArn = "arn:aws:iam::111122223333:user/alice"),
            List.of("spec.executionRoleArn: Invalid value: "
                + "\"arn:aws:iam::111122223333:user/alice\": must match '"
                + CompliancePolicySpec.ROLE_ARN_PATTERN + "'")),
        arguments("a missing selector is reported",
            change(p -> p.namespaceSelector = null),
            List.of("spec.namespaceSelector: Required value")),
        arguments("an unknown selector operator is reported",
            change(p -> p.namespaceSelector = expression("env", "Contains", "prod")),
            List.of("namespaceSelector.matchExpressions[0] has operator Contains; use In, NotIn, "
                + "Exists or DoesNotExist")),
        arguments("In without values is reported",
            change(p -> p.namespaceSelector = expression("env", "In")),
            List.of("namespaceSelector.matchExpressions[0] uses In without values")),
        arguments("a required tag with the reserved prefix is reported",
            change(p -> p.tags.required.put("secureml.dev/name", "x")),
            List.of("tags.required.secureml.dev/name uses the reserved prefix secureml.dev/")),
        arguments("duplicate rule names are reported",
            change(p -> {
              p.rules.add(rule("same", "true", "m"));
              p.rules.add(rule("same", "true", "m"));
            }),
            List.of("rules[1] same: duplicate rule name")),
        arguments("a rule that does not return bool is reported",
            change(p -> p.rules.add(rule("not-bool", "'yes'", "m"))),
            List.of("rules[0] not-bool: expression returns string, not bool")),
        arguments("a rule with an empty expression is reported",
            change(p -> p.rules.add(rule("empty", " ", "m"))),
            List.of("rules[0] empty: expression is empty")),
        arguments("a rule without a message is reported",
            change(p -> p.rules.add(rule("silent", "true", null))),
            List.of("spec.rules[0].message: Required value")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void reportsExactlyTheExpectedProblems(String behaviour, Consumer<CompliancePolicySpec> change,
      List<String> expected) {
    assertThat(ENGINE.validatePolicy(Fixtures.policy(change))).containsExactlyElementsOf(expected);
  }

  @Test
  void ruleThatDoesNotCompileIsReportedWithTheCompilerError() {
    CompliancePolicy policy = Fixtures.policy(p -> p.rules.add(
        rule("typo", "spec.resources.instanceType.startsWith('ml.g') && spek.spot", "m")));

    assertThat(ENGINE.validatePolicy(policy)).containsExactly(
        "rules[0] typo: undeclared reference to 'spek' (in container '')");
  }

  @Test
  void invalidPolicyDeniesItsJobsAsNotReadyEvenUnderAudit() {
    CompliancePolicy policy = Fixtures.policy(p -> {
      p.enforcement = Enforcement.Audit;
      p.rules.add(rule("typo", "spek.spot", "m"));
      p.images.allowedPrefixes.add(" ");
    });

    Decision<ResolvedTrainingSettings> d = ENGINE.evaluateTrainingJob(Fixtures.job(), FRAUD_NS, List.of(policy));

    assertThat(d.violations()).containsExactly(new Violation("metadata.namespace",
        "PolicyNotReady", "CompliancePolicy fraud-team is not Ready: images.allowedPrefixes[1] is empty; "
            + "rules[0] typo: undeclared reference to 'spek' (in container '')"));
    assertThat(d.policyName()).isEqualTo("fraud-team");
    assertThat(d.enforcement()).isEqualTo(Enforcement.Audit);
    assertThat(d.allowed()).isFalse();
  }
}
