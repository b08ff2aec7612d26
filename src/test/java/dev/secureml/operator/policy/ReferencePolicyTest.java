package dev.secureml.operator.policy;

import static dev.secureml.operator.policy.Fixtures.FRAUD_NS;
import static dev.secureml.operator.policy.Fixtures.fromTrainingJob;
import static dev.secureml.operator.policy.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.Enforcement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and careless references (category "references"): a resource may name only objects
 * of its own namespace, by their plain name. The CRD schema says so (two CEL rules: no '/', then
 * a DNS-1123 name), so the policy's schema check refuses each case with the schema's exact
 * message, whatever the enforcement, before any rule runs.
 */
class ReferencePolicyTest {
  private static final PolicyEngine ENGINE = new PolicyEngine();
  private static final String OWN_NAMESPACE_ONLY = ": must not name another namespace: "
      + "references are resolved in the resource's own namespace only, so give just the name "
      + "of a ";
  private static final String NAME_SYNTAX = " in this namespace: at most 253 lower case "
      + "letters, digits, '-' and '.', starting and ending with a letter or digit";
  private static final String TOO_LONG = "Too long: may not be longer than 253 characters "
      + "(has ";

  static Stream<Arguments> endpointRefs() {
    return Stream.of(
        cross("other-namespace/scoring", "\"other-namespace/scoring\""),
        cross("default/bank-failure-endpoint", "\"default/bank-failure-endpoint\""),
        cross("/scoring", "\"/scoring\""),
        cross("../other-namespace/scoring", "\"../other-namespace/scoring\""),
        cross("scoring/", "\"scoring/\""),
        cross("kube-system/../fraud-models/ep", "\"kube-system/../fraud-models/ep\""),
        cross("Other-Namespace/Scoring", "\"Other-Namespace/Scoring\""),
        cross("other-namespace/" + "a".repeat(237), "\"other-namespace/"
            + "a".repeat(24) + "\"... (253 characters)"),
        // Too long is the first thing said, as the structural check comes before the rules.
        arguments("other-namespace/" + "a".repeat(238),
            v("spec.endpointRef", PolicyEngine.SCHEMA_VIOLATION, TOO_LONG + "254)")),
        invalid("..", "\"..\""),
        invalid("", "\"\""),
        invalid("   ", "\"   \""),
        invalid("%2e%2e%2fscoring", "\"%2e%2e%2fscoring\""),
        invalid("Scoring", "\"Scoring\""),
        invalid("SCORING", "\"SCORING\""),
        invalid(" scoring", "\" scoring\""),
        invalid("scoring ", "\"scoring \""),
        invalid("scoring\t", "\"scoring\\t\""),
        invalid("scoring\n", "\"scoring\\n\""),
        invalid("scor\u0000ing", "\"scor\\u0000ing\""),
        invalid("sc\u202eoring", "\"sc\\u202eoring\""), // right-to-left override
        invalid("sc\u043ering", "\"sc\u043ering\""), // Cyrillic o
        invalid("scoring.", "\"scoring.\""),
        invalid("-scoring", "\"-scoring\""),
        invalid("other-namespace:scoring", "\"other-namespace:scoring\""),
        invalid("other-namespace\\scoring", "\"other-namespace\\\\scoring\""),
        invalid("scoring_v2", "\"scoring_v2\""),
        arguments("a".repeat(254),
            v("spec.endpointRef", PolicyEngine.SCHEMA_VIOLATION, TOO_LONG + "254)")),
        invalid("modèle-fraude-ü", "\"modèle-fraude-ü\""));
  }

  private static Arguments cross(String ref, String shown) {
    return arguments(ref, v("spec.endpointRef", PolicyEngine.SCHEMA_VIOLATION,
        "Invalid value: " + shown + OWN_NAMESPACE_ONLY + "ModelEndpoint in this namespace"));
  }

  private static Arguments invalid(String ref, String shown) {
    return arguments(ref, v("spec.endpointRef", PolicyEngine.SCHEMA_VIOLATION,
        "Invalid value: " + shown + ": must be the name of a ModelEndpoint" + NAME_SYNTAX));
  }

