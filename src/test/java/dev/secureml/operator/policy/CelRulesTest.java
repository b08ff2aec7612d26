package dev.secureml.operator.policy;

import static dev.secureml.operator.policy.Fixtures.FRAUD_NS;
import static dev.secureml.operator.policy.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.CompliancePolicySpec;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Custom CEL rules: evaluation errors, the variables rules see, caching and thread safety. */
class CelRulesTest {
  private static final PolicyEngine ENGINE = new PolicyEngine();

  private static Decision<ResolvedTrainingSettings> evaluate(Consumer<CompliancePolicySpec> policy) {
    return ENGINE.evaluateTrainingJob(Fixtures.job(), FRAUD_NS, List.of(Fixtures.policy(policy)));
  }

  @Test
  void ruleReadingAnAbsentKeyIsAViolationNamingTheEvaluationError() {
    Decision<ResolvedTrainingSettings> d = evaluate(p -> p.rules.add(
        rule("region-env", "spec.environment.REGION == 'us-east-1'", "set REGION")));

    assertThat(d.allowed()).isFalse();
    assertThat(d.violations()).containsExactly(new Violation("spec", "region-env",
        "rule region-env could not be evaluated: evaluation error at <input>:16: key 'REGION' "
            + "is not present in map."));
  }

  @Test
  void ruleReturningANonBoolAtRuntimeIsAViolation() {
    Decision<ResolvedTrainingSettings> d = evaluate(p -> p.rules.add(rule("dyn", "spec.resources.instanceType", "m")));

    assertThat(d.violations()).containsExactly(new Violation("spec", "dyn",
        "rule dyn could not be evaluated: expression returned String, not bool"));
  }

  @Test
  void ruleSeesKindApiVersionAndMetadata() {
    CompliancePolicySpec.Rule r = rule("identity", "kind == 'SecureTrainingJob' && "
        + "apiVersion == 'secureml.dev/v1alpha1' && metadata.name == 'bank-failure-xgb' && "
        + "metadata.namespace == 'fraud-models' && size(metadata.annotations) == 0", "m");

    assertThat(evaluate(p -> p.rules.add(r)).violations()).isEmpty();
  }

  @Test
  void ruleSeesDefaultsForOmittedBlocks() {
    CompliancePolicySpec.Rule r = rule("defaults", "spec.spot.enabled == false && "
        + "size(spec.security) == 0 && size(spec.tags) == 0 && size(spec.environment) == 0 && "
        + "spec.resources.volumeSizeGB == 30 && spec.deletionPolicy == 'Delete'", "m");

    assertThat(evaluate(p -> p.rules.add(r)).violations()).isEmpty();
  }

  @Test
  void ruleCanUseTheStandardMacros() {
    CompliancePolicySpec.Rule r = rule("macros", "has(spec.resources.instanceType) && "
        + "!has(spec.security.roleArn) && spec.inputs.all(i, i.s3Uri.startsWith('s3://')) && "
        + "spec.inputs.exists(i, i.name == 'train')", "m");

    assertThat(evaluate(p -> p.rules.add(r)).violations()).isEmpty();
  }

  @Test
  void sameExpressionIsCompiledOnce() {
    CelRuleEvaluator cel = new CelRuleEvaluator();

    assertThat(cel.compile("spec.spot.enabled")).isSameAs(cel.compile("spec.spot.enabled"));
  }

  @Test
  void oneEngineCanBeSharedBetweenThreads() throws Exception {
    CompliancePolicy policy = Fixtures.policy(p -> IntStream.range(0, 20).forEach(i ->
        p.rules.add(rule("r" + i, "spec.resources.instanceCount < " + (i + 3), "too many"))));
    PolicyEngine engine = new PolicyEngine();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Decision<ResolvedTrainingSettings>>> futures = IntStream.range(0, 40).mapToObj(i -> pool.submit(() ->
          engine.evaluateTrainingJob(Fixtures.job(), FRAUD_NS, List.of(policy)))).toList();
      for (Future<Decision<ResolvedTrainingSettings>> f : futures) {
        // instanceCount is 2 and every rule allows at least 3, so all of them pass.
        assertThat(f.get().violations()).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
