package dev.secureml.operator.policy;

import static dev.secureml.operator.policy.Fixtures.FRAUD_NS;
import static dev.secureml.operator.policy.Fixtures.KEY_HC;
import static dev.secureml.operator.policy.Fixtures.KEY_INTERNAL;
import static dev.secureml.operator.policy.Fixtures.security;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.Enforcement;
import dev.secureml.operator.api.Requirement;
import dev.secureml.operator.api.SecureTrainingJobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the engine fills in for an admitted job: one resolved setting per row. */
class ResolvedTrainingSettingsTest {
  private static final PolicyEngine ENGINE = new PolicyEngine();

  private static final Consumer<CompliancePolicySpec> SAME_POLICY = p -> {};
  private static final Consumer<SecureTrainingJobSpec> SAME_JOB = j -> {};

  private static Consumer<CompliancePolicySpec> policy(Consumer<CompliancePolicySpec> c) {
    return c;
  }

  private static Consumer<SecureTrainingJobSpec> job(Consumer<SecureTrainingJobSpec> c) {
    return c;
  }

  private static Function<ResolvedTrainingSettings, Object> get(Function<ResolvedTrainingSettings, Object> f) {
    return f;
  }

  static Stream<Arguments> cases() {
    Function<ResolvedTrainingSettings, Object> volumeKey = get(ResolvedTrainingSettings::volumeKmsKeyId);
    Function<ResolvedTrainingSettings, Object> outputKey = get(ResolvedTrainingSettings::outputKmsKeyId);
    Function<ResolvedTrainingSettings, Object> runtime = get(ResolvedTrainingSettings::maxRuntimeSeconds);
    Function<ResolvedTrainingSettings, Object> maxWait = get(ResolvedTrainingSettings::maxWaitSeconds);
    Function<ResolvedTrainingSettings, Object> isolation = get(ResolvedTrainingSettings::networkIsolation);
    Function<ResolvedTrainingSettings, Object> encryption =
        get(ResolvedTrainingSettings::interContainerTrafficEncryption);
    Function<ResolvedTrainingSettings, Object> tagKeys = get(s -> List.copyOf(s.tags().keySet()));
    Consumer<CompliancePolicySpec> allTypes = p -> p.instances.allowedTypes = new ArrayList<>();
    return Stream.of(
        arguments("the role is the policy's", SAME_POLICY, SAME_JOB,
            get(ResolvedTrainingSettings::roleArn), Fixtures.ROLE),
        arguments("subnets are the policy's", SAME_POLICY, SAME_JOB,
            get(ResolvedTrainingSettings::subnets), List.of("subnet-0a1b2c3d", "subnet-0e4f5a6b")),
        arguments("security groups are the policy's", SAME_POLICY, SAME_JOB,
            get(ResolvedTrainingSettings::securityGroupIds), List.of("sg-0c1d2e3f")),
        arguments("the region is the policy's", SAME_POLICY, SAME_JOB,
            get(ResolvedTrainingSettings::region), "us-east-1"),
        arguments("the volume key is the classification's key", SAME_POLICY, SAME_JOB,
            volumeKey, KEY_HC),
        arguments("the output key is the classification's key", SAME_POLICY,
            job(j -> j.dataClassification = "Internal"), outputKey, KEY_INTERNAL),
        arguments("an instance type with local NVMe storage gets no volume key",
            SAME_POLICY, job(j -> j.resources.instanceType = "ml.g5.2xlarge"), volumeKey, null),
        arguments("an instance type with local NVMe storage keeps the output key",
            SAME_POLICY, job(j -> j.resources.instanceType = "ml.g5.2xlarge"), outputKey, KEY_HC),
        arguments("ml.p4de is an NVMe family of its own", policy(allTypes),
            job(j -> j.resources.instanceType = "ml.p4de.24xlarge"), volumeKey, null),
        arguments("ml.m5d has local NVMe storage", policy(allTypes),
            job(j -> j.resources.instanceType = "ml.m5d.2xlarge"), volumeKey, null),
        arguments("ml.trn1n has local NVMe storage", policy(allTypes),
            job(j -> j.resources.instanceType = "ml.trn1n.32xlarge"), volumeKey, null),
        arguments("ml.p3 without dn has EBS storage and gets the volume key", policy(allTypes),
            job(j -> j.resources.instanceType = "ml.p3.2xlarge"), volumeKey, KEY_HC),
        arguments("the job's runtime is used when it sets one", SAME_POLICY, SAME_JOB,
            runtime, 7200L),
        arguments("the policy's limit is the runtime when the job sets none", SAME_POLICY,
            job(j -> j.maxRuntime = null), runtime, 86_400L),
        arguments("a policy limit of 12h is the runtime of a job that sets none",
            policy(p -> p.limits.maxRuntime = "12h"), job(j -> j.maxRuntime = null),
            runtime, 43_200L),
        arguments("24h is the runtime when neither job nor policy says",
            policy(p -> p.limits = null), job(j -> j.maxRuntime = null), runtime, 86_400L),
        arguments("maxWait is resolved when spot is enabled", SAME_POLICY,
            job(Fixtures::spot), maxWait, 14_400L),
        arguments("maxWait is null when spot is disabled", SAME_POLICY, job(j -> {
          Fixtures.spot(j);
          j.spot.enabled = false;
        }), maxWait, null),
        arguments("a required control is on", SAME_POLICY, SAME_JOB, isolation, true),
        arguments("an optional control is on by default",
            policy(p -> p.network.networkIsolation = Requirement.Optional), SAME_JOB,
            isolation, true),
        arguments("an optional control follows the job when switched off",
            policy(p -> p.network.networkIsolation = Requirement.Optional),
            job(j -> security(j).networkIsolation = false), isolation, false),
        arguments("optional inter-container encryption follows the job",
            policy(p -> p.network.interContainerTrafficEncryption = Requirement.Optional),
            job(j -> security(j).interContainerTrafficEncryption = false), encryption, false),
        arguments("required tags come first in policy order, then user tags sorted by key",
            policy(p -> p.tags.required.put("data-owner", "fraud")),
            job(j -> {
              j.tags.put("zeta", "1");
              j.tags.put("alpha", "2");
              j.tags.put("project", "3");
            }),
            tagKeys, List.of("cost-center", "data-owner", "alpha", "project", "zeta")),
        arguments("a user tag repeating a required tag keeps the required position",
            SAME_POLICY, job(j -> {
              j.tags.put("a", "1");
              j.tags.put("cost-center", "CC-1234");
            }), get(ResolvedTrainingSettings::tags), Map.of("cost-center", "CC-1234", "a", "1")),
        arguments("a policy without required tags passes the user tags on",
            policy(p -> p.tags = null), job(j -> j.tags.put("team", "fraud")),
            get(ResolvedTrainingSettings::tags), Map.of("team", "fraud")),
        arguments("the enforcement is recorded", SAME_POLICY, SAME_JOB,
            get(ResolvedTrainingSettings::enforcement), Enforcement.Enforce),
        arguments("the policy name is recorded", SAME_POLICY, SAME_JOB,
            get(ResolvedTrainingSettings::policyName), "fraud-team"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resolvesTheSetting(String behaviour, Consumer<CompliancePolicySpec> policy,
      Consumer<SecureTrainingJobSpec> job, Function<ResolvedTrainingSettings, Object> setting,
      Object expected) {
    Decision<ResolvedTrainingSettings> d = ENGINE.evaluateTrainingJob(Fixtures.job(job), FRAUD_NS,
        List.of(Fixtures.policy(policy)));

    assertThat(d.violations()).isEmpty();
    assertThat(d.allowed()).isTrue();
    assertThat(setting.apply(d.settings())).isEqualTo(expected);
  }

  @Test
  void resolvedTagsCannotBeChangedByCallers() {
    Decision<ResolvedTrainingSettings> d = ENGINE.evaluateTrainingJob(Fixtures.job(), FRAUD_NS, List.of(Fixtures.policy()));

    assertThat(d.settings().tags()).isUnmodifiable();
  }
}
