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
 * of its own namespace, by their plain name. Each case gives the exact violation, and every one
 * is denied even under Audit, since it could never resolve.
 */
class ReferencePolicyTest {
  private static final PolicyEngine ENGINE = new PolicyEngine();
  private static final String ENDPOINT_HINT = "references are resolved in the resource's own "
      + "namespace only, so give just the name of a ModelEndpoint in this namespace";
  private static final String JOB_HINT = "references are resolved in the resource's own "
      + "namespace only, so give just the name of a SecureTrainingJob in this namespace";
  private static final String NOT_A_NAME = " is not a valid name (at most 253 lower case "
      + "letters, digits, '-' and '.', starting and ending with a letter or digit): ";

  static Stream<Arguments> endpointRefs() {
    return Stream.of(
        cross("other-namespace/scoring", "\"other-namespace/scoring\""),
        cross("default/bank-failure-endpoint", "\"default/bank-failure-endpoint\""),
        cross("/scoring", "\"/scoring\""),
        cross("../other-namespace/scoring", "\"../other-namespace/scoring\""),
        cross("scoring/", "\"scoring/\""),
        cross("kube-system/../fraud-models/ep", "\"kube-system/../fraud-models/ep\""),
        invalid("..", "\"..\""),
        invalid("%2e%2e%2fscoring", "\"%2e%2e%2fscoring\""),
        invalid("Scoring", "\"Scoring\""),
        invalid("SCORING", "\"SCORING\""),
        invalid(" scoring", "\" scoring\""),
        invalid("scoring ", "\"scoring \""),
        invalid("scoring\t", "\"scoring\\u0009\""),
        invalid("scoring\n", "\"scoring\\u000a\""),
        invalid("scor\u0000ing", "\"scor\\u0000ing\""),
        invalid("sc\u202eoring", "\"sc\\u202eoring\""), // right-to-left override
        invalid("sc\u043ering", "\"sc\u043ering\""), // Cyrillic o
        invalid("scoring.", "\"scoring.\""),
        invalid("-scoring", "\"-scoring\""),
        invalid("other-namespace:scoring", "\"other-namespace:scoring\""),
        invalid("other-namespace\\scoring", "\"other-namespace\\\\scoring\""),
        invalid("scoring_v2", "\"scoring_v2\""),
        invalid("a".repeat(254), "\"" + "a".repeat(64) + "...\""),
        invalid("modèle-fraude-ü", "\"modèle-fraude-ü\""));
  }

  private static Arguments cross(String ref, String shown) {
    return arguments(ref, v("spec.endpointRef", "CrossNamespaceReference",
        shown + " names another namespace: " + ENDPOINT_HINT));
  }

  private static Arguments invalid(String ref, String shown) {
    return arguments(ref, v("spec.endpointRef", "InvalidReference",
        shown + NOT_A_NAME + ENDPOINT_HINT));
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
        arguments("other-namespace/bank-failure-xgb", "CrossNamespaceReference",
            "\"other-namespace/bank-failure-xgb\" names another namespace: " + JOB_HINT),
        arguments("Bank-Failure-XGB", "InvalidReference",
            "\"Bank-Failure-XGB\"" + NOT_A_NAME + JOB_HINT),
        arguments("", "InvalidReference", "\"\"" + NOT_A_NAME + JOB_HINT),
        arguments("   ", "InvalidReference", "\"   \"" + NOT_A_NAME + JOB_HINT),
        arguments("bank failure", "InvalidReference", "\"bank failure\"" + NOT_A_NAME
            + JOB_HINT));
  }

  @ParameterizedTest(name = "spec.model.fromTrainingJob {0}")
  @MethodSource("trainingJobRefs")
  void endpointModelFromTrainingJobMustBeAPlainNameInItsNamespace(String ref, String rule,
      String message) {
    for (Enforcement enforcement : Enforcement.values()) {
      Decision<?> d = ENGINE.evaluateModelEndpoint(
          Fixtures.endpoint(e -> e.model = fromTrainingJob(ref)), FRAUD_NS,
          policy(enforcement));

      assertThat(d.violations()).as(enforcement.name())
          .contains(v("spec.model.fromTrainingJob", rule, message));
      assertThat(d.violations()).as(enforcement.name())
          .filteredOn(x -> x.field().endsWith("fromTrainingJob")).hasSize(1);
      assertThat(d.allowed()).as(enforcement.name()).isFalse();
    }
  }

  @ParameterizedTest(name = "spec.variants[1].model.fromTrainingJob {0}")
  @MethodSource("trainingJobRefs")
  void variantModelFromTrainingJobMustBeAPlainNameInItsNamespace(String ref, String rule,
      String message) {
    Decision<?> d = ENGINE.evaluateModelEndpoint(Fixtures.endpoint(e -> {
      e.model = fromTrainingJob("bank-failure-xgb");
      e.autoscaling = null;
      e.variants = List.of(Fixtures.variant("blue", "ml.m5.large", 1),
          Fixtures.variant("green", "ml.m5.large", 1));
      e.variants.get(1).model = fromTrainingJob(ref);
    }), FRAUD_NS, policy(Enforcement.Enforce));

    assertThat(d.violations()).filteredOn(x -> x.field().endsWith("fromTrainingJob"))
        .containsExactly(v("spec.variants[1].model.fromTrainingJob", rule, message));
    assertThat(d.allowed()).isFalse();
  }

  private static List<CompliancePolicy> policy(Enforcement enforcement) {
    return List.of(Fixtures.policy(p -> p.enforcement = enforcement));
  }
}
