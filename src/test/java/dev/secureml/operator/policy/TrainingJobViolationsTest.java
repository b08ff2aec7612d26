package dev.secureml.operator.policy;

import static dev.secureml.operator.policy.Fixtures.FRAUD_NS;
import static dev.secureml.operator.policy.Fixtures.REGISTRY;
import static dev.secureml.operator.policy.Fixtures.rule;
import static dev.secureml.operator.policy.Fixtures.schema;
import static dev.secureml.operator.policy.Fixtures.security;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.Enforcement;
import dev.secureml.operator.api.Requirement;
import dev.secureml.operator.api.SecureTrainingJobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per rule, triggered and not triggered: the policy change, the job change, and the
 * exact violations the engine must report under Enforce.
 */
class TrainingJobViolationsTest {
  private static final PolicyEngine ENGINE = new PolicyEngine();
  private static final String ALLOWED_S3 = "allowed prefixes: s3://fraud-data/, s3://fraud-models/";
  private static final String GPU_RULE =
      "!spec.resources.instanceType.startsWith('ml.g') || spec.spot.enabled";

  private static Consumer<CompliancePolicySpec> policy(Consumer<CompliancePolicySpec> c) {
    return c;
  }

  private static Consumer<SecureTrainingJobSpec> job(Consumer<SecureTrainingJobSpec> c) {
    return c;
  }

  private static Violation v(String field, String rule, String message) {
    return new Violation(field, rule, message);
  }

  private static final Consumer<CompliancePolicySpec> SAME_POLICY = p -> {};
  private static final Consumer<SecureTrainingJobSpec> SAME_JOB = j -> {};

