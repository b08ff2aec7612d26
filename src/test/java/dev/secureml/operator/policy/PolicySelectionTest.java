package dev.secureml.operator.policy;

import static dev.secureml.operator.policy.Fixtures.FRAUD_NS;
import static dev.secureml.operator.policy.Fixtures.expression;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.Enforcement;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which policy governs a namespace: exactly one, or the job is denied. */
class PolicySelectionTest {
  private static final PolicyEngine ENGINE = new PolicyEngine();
  private static final Map<String, String> FRAUD = Map.of("secureml.dev/team", "fraud");
  private static final Map<String, String> FRAUD_PROD =
      Map.of("secureml.dev/team", "fraud", "env", "prod");

  static Stream<Arguments> selectors() {
    return Stream.of(
        arguments("matchLabels selects a namespace with the label",
            new LabelSelectorBuilder().addToMatchLabels("secureml.dev/team", "fraud").build(),
            FRAUD, true),
        arguments("matchLabels does not select another value",
            new LabelSelectorBuilder().addToMatchLabels("secureml.dev/team", "risk").build(),
            FRAUD, false),
        arguments("In selects a listed value",
            expression("env", "In", "dev", "prod"), FRAUD_PROD, true),
        arguments("In does not select a namespace without the label",
            expression("env", "In", "dev", "prod"), FRAUD, false),
        arguments("NotIn selects an unlisted value",
            expression("env", "NotIn", "dev"), FRAUD_PROD, true),
        arguments("NotIn selects a namespace without the label",
            expression("env", "NotIn", "prod"), FRAUD, true),
        arguments("NotIn does not select a listed value",
            expression("env", "NotIn", "prod"), FRAUD_PROD, false),
        arguments("Exists selects a namespace with the label",
            expression("env", "Exists"), FRAUD_PROD, true),
        arguments("Exists does not select a namespace without the label",
            expression("env", "Exists"), FRAUD, false),
        arguments("DoesNotExist selects a namespace without the label",
            expression("env", "DoesNotExist"), FRAUD, true),
        arguments("DoesNotExist does not select a namespace with the label",
            expression("env", "DoesNotExist"), FRAUD_PROD, false),
        arguments("matchLabels and matchExpressions must both hold",
            new LabelSelectorBuilder().addToMatchLabels("secureml.dev/team", "fraud")
                .addNewMatchExpression().withKey("env").withOperator("In").withValues("dev")
                .endMatchExpression().build(),
            FRAUD_PROD, false),
        arguments("an unknown operator selects nothing",
            expression("env", "Contains", "prod"), FRAUD_PROD, false),
        arguments("an empty selector selects every namespace",
            new LabelSelector(), Map.of(), true),
        arguments("a missing selector selects no namespace", null, FRAUD, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("selectors")
  void selectsWithKubernetesSemantics(String behaviour, LabelSelector selector,
      Map<String, String> labels, boolean selected) {
    CompliancePolicy policy = Fixtures.policy(p -> p.namespaceSelector = selector);

    assertThat(PolicyEngine.selects(policy, new NamespaceInfo("ns", labels))).isEqualTo(selected);
  }

  @Test
  void namespaceWithoutPolicyIsDenied() {
    NamespaceInfo ns = new NamespaceInfo("scratch", Map.of("secureml.dev/team", "risk"));

    Decision<ResolvedTrainingSettings> d = ENGINE.evaluateTrainingJob(Fixtures.job(), ns, List.of(Fixtures.policy()));

    assertThat(d.violations()).containsExactly(new Violation("metadata.namespace", "NoPolicy",
        "no CompliancePolicy selects namespace scratch"));
    assertThat(d.policyName()).isNull();
    assertThat(d.settings()).isNull();
    assertThat(d.allowed()).isFalse();
  }

  @Test
  void namespaceSelectedByTwoAuditPoliciesIsDeniedNamingBothSorted() {
    CompliancePolicy b = Fixtures.policy("b-team", p -> p.enforcement = Enforcement.Audit);
    CompliancePolicy a = Fixtures.policy("a-team", p -> p.enforcement = Enforcement.Audit);

    Decision<ResolvedTrainingSettings> d = ENGINE.evaluateTrainingJob(Fixtures.job(), FRAUD_NS, List.of(b, a));

    assertThat(d.violations()).containsExactly(new Violation("metadata.namespace",
        "PolicyConflict", "namespace fraud-models is selected by several CompliancePolicies: "
            + "a-team, b-team; exactly one may select it"));
    assertThat(d.policyName()).isNull();
    assertThat(d.allowed()).isFalse();
  }

  @Test
  void policiesThatDoNotSelectTheNamespaceAreIgnored() {
    CompliancePolicy risk = Fixtures.policy("risk-team", p -> p.namespaceSelector =
        new LabelSelectorBuilder().addToMatchLabels("secureml.dev/team", "risk").build());

    Decision<ResolvedTrainingSettings> d = ENGINE.evaluateTrainingJob(Fixtures.job(), FRAUD_NS,
        List.of(risk, Fixtures.policy()));

    assertThat(d.policyName()).isEqualTo("fraud-team");
    assertThat(d.allowed()).isTrue();
  }

  @Test
  void policySelectedByMatchExpressionsGovernsTheJob() {
    CompliancePolicy policy = Fixtures.policy(p -> p.namespaceSelector =
        expression("secureml.dev/team", "In", "fraud", "aml"));

    Decision<ResolvedTrainingSettings> d = ENGINE.evaluateTrainingJob(Fixtures.job(), FRAUD_NS, List.of(policy));

    assertThat(d.policyName()).isEqualTo("fraud-team");
    assertThat(d.violations()).isEmpty();
  }
}