  @ParameterizedTest(name = "endpointRef {0}")
  @MethodSource("endpointRefs")
  void monitorEndpointRefMustBeAPlainNameInItsNamespace(String ref, Violation expected) {
    for (Enforcement enforcement : Enforcement.values()) {
      Decision<?> d = ENGINE.evaluateDataQualityMonitor(
          Fixtures.monitor(m -> m.endpointRef = ref), FRAUD_NS, policy(enforcement));

      assertThat(d.violations()).as(enforcement.name()).containsExactly(expected);
      assertThat(d.allowed()).as(enforcement.name()).isFalse();
    }
  }

  static Stream<Arguments> validNames() {
    return Stream.of(arguments("scoring"), arguments("bank-failure-endpoint"),
        arguments("scoring.v2"), arguments("0scoring9"), arguments("a"),
        arguments("a".repeat(253)));
  }

  @ParameterizedTest(name = "endpointRef {0}")
  @MethodSource("validNames")
  void monitorEndpointRefThatIsAPlainNameIsAdmitted(String ref) {
    Decision<?> d = ENGINE.evaluateDataQualityMonitor(Fixtures.monitor(m -> m.endpointRef = ref),
        FRAUD_NS, policy(Enforcement.Enforce));

    assertThat(d.violations()).isEmpty();
    assertThat(d.allowed()).isTrue();
  }

  static Stream<Arguments> trainingJobRefs() {
    return Stream.of(
        arguments("other-namespace/bank-failure-xgb", "Invalid value: "
            + "\"other-namespace/bank-failure-xgb\"" + OWN_NAMESPACE_ONLY
            + "SecureTrainingJob in this namespace"),
        arguments("Bank-Failure-XGB", "Invalid value: \"Bank-Failure-XGB\": must be the name "
            + "of a SecureTrainingJob" + NAME_SYNTAX),
        arguments("", "Invalid value: \"\": must be the name of a SecureTrainingJob"
            + NAME_SYNTAX),
        arguments("   ", "Invalid value: \"   \": must be the name of a SecureTrainingJob"
            + NAME_SYNTAX),
        arguments("bank failure", "Invalid value: \"bank failure\": must be the name of a "
            + "SecureTrainingJob" + NAME_SYNTAX),
        arguments("a".repeat(254), TOO_LONG + "254)"));
  }

  @ParameterizedTest(name = "spec.model.fromTrainingJob {0}")
  @MethodSource("trainingJobRefs")
  void endpointModelFromTrainingJobMustBeAPlainNameInItsNamespace(String ref, String message) {
    for (Enforcement enforcement : Enforcement.values()) {
      Decision<?> d = ENGINE.evaluateModelEndpoint(
          Fixtures.endpoint(e -> e.model = fromTrainingJob(ref)), FRAUD_NS,
          policy(enforcement));

      assertThat(d.violations()).as(enforcement.name()).containsExactly(
          v("spec.model.fromTrainingJob", PolicyEngine.SCHEMA_VIOLATION, message));
      assertThat(d.allowed()).as(enforcement.name()).isFalse();
    }
  }

  @ParameterizedTest(name = "spec.variants[1].model.fromTrainingJob {0}")
  @MethodSource("trainingJobRefs")
  void variantModelFromTrainingJobMustBeAPlainNameInItsNamespace(String ref, String message) {
    Decision<?> d = ENGINE.evaluateModelEndpoint(Fixtures.endpoint(e -> {
      e.model = fromTrainingJob("bank-failure-xgb");
      e.autoscaling = null;
      e.variants = List.of(Fixtures.variant("blue", "ml.m5.large", 1),
          Fixtures.variant("green", "ml.m5.large", 1));
      e.variants.get(1).model = fromTrainingJob(ref);
    }), FRAUD_NS, policy(Enforcement.Enforce));

    assertThat(d.violations()).containsExactly(
        v("spec.variants[1].model.fromTrainingJob", PolicyEngine.SCHEMA_VIOLATION, message));
    assertThat(d.allowed()).isFalse();
  }

  private static List<CompliancePolicy> policy(Enforcement enforcement) {
    return List.of(Fixtures.policy(p -> p.enforcement = enforcement));
  }
}