  static Stream<Arguments> cases() {
    return Stream.of(
        arguments("a compliant job has no violations", SAME_POLICY, SAME_JOB, List.of()),

        // Instance types
        arguments("an instance type outside the globs is named with the allowed list",
            SAME_POLICY, job(j -> j.resources.instanceType = "ml.p4d.24xlarge"),
            List.of(v("spec.resources.instanceType", "InstanceTypeNotAllowed",
                "instance type ml.p4d.24xlarge is not allowed; allowed: ml.m5.*, ml.g5.*"))),
        arguments("a glob admits every size of its family",
            SAME_POLICY, job(j -> j.resources.instanceType = "ml.g5.12xlarge"), List.of()),
        arguments("the dot in a glob is literal, so ml.m5.* does not admit ml.m5d.large",
            SAME_POLICY, job(j -> j.resources.instanceType = "ml.m5d.large"),
            List.of(v("spec.resources.instanceType", "InstanceTypeNotAllowed",
                "instance type ml.m5d.large is not allowed; allowed: ml.m5.*, ml.g5.*"))),
        arguments("an empty allow-list admits every instance type",
            policy(p -> p.instances.allowedTypes = new ArrayList<>()),
            job(j -> j.resources.instanceType = "ml.p4d.24xlarge"), List.of()),

        // Instance count
        arguments("an instance count above the maximum is rejected",
            SAME_POLICY, job(j -> j.resources.instanceCount = 12),
            List.of(v("spec.resources.instanceCount", "InstanceCountExceeded",
                "instance count 12 exceeds the maximum of 8"))),
        arguments("an instance count equal to the maximum is fine",
            SAME_POLICY, job(j -> j.resources.instanceCount = 8), List.of()),
        arguments("an instance count below one is rejected",
            SAME_POLICY, job(j -> j.resources.instanceCount = 0),
            List.of(schema("spec.resources.instanceCount",
                "Invalid value: 0: must be greater than or equal to 1"))),

        // Images
        arguments("an image outside the prefixes is named with the allowed prefixes",
            SAME_POLICY, job(j -> j.image = "docker.io/library/python:3.12"),
            List.of(v("spec.image", "ImageNotAllowed", "image docker.io/library/python:3.12 is "
                + "not allowed; allowed prefixes: " + REGISTRY))),
        arguments("an image prefix without a slash does not admit a sibling repository",
            policy(p -> p.images.allowedPrefixes = List.of(REGISTRY + "xgboost")),
            job(j -> j.image = REGISTRY + "xgboost-evil:1"),
            List.of(v("spec.image", "ImageNotAllowed", "image " + REGISTRY + "xgboost-evil:1 is "
                + "not allowed; allowed prefixes: " + REGISTRY + "xgboost"))),
        arguments("an image prefix without a slash admits tags of that repository",
            policy(p -> p.images.allowedPrefixes = List.of(REGISTRY + "xgboost")),
            job(j -> j.image = REGISTRY + "xgboost:1.7-1"), List.of()),

        // S3 locations
        arguments("an input outside the allowed prefixes names its channel index",
            SAME_POLICY, job(j -> j.inputs.get(1).s3Uri = "s3://other-team/data/"),
            List.of(v("spec.inputs[1].s3Uri", "S3LocationNotAllowed",
                "S3 location s3://other-team/data/ is not allowed; " + ALLOWED_S3))),
        arguments("a bucket sharing the allowed bucket's name as prefix is rejected",
            SAME_POLICY, job(j -> j.inputs.get(0).s3Uri = "s3://fraud-data-evil/x"),
            List.of(v("spec.inputs[0].s3Uri", "S3LocationNotAllowed",
                "S3 location s3://fraud-data-evil/x is not allowed; " + ALLOWED_S3))),
        arguments("an allowed prefix without trailing slash still rejects a look-alike bucket",
            policy(p -> p.data.allowedS3Prefixes = List.of("s3://fraud-data", "s3://fraud-models")),
            job(j -> j.inputs.get(0).s3Uri = "s3://fraud-data-evil"),
            List.of(v("spec.inputs[0].s3Uri", "S3LocationNotAllowed", "S3 location "
                + "s3://fraud-data-evil is not allowed; allowed prefixes: s3://fraud-data, "
                + "s3://fraud-models"))),
        arguments("an allowed prefix without trailing slash admits keys in that bucket",
            policy(p -> p.data.allowedS3Prefixes = List.of("s3://fraud-data", "s3://fraud-models")),
            SAME_JOB, List.of()),
        arguments("an output outside the allowed prefixes is rejected",
            SAME_POLICY, job(j -> j.output.s3Uri = "s3://public-bucket/models/"),
            List.of(v("spec.output.s3Uri", "S3LocationNotAllowed",
                "S3 location s3://public-bucket/models/ is not allowed; " + ALLOWED_S3))),
        arguments("a checkpoint location outside the allowed prefixes is rejected",
            SAME_POLICY, job(j -> {
              Fixtures.spot(j);
              j.spot.checkpointS3Uri = "s3://scratch/ckpt/";
            }),
            List.of(v("spec.spot.checkpointS3Uri", "S3LocationNotAllowed",
                "S3 location s3://scratch/ckpt/ is not allowed; " + ALLOWED_S3))),

        // Runtime
        arguments("a runtime above the policy's limit is rejected",
            SAME_POLICY, job(j -> j.maxRuntime = "48h"),
            List.of(v("spec.maxRuntime", "MaxRuntimeExceeded",
                "maximum runtime 48h exceeds the CompliancePolicy's limit of 24h"))),
        arguments("a runtime equal to the policy's limit is fine",
            SAME_POLICY, job(j -> j.maxRuntime = "24h"), List.of()),
        arguments("without a policy limit a runtime above 28 days is rejected",
            policy(p -> p.limits = null), job(j -> j.maxRuntime = "700h"),
            List.of(schema("spec.maxRuntime", "Invalid value: \"700h\": must be between 1s and "
                + "672h (SageMaker's limit of 28 days)"))),
        arguments("a runtime that does not parse is rejected",
            SAME_POLICY, job(j -> j.maxRuntime = "2 hours"),
            List.of(schema("spec.maxRuntime",
                "Invalid value: \"2 hours\": must match '^([0-9]+(h|m|s))+$'"))),

        // Spot
        arguments("spot is rejected when the policy does not allow it",
            policy(p -> p.spot.allowed = false), job(Fixtures::spot),
            List.of(v("spec.spot.enabled", "SpotNotAllowed",
                "managed spot training is not allowed by the CompliancePolicy"))),
        arguments("spot without a checkpoint location is rejected",
            SAME_POLICY, job(j -> {
              Fixtures.spot(j);
              j.spot.checkpointS3Uri = null;
            }),
            List.of(schema("spec.spot.checkpointS3Uri", "Required value: "
                + "spot.checkpointS3Uri is required when spot.enabled is true"))),
        arguments("spot without maxWait is rejected",
            SAME_POLICY, job(j -> {
              Fixtures.spot(j);
              j.spot.maxWait = null;
            }),
            List.of(schema("spec.spot.maxWait", "Invalid value: null: spot.maxWait is required "
                + "with spot and must be at least maxRuntime"))),
        arguments("spot with maxWait below the runtime is rejected",
            SAME_POLICY, job(j -> {
              Fixtures.spot(j);
              j.spot.maxWait = "1h";
            }),
            List.of(schema("spec.spot.maxWait", "Invalid value: \"1h\": spot.maxWait is "
                + "required with spot and must be at least maxRuntime"))),
        arguments("spot maxWait is compared with the policy's runtime when the job sets none",
            SAME_POLICY, job(j -> {
              Fixtures.spot(j);
              j.maxRuntime = null;
            }),
            List.of(v("spec.spot.maxWait", "SpotMaxWaitTooShort",
                "spot.maxWait 4h is shorter than the maximum runtime of 24h"))),
        arguments("spot with checkpoint and a long enough maxWait is fine",
            SAME_POLICY, job(Fixtures::spot), List.of()),
        arguments("spot settings are ignored while spot is disabled",
            policy(p -> p.spot.allowed = false), job(j -> {
              Fixtures.spot(j);
              j.spot.enabled = false;
              j.spot.maxWait = null;
            }), List.of()),

        // Classification and security
        arguments("a classification without a KMS key names the classifications that have one",
            SAME_POLICY, job(j -> j.dataClassification = "Secret"),
            List.of(v("spec.dataClassification", "NoKmsKeyForClassification",
                "data classification Secret has no KMS key in the CompliancePolicy; "
                    + "classifications with keys: HighlyConfidential, Internal"))),
        arguments("network isolation cannot be switched off when the policy requires it",
            SAME_POLICY, job(j -> security(j).networkIsolation = false),
            List.of(v("spec.security.networkIsolation", "NetworkIsolationRequired",
                "network isolation is required by the CompliancePolicy; remove "
                    + "spec.security.networkIsolation or set it to true"))),
        arguments("network isolation can be switched off when the policy makes it optional",
            policy(p -> p.network.networkIsolation = Requirement.Optional),
            job(j -> security(j).networkIsolation = false), List.of()),
        arguments("inter-container encryption cannot be switched off when required",
            SAME_POLICY, job(j -> security(j).interContainerTrafficEncryption = false),
            List.of(v("spec.security.interContainerTrafficEncryption",
                "InterContainerEncryptionRequired", "inter-container traffic encryption is "
                    + "required by the CompliancePolicy; remove "
                    + "spec.security.interContainerTrafficEncryption or set it to true"))),
        arguments("a role other than the policy's is rejected without naming the policy's role",
            SAME_POLICY,
            job(j -> security(j).roleArn = "arn:aws:iam::999999999999:role/admin"),
            List.of(v("spec.security.roleArn", "RoleNotAllowed",
                "the execution role is set by the CompliancePolicy; remove spec.security.roleArn"))),
        arguments("the policy's own role written in the job is accepted",
            SAME_POLICY, job(j -> security(j).roleArn = Fixtures.ROLE), List.of()),
        arguments("a KMS key other than the classification's is rejected",
            SAME_POLICY, job(j -> security(j).kmsKeyId = Fixtures.KEY_INTERNAL),
            List.of(v("spec.security.kmsKeyId", "KmsKeyNotAllowed", "the KMS key is set by the "
                + "CompliancePolicy from the data classification; remove spec.security.kmsKeyId"))),
        arguments("the classification's own KMS key written in the job is accepted",
            SAME_POLICY, job(j -> security(j).kmsKeyId = Fixtures.KEY_HC), List.of()),

        // Tags
        arguments("a user tag may not change a required tag's value",
            SAME_POLICY, job(j -> j.tags.put("cost-center", "CC-9999")),
            List.of(v("spec.tags.cost-center", "RequiredTagOverridden", "tag cost-center is "
                + "required by the CompliancePolicy with value CC-1234; remove it or use that "
                + "value"))),
        arguments("a user tag repeating a required tag's value is fine",
            SAME_POLICY, job(j -> j.tags.put("cost-center", "CC-1234")), List.of()),
        arguments("a user tag may not use the reserved prefix",
            SAME_POLICY, job(j -> j.tags.put("secureml.dev/uid", "forged")),
            List.of(v("spec.tags.secureml.dev/uid", "ReservedTag", "tag key secureml.dev/uid "
                + "uses the reserved prefix secureml.dev/; the operator sets those tags"))),
        arguments("a user tag key may not start with aws:",
            SAME_POLICY, job(j -> j.tags.put("AWS:owner", "me")),
            List.of(v("spec.tags.AWS:owner", "InvalidTag",
                "tag key AWS:owner may not start with aws:, which AWS reserves"))),
        arguments("a tag key longer than 128 characters is rejected",
            SAME_POLICY, job(j -> j.tags.put("k".repeat(129), "v")),
            List.of(schema("spec.tags",
                "Invalid value: \"object\": tag keys must be 1-128 characters long"))),
        arguments("a tag value with characters AWS refuses is rejected",
            SAME_POLICY, job(j -> j.tags.put("team", "fraud;drop")),
            List.of(schema("spec.tags[team]", "Invalid value: \"fraud;drop\": must match "
                + "'^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$'"))),
        arguments("a tag value longer than 256 characters is rejected",
            SAME_POLICY, job(j -> j.tags.put("note", "x".repeat(257))),
            List.of(schema("spec.tags[note]",
                "Too long: may not be longer than 256 characters (has 257)"))),
        arguments("more than the schema's 40 user tags are refused by the schema",
            SAME_POLICY, job(j -> IntStream.range(0, 41).forEach(i -> j.tags.put("t" + i, "v"))),
            List.of(schema("spec.tags", "Too many: 41: must have at most 40 entries"))),
        arguments("47 tags in total leave room for the 3 ownership tags",
            policy(p -> IntStream.range(0, 6).forEach(i -> p.tags.required.put("r" + i, "v"))),
            job(j -> IntStream.range(0, 40).forEach(i -> j.tags.put("t" + i, "v"))),
            List.of()),
        arguments("48 tags in total are too many",
            policy(p -> IntStream.range(0, 7).forEach(i -> p.tags.required.put("r" + i, "v"))),
            job(j -> IntStream.range(0, 40).forEach(i -> j.tags.put("t" + i, "v"))),
            List.of(v("spec.tags", "InvalidTag", "the job would carry 48 tags with the required "
                + "ones; at most 47 are allowed (SageMaker allows 50 and the operator adds 3 "
                + "ownership tags)"))),

        // Hyperparameters
        arguments("more than 100 hyperparameters are rejected",
            SAME_POLICY, job(j -> IntStream.range(0, 100).forEach(
                i -> j.hyperparameters.put("p" + i, "1"))),
            List.of(schema("spec.hyperparameters", "Too many: 101: must have at most 100 entries"))),
        arguments("a hyperparameter value longer than 2500 characters is rejected",
            SAME_POLICY, job(j -> j.hyperparameters.put("config", "x".repeat(2501))),
            List.of(schema("spec.hyperparameters[config]",
                "Too long: may not be longer than 2500 characters (has 2501)"))),
        arguments("a hyperparameter key longer than 256 characters is rejected",
            SAME_POLICY, job(j -> j.hyperparameters.put("k".repeat(257), "1")),
            List.of(schema("spec.hyperparameters", "Invalid value: \"object\": hyperparameter "
                + "names must be 1-256 characters long"))),

        // Custom CEL rules
        arguments("the GPU-needs-spot rule fails for a GPU job that omits spot",
            policy(p -> p.rules.add(rule("gpu-needs-spot", GPU_RULE,
                "GPU training must use managed spot capacity"))),
            job(j -> j.resources.instanceType = "ml.g5.2xlarge"),
            List.of(v("spec", "gpu-needs-spot", "GPU training must use managed spot capacity"))),
        arguments("the GPU-needs-spot rule passes for a CPU job that omits spot",
            policy(p -> p.rules.add(rule("gpu-needs-spot", GPU_RULE, "GPU needs spot"))),
            SAME_JOB, List.of()),
        arguments("the GPU-needs-spot rule passes for a GPU job on spot",
            policy(p -> p.rules.add(rule("gpu-needs-spot", GPU_RULE, "GPU needs spot"))),
            job(j -> {
              j.resources.instanceType = "ml.g5.2xlarge";
              Fixtures.spot(j);
            }), List.of()),
        arguments("a rule sees integers as CEL ints",
            policy(p -> p.rules.add(rule("small-clusters",
                "spec.resources.instanceCount <= 4", "at most 4 instances"))),
            job(j -> j.resources.instanceCount = 6),
            List.of(v("spec", "small-clusters", "at most 4 instances"))),
        arguments("a rule sees the default instance count when the job omits it",
            policy(p -> p.rules.add(rule("single", "spec.resources.instanceCount == 1",
                "single instance only"))),
            job(j -> j.resources.instanceCount = null), List.of()),
        arguments("a rule sees absent metadata labels as an empty map",
            policy(p -> p.rules.add(rule("labelled", "'owner' in metadata.labels",
                "jobs need an owner label"))),
            SAME_JOB, List.of(v("spec", "labelled", "jobs need an owner label"))),
        arguments("a rule limited to other kinds does not apply to training jobs",
            policy(p -> {
              CompliancePolicySpec.Rule r = rule("endpoints-only", "false", "never");
              r.kinds = List.of("ModelEndpoint");
              p.rules.add(r);
            }), SAME_JOB, List.of()),
        arguments("a rule listing SecureTrainingJob among its kinds applies",
            policy(p -> {
              CompliancePolicySpec.Rule r = rule("training-too", "kind != 'SecureTrainingJob'",
                  "no training");
              r.kinds = List.of("ModelEndpoint", "SecureTrainingJob");
              p.rules.add(r);
            }), SAME_JOB, List.of(v("spec", "training-too", "no training"))),

        // Several at once
        arguments("every violation is reported, in the order of the rules",
            policy(p -> p.rules.add(rule("gpu-needs-spot", GPU_RULE, "GPU needs spot"))),
            job(j -> {
              j.tags.put("cost-center", "mine");
              security(j).roleArn = "arn:aws:iam::999999999999:role/admin";
              j.output.s3Uri = "s3://elsewhere/out/";
              j.image = "evil.io/x:1";
              j.resources.instanceType = "ml.g4dn.xlarge";
              j.resources.instanceCount = 9;
            }),
            List.of(
                v("spec.resources.instanceType", "InstanceTypeNotAllowed",
                    "instance type ml.g4dn.xlarge is not allowed; allowed: ml.m5.*, ml.g5.*"),
                v("spec.resources.instanceCount", "InstanceCountExceeded",
                    "instance count 9 exceeds the maximum of 8"),
                v("spec.image", "ImageNotAllowed",
                    "image evil.io/x:1 is not allowed; allowed prefixes: " + REGISTRY),
                v("spec.output.s3Uri", "S3LocationNotAllowed",
                    "S3 location s3://elsewhere/out/ is not allowed; " + ALLOWED_S3),
                v("spec.security.roleArn", "RoleNotAllowed", "the execution role is set by the "
                    + "CompliancePolicy; remove spec.security.roleArn"),
                v("spec.tags.cost-center", "RequiredTagOverridden", "tag cost-center is required "
                    + "by the CompliancePolicy with value CC-1234; remove it or use that value"),
                v("spec", "gpu-needs-spot", "GPU needs spot"))),
        arguments("fields the schema requires are reported when missing",
            SAME_POLICY, job(j -> {
              j.image = null;
              j.inputs = List.of();
              j.output = null;
              j.resources = null;
              j.dataClassification = " ";
            }),
            List.of(
                schema("spec.image", "Required value"),
                schema("spec.output", "Required value"),
                schema("spec.resources", "Required value"),
                schema("spec.inputs", "Invalid value: 0: must have at least 1 items"),
                schema("spec.dataClassification",
                    "Invalid value: \" \": must match '^[A-Za-z][A-Za-z0-9-]*$'")))
    );
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyTheExpectedViolations(String behaviour, Consumer<CompliancePolicySpec> policy,
      Consumer<SecureTrainingJobSpec> job, List<Violation> expected) {
    Decision<ResolvedTrainingSettings> d = ENGINE.evaluateTrainingJob(Fixtures.job(job), FRAUD_NS,
        List.of(Fixtures.policy(policy)));

    assertThat(d.violations()).containsExactlyElementsOf(expected);
    assertThat(d.policyName()).isEqualTo("fraud-team");
    assertThat(d.enforcement()).isEqualTo(Enforcement.Enforce);
    assertThat(d.allowed()).isEqualTo(expected.isEmpty());
  }
}
