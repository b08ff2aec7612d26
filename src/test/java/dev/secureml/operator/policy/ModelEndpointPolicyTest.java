package dev.secureml.operator.policy;

import static dev.secureml.operator.policy.Fixtures.FRAUD_NS;
import static dev.secureml.operator.policy.Fixtures.KEY_HC;
import static dev.secureml.operator.policy.Fixtures.KEY_INTERNAL;
import static dev.secureml.operator.policy.Fixtures.MODEL_DATA;
import static dev.secureml.operator.policy.Fixtures.REGISTRY;
import static dev.secureml.operator.policy.Fixtures.schema;
import static dev.secureml.operator.policy.Fixtures.fromTrainingJob;
import static dev.secureml.operator.policy.Fixtures.source;
import static dev.secureml.operator.policy.Fixtures.v;
import static dev.secureml.operator.policy.Fixtures.variant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.Enforcement;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.api.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ModelEndpoints under a CompliancePolicy: one row per hosting rule with the exact violations
 * under Enforce, one row per resolved hosting setting, then selection, Audit and custom rules.
 */
class ModelEndpointPolicyTest {
  private static final PolicyEngine ENGINE = new PolicyEngine();
  private static final String ALLOWED_S3 = "allowed prefixes: s3://fraud-data/, s3://fraud-models/";
  private static final String INVALID_SOURCE =
      "Invalid value: \"object\": set either fromTrainingJob, or image and modelDataUrl";
  private static final String SMALL_SCALE =
      "!has(spec.autoscaling) || spec.autoscaling.maxInstances <= 4";
  private static final Consumer<CompliancePolicySpec> SAME_POLICY = p -> {};
  private static final Consumer<ModelEndpointSpec> SAME_ENDPOINT = e -> {};

  private static Consumer<CompliancePolicySpec> policy(Consumer<CompliancePolicySpec> c) {
    return c;
  }

  private static Consumer<ModelEndpointSpec> endpoint(Consumer<ModelEndpointSpec> c) {
    return c;
  }

  /** Gives the policy a hosting block. */
  private static Consumer<CompliancePolicySpec> hosting(Integer maxCount, String... types) {
    return p -> {
      p.instances.hosting = new CompliancePolicySpec.Hosting();
      p.instances.hosting.allowedTypes = new ArrayList<>(List.of(types));
      p.instances.hosting.maxCount = maxCount;
    };
  }

  /** Fixed capacity: no autoscaling, and the single variant's instance count. */
  private static Consumer<ModelEndpointSpec> fixedCount(int instanceCount) {
    return e -> {
      e.autoscaling = null;
      e.instanceCount = instanceCount;
    };
  }

  /** Two variants, blue and green, on ml.m5.large with two instances each. */
  private static void blueGreen(ModelEndpointSpec e) {
    e.variants = new ArrayList<>(List.of(variant("blue", "ml.m5.large", 2),
        variant("green", "ml.m5.large", 2)));
  }

  private static CompliancePolicySpec.Rule rule(String name, String expression, String message,
      String... kinds) {
    CompliancePolicySpec.Rule r = Fixtures.rule(name, expression, message);
    r.kinds = List.of(kinds);
    return r;
  }

  /** Blue/green where one variant serves its own model. */
  private static Consumer<ModelEndpointSpec> variantModel(int index,
      ModelEndpointSpec.ModelSource model) {
    return e -> {
      blueGreen(e);
      e.variants.get(index).model = model;
    };
  }

  private static List<Violation> countExceeded(String field, int count, int max) {
    return List.of(v(field, "InstanceCountExceeded",
        "instance count " + count + " exceeds the maximum of " + max));
  }

  private static List<Violation> imageNotAllowed(String field, String image) {
    return List.of(v(field, "ImageNotAllowed",
        "image " + image + " is not allowed; allowed prefixes: " + REGISTRY));
  }

  private static List<Violation> s3NotAllowed(String field, String uri) {
    return List.of(v(field, "S3LocationNotAllowed",
        "S3 location " + uri + " is not allowed; " + ALLOWED_S3));
  }

  /** Adds a custom rule to the policy. */
  private static Consumer<CompliancePolicySpec> withRule(String name, String expression,
      String message, String... kinds) {
    return p -> p.rules.add(rule(name, expression, message, kinds));
  }

  private static Decision<ResolvedHostingSettings> evaluate(Consumer<CompliancePolicySpec> policy,
      Consumer<ModelEndpointSpec> endpoint) {
    return ENGINE.evaluateModelEndpoint(Fixtures.endpoint(endpoint), FRAUD_NS,
        List.of(Fixtures.policy(policy)));
  }

  static Stream<Arguments> violations() {
    return Stream.of(
        arguments("a compliant endpoint has no violations", SAME_POLICY, SAME_ENDPOINT,
            List.of()),
        arguments("a compliant endpoint serving a training job's model has no violations",
            SAME_POLICY, endpoint(e -> e.model = fromTrainingJob("bank-failure-xgb")),
            List.of()),

        // Instance types
        arguments("the hosting allow-list governs hosting when the policy has one",
            hosting(null, "ml.c5.*"), SAME_ENDPOINT,
            List.of(v("spec.instanceType", "InstanceTypeNotAllowed",
                "instance type ml.m5.large is not allowed; allowed: ml.c5.*"))),
        arguments("the hosting allow-list admits types the training list does not",
            hosting(null, "ml.c5.*"), endpoint(e -> e.instanceType = "ml.c5.xlarge"),
            List.of()),
        arguments("without a hosting block the training allow-list applies to hosting",
            SAME_POLICY, endpoint(e -> e.instanceType = "ml.p4d.24xlarge"),
            List.of(v("spec.instanceType", "InstanceTypeNotAllowed",
                "instance type ml.p4d.24xlarge is not allowed; allowed: ml.m5.*, ml.g5.*"))),
        arguments("every variant's instance type is checked, naming the variant",
            SAME_POLICY, endpoint(e -> {
              blueGreen(e);
              e.variants.get(1).instanceType = "ml.c5.large";
            }),
            List.of(v("spec.variants[1].instanceType", "InstanceTypeNotAllowed",
                "instance type ml.c5.large is not allowed; allowed: ml.m5.*, ml.g5.*"))),
        arguments("the single-variant fields are ignored when variants are given",
            SAME_POLICY, endpoint(e -> {
              blueGreen(e);
              e.instanceType = "ml.p4d.24xlarge";
              e.instanceCount = 50;
            }), List.of()),

        // Instance counts
        arguments("an instance count above the hosting maximum is rejected",
            hosting(4, "ml.m5.*"), fixedCount(5), countExceeded("spec.instanceCount", 5, 4)),
        arguments("without a hosting block the training maximum applies to hosting",
            SAME_POLICY, fixedCount(9), countExceeded("spec.instanceCount", 9, 8)),
        arguments("a variant's instance count above the maximum names the variant",
            SAME_POLICY, fixedCount(1).andThen(e -> {
              blueGreen(e);
              e.variants.get(0).instanceCount = 9;
            }),
            countExceeded("spec.variants[0].instanceCount", 9, 8)),
        arguments("an instance count below one is rejected",
            SAME_POLICY, fixedCount(0),
            List.of(schema("spec.instanceCount",
                "Invalid value: 0: must be greater than or equal to 1"))),
        arguments("an autoscaling maximum above the limit is rejected",
            SAME_POLICY, endpoint(e -> e.autoscaling.maxInstances = 10),
            List.of(v("spec.autoscaling.maxInstances", "InstanceCountExceeded",
                "autoscaling maxInstances 10 exceeds the maximum of 8"))),
        arguments("an autoscaling maximum above the hosting limit is rejected",
            hosting(5, "ml.m5.*"), SAME_ENDPOINT,
            List.of(v("spec.autoscaling.maxInstances", "InstanceCountExceeded",
                "autoscaling maxInstances 6 exceeds the maximum of 5"))),
        arguments("a hosting block without maxCount leaves hosting counts unlimited",
            hosting(null, "ml.m5.*"), endpoint(e -> e.autoscaling.maxInstances = 20),
            List.of()),

        // Autoscaling
        arguments("autoscaling minInstances above maxInstances is rejected",
            SAME_POLICY, endpoint(e -> {
              e.autoscaling.minInstances = 5;
              e.autoscaling.maxInstances = 3;
            }),
            List.of(schema("spec.autoscaling", "Invalid value: \"object\": "
                + "autoscaling.minInstances must not exceed autoscaling.maxInstances"))),
        arguments("an instance count below the autoscaling minimum is rejected",
            SAME_POLICY, endpoint(e -> e.instanceCount = 1),
            List.of(v("spec.instanceCount", "InvalidAutoscaling", "instance count 1 is outside "
                + "the autoscaling range of minInstances 2 to maxInstances 6"))),
        arguments("a variant's instance count above the autoscaling maximum is rejected",
            SAME_POLICY, endpoint(e -> {
              blueGreen(e);
              e.variants.get(1).instanceCount = 7;
            }),
            List.of(v("spec.variants[1].instanceCount", "InvalidAutoscaling", "instance count 7 "
                + "is outside the autoscaling range of minInstances 2 to maxInstances 6"))),
        arguments("autoscaling bounds below one are rejected",
            SAME_POLICY, endpoint(e -> e.autoscaling.minInstances = 0),
            List.of(schema("spec.autoscaling.minInstances",
                "Invalid value: 0: must be greater than or equal to 1"))),

        // Images
        arguments("a model image outside the prefixes is rejected",
            SAME_POLICY, endpoint(e -> e.model.image = "docker.io/library/nginx:1"),
            imageNotAllowed("spec.model.image", "docker.io/library/nginx:1")),
        arguments("a variant's own model image outside the prefixes names the variant",
            SAME_POLICY, variantModel(1, source("evil.io/serve:2", MODEL_DATA)),
            imageNotAllowed("spec.variants[1].model.image", "evil.io/serve:2")),
        arguments("a training job's model has no image to check",
            policy(p -> p.images.allowedPrefixes = List.of("999999999999.dkr.ecr.local/x/")),
            endpoint(e -> e.model = fromTrainingJob("bank-failure-xgb")), List.of()),
        arguments("an image replacing a training job's image is checked",
            SAME_POLICY, endpoint(e -> {
              e.model = fromTrainingJob("bank-failure-xgb");
              e.model.image = "evil.io/serve:2";
            }),
            imageNotAllowed("spec.model.image", "evil.io/serve:2")),

        // S3 locations
        arguments("model data outside the allowed prefixes is rejected",
            SAME_POLICY, endpoint(e -> e.model.modelDataUrl = "s3://public/model.tar.gz"),
            s3NotAllowed("spec.model.modelDataUrl", "s3://public/model.tar.gz")),
        arguments("a variant's model data outside the allowed prefixes names the variant",
            SAME_POLICY, variantModel(0, source(REGISTRY + "xgboost-serving:2",
                "s3://fraud-data-evil/model.tar.gz")),
            s3NotAllowed("spec.variants[0].model.modelDataUrl",
                "s3://fraud-data-evil/model.tar.gz")),
        arguments("a capture destination outside the allowed prefixes is rejected",
            SAME_POLICY, endpoint(e -> e.dataCapture.destinationS3Uri = "s3://scratch/capture/"),
            s3NotAllowed("spec.dataCapture.destinationS3Uri", "s3://scratch/capture/")),

        // Model sources, variants, required fields
        arguments("an image without model data is an invalid model source",
            SAME_POLICY, endpoint(e -> e.model.modelDataUrl = null),
            List.of(schema("spec.model", INVALID_SOURCE))),
        arguments("a training job together with image and model data is an invalid model source",
            SAME_POLICY, endpoint(e -> e.model.fromTrainingJob = "bank-failure-xgb"),
            List.of(schema("spec.model", INVALID_SOURCE))),
        arguments("a model source naming nothing is invalid",
            SAME_POLICY, endpoint(e -> e.model = new ModelEndpointSpec.ModelSource()),
            List.of(schema("spec.model", INVALID_SOURCE))),
        arguments("a variant's own model source is checked too",
            SAME_POLICY, variantModel(1, source(null, MODEL_DATA)),
            List.of(schema("spec.variants[1].model", INVALID_SOURCE))),
        arguments("variant names must be unique",
            SAME_POLICY, endpoint(e -> {
              blueGreen(e);
              e.variants.get(1).name = "blue";
            }),
            List.of(v("spec.variants[1].name", "DuplicateVariant", "variant name blue is already "
                + "used by spec.variants[0]; variant names must be unique"))),
        arguments("an endpoint without instanceType or variants is rejected",
            SAME_POLICY, endpoint(e -> e.instanceType = null),
            List.of(schema("spec",
                "Required value: set instanceType (one variant) or variants"))),
        arguments("fields the schema requires are reported when missing",
            SAME_POLICY, endpoint(e -> {
              e.model = null;
              e.variants = new ArrayList<>(List.of(variant(null, " ", 2)));
              e.dataCapture.destinationS3Uri = null;
              e.autoscaling.targetInvocationsPerInstance = null;
              e.dataClassification = null;
            }),
            List.of(
                schema("spec.dataClassification", "Required value"),
                schema("spec.model", "Required value"),
                schema("spec.variants[0].name", "Required value"),
                schema("spec.variants[0].instanceType",
                    "Invalid value: \" \": must match '^ml\\.[a-z0-9]+\\.[a-z0-9]+$'"),
                schema("spec.autoscaling.targetInvocationsPerInstance", "Required value"),
                schema("spec.dataCapture.destinationS3Uri", "Required value"))),

        // Tags (the rules shared with training are compared in sharedRules)
        arguments("48 tags in total are too many for an endpoint",
            policy(p -> IntStream.range(0, 7).forEach(i -> p.tags.required.put("r" + i, "v"))),
            endpoint(e -> IntStream.range(0, 40).forEach(i -> e.tags.put("t" + i, "v"))),
            List.of(v("spec.tags", "InvalidTag", "the endpoint would carry 48 tags with the "
                + "required ones; at most 47 are allowed (SageMaker allows 50 and the operator "
                + "adds 3 ownership tags)"))),

        // Custom rules
        arguments("a rule for ModelEndpoints applies to endpoints",
            withRule("small-endpoints", "spec.autoscaling.maxInstances <= 4",
                "at most 4 instances", "ModelEndpoint"),
            SAME_ENDPOINT, List.of(v("spec", "small-endpoints", "at most 4 instances"))),
        arguments("a rule for SecureTrainingJobs does not apply to endpoints",
            withRule("training-only", "false", "never", "SecureTrainingJob"), SAME_ENDPOINT,
            List.of()),
        arguments("a rule tests the optional autoscaling block with has()",
            withRule("small-scale", SMALL_SCALE, "autoscale to at most 4 instances"),
            SAME_ENDPOINT, List.of(v("spec", "small-scale", "autoscale to at most 4 instances"))),
        arguments("a rule testing autoscaling with has() passes an endpoint without it",
            withRule("small-scale", SMALL_SCALE, "autoscale to at most 4 instances"),
            endpoint(e -> e.autoscaling = null), List.of()),
        arguments("a rule without kinds applies to endpoints too",
            withRule("owner", "'owner' in metadata.labels", "resources need an owner label"),
            SAME_ENDPOINT, List.of(v("spec", "owner", "resources need an owner label"))),

        // Several at once
        arguments("every violation is reported, in the order of the rules",
            withRule("no-canary", "size(spec.variants) < 2", "one variant", "ModelEndpoint"),
            endpoint(e -> {
              blueGreen(e);
              e.variants.get(1).name = "blue";
              e.variants.get(1).instanceType = "ml.c5.large";
              e.variants.get(0).instanceCount = 1;
              e.model.image = "evil.io/x:1";
              e.dataCapture.destinationS3Uri = "s3://elsewhere/";
              e.tags.put("cost-center", "mine");
            }),
            List.of(
                v("spec.variants[1].name", "DuplicateVariant", "variant name blue is already "
                    + "used by spec.variants[0]; variant names must be unique"),
                v("spec.variants[1].instanceType", "InstanceTypeNotAllowed",
                    "instance type ml.c5.large is not allowed; allowed: ml.m5.*, ml.g5.*"),
                v("spec.variants[0].instanceCount", "InvalidAutoscaling", "instance count 1 is "
                    + "outside the autoscaling range of minInstances 2 to maxInstances 6"),
                v("spec.model.image", "ImageNotAllowed",
                    "image evil.io/x:1 is not allowed; allowed prefixes: " + REGISTRY),
                v("spec.dataCapture.destinationS3Uri", "S3LocationNotAllowed",
                    "S3 location s3://elsewhere/ is not allowed; " + ALLOWED_S3),
                v("spec.tags.cost-center", "RequiredTagOverridden", "tag cost-center is required "
                    + "by the CompliancePolicy with value CC-1234; remove it or use that value"),
                v("spec", "no-canary", "one variant"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violations")
  void reportsExactlyTheExpectedViolations(String behaviour,
      Consumer<CompliancePolicySpec> policy, Consumer<ModelEndpointSpec> endpoint,
      List<Violation> expected) {
    Decision<ResolvedHostingSettings> d = evaluate(policy, endpoint);

    assertThat(d.violations()).containsExactlyElementsOf(expected);
    assertThat(d.policyName()).isEqualTo("fraud-team");
    assertThat(d.enforcement()).isEqualTo(Enforcement.Enforce);
    assertThat(d.allowed()).isEqualTo(expected.isEmpty());
  }

  /** Classification and tag rules: the same violation for an endpoint as for a job. */
  static Stream<Arguments> sharedRules() {
    return Stream.of(
        arguments("a classification without a KMS key names the classifications that have one",
            "Secret", Map.of(), v("spec.dataClassification", "NoKmsKeyForClassification",
                "data classification Secret has no KMS key in the CompliancePolicy; "
                    + "classifications with keys: HighlyConfidential, Internal")),
        arguments("a user tag may not change a required tag's value",
            "Internal", Map.of("cost-center", "CC-9999"), v("spec.tags.cost-center",
                "RequiredTagOverridden", "tag cost-center is required by the CompliancePolicy "
                    + "with value CC-1234; remove it or use that value")),
        arguments("a user tag may not use the reserved prefix",
            "Internal", Map.of("secureml.dev/uid", "forged"), v("spec.tags.secureml.dev/uid",
                "ReservedTag", "tag key secureml.dev/uid uses the reserved prefix "
                    + "secureml.dev/; the operator sets those tags")),
        arguments("a tag value with characters AWS refuses is rejected",
            "Internal", Map.of("team", "fraud;drop"), schema("spec.tags[team]",
                "Invalid value: \"fraud;drop\": must match "
                    + "'^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$'")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sharedRules")
  void sharedRulesJudgeEndpointsAsTrainingJobs(String behaviour, String classification,
      Map<String, String> tags, Violation expected) {
    Decision<ResolvedHostingSettings> endpoint = evaluate(SAME_POLICY, e -> {
      e.dataClassification = classification;
      e.tags.putAll(tags);
    });
    Decision<ResolvedTrainingSettings> job = ENGINE.evaluateTrainingJob(Fixtures.job(j -> {
      j.dataClassification = classification;
      j.tags.putAll(tags);
    }), FRAUD_NS, List.of(Fixtures.policy()));

    assertThat(endpoint.violations()).containsExactly(expected);
    assertThat(endpoint.violations()).isEqualTo(job.violations());
    assertThat(endpoint.allowed()).isFalse();
  }

  private static Function<ResolvedHostingSettings, Object> get(
      Function<ResolvedHostingSettings, Object> f) {
    return f;
  }

  static Stream<Arguments> settings() {
    Function<ResolvedHostingSettings, Object> endpointKey =
        get(ResolvedHostingSettings::endpointKmsKeyId);
    Function<ResolvedHostingSettings, Object> captureKey =
        get(ResolvedHostingSettings::dataCaptureKmsKeyId);
    Function<ResolvedHostingSettings, Object> isolation =
        get(ResolvedHostingSettings::networkIsolation);
    Consumer<ModelEndpointSpec> nvmeCanary = e -> {
      blueGreen(e);
      e.variants.get(1).instanceType = "ml.g5.xlarge";
    };
    return Stream.of(
        arguments("a compliant endpoint gets the policy's role, network, keys and tags",
            SAME_POLICY, SAME_ENDPOINT, get(s -> s), new ResolvedHostingSettings("fraud-team",
                Enforcement.Enforce, "us-east-1", Fixtures.ROLE,
                List.of("subnet-0a1b2c3d", "subnet-0e4f5a6b"), List.of("sg-0c1d2e3f"), true,
                KEY_HC, KEY_HC, Map.of("cost-center", "CC-1234"))),
        arguments("optional network isolation is on too: hosting has no switch for it",
            policy(p -> p.network.networkIsolation = Requirement.Optional), SAME_ENDPOINT,
            isolation, true),
        arguments("the endpoint key is the classification's key", SAME_POLICY, SAME_ENDPOINT,
            endpointKey, KEY_HC),
        arguments("both keys follow the classification", SAME_POLICY,
            endpoint(e -> e.dataClassification = "Internal"),
            get(s -> List.of(s.endpointKmsKeyId(), s.dataCaptureKmsKeyId())),
            List.of(KEY_INTERNAL, KEY_INTERNAL)),
        arguments("a single variant with local NVMe storage gets no endpoint key", SAME_POLICY,
            endpoint(e -> e.instanceType = "ml.g5.xlarge"), endpointKey, null),
        arguments("one NVMe variant among EBS variants drops the endpoint key", SAME_POLICY,
            endpoint(nvmeCanary), endpointKey, null),
        arguments("an NVMe variant keeps the data capture key", SAME_POLICY,
            endpoint(nvmeCanary), captureKey, KEY_HC),
        arguments("variants on EBS instance types keep the endpoint key", SAME_POLICY,
            endpoint(ModelEndpointPolicyTest::blueGreen), endpointKey, KEY_HC),
        arguments("the data capture key is resolved even without data capture", SAME_POLICY,
            endpoint(e -> e.dataCapture = null), captureKey, KEY_HC),
        arguments("required tags come first, then user tags sorted by key",
            policy(p -> p.tags.required.put("data-owner", "fraud")),
            endpoint(e -> {
              e.tags.put("zeta", "1");
              e.tags.put("alpha", "2");
            }),
            get(s -> List.copyOf(s.tags().keySet())),
            List.of("cost-center", "data-owner", "alpha", "zeta")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void resolvesTheSetting(String behaviour, Consumer<CompliancePolicySpec> policy,
      Consumer<ModelEndpointSpec> endpoint, Function<ResolvedHostingSettings, Object> setting,
      Object expected) {
    Decision<ResolvedHostingSettings> d = evaluate(policy, endpoint);

    assertThat(d.violations()).isEmpty();
    assertThat(d.allowed()).isTrue();
    assertThat(setting.apply(d.settings())).isEqualTo(expected);
  }

  @Test
  void resolvedTagsCannotBeChangedByCallers() {
    assertThat(evaluate(SAME_POLICY, SAME_ENDPOINT).settings().tags()).isUnmodifiable();
  }

  static Stream<Arguments> selectionDenials() {
    return Stream.of(
        arguments("a namespace no policy selects",
            new NamespaceInfo("scratch", Map.of("secureml.dev/team", "risk")),
            List.of(Fixtures.policy()), null,
            v("metadata.namespace", "NoPolicy", "no CompliancePolicy selects namespace scratch")),
        arguments("a namespace two policies select, even under Audit", FRAUD_NS,
            List.of(Fixtures.policy("b-team", p -> p.enforcement = Enforcement.Audit),
                Fixtures.policy("a-team", p -> {})), null,
            v("metadata.namespace", "PolicyConflict", "namespace fraud-models is selected by "
                + "several CompliancePolicies: a-team, b-team; exactly one may select it")),
        arguments("a policy that is not Ready", FRAUD_NS,
            List.of(Fixtures.policy(p -> p.network = null)), "fraud-team",
            v("metadata.namespace", "PolicyNotReady",
                "CompliancePolicy fraud-team is not Ready: spec.network: Required value")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("selectionDenials")
  void selectionDeniesEndpointsExactlyAsTrainingJobs(String behaviour, NamespaceInfo ns,
      List<CompliancePolicy> policies, String policyName, Violation expected) {
    Decision<ResolvedHostingSettings> endpoint =
        ENGINE.evaluateModelEndpoint(Fixtures.endpoint(), ns, policies);
    Decision<ResolvedTrainingSettings> job = ENGINE.evaluateTrainingJob(Fixtures.job(), ns, policies);

    assertThat(endpoint.violations()).containsExactly(expected);
    assertThat(endpoint.violations()).isEqualTo(job.violations());
    assertThat(endpoint.policyName()).isEqualTo(policyName);
    assertThat(endpoint.allowed()).isFalse();
  }

  @Test
  void invalidHostingRulesDenyTheEndpointAsNotReady() {
    Decision<ResolvedHostingSettings> d = evaluate(hosting(0, "ml.m5.*", ""), SAME_ENDPOINT);

    assertThat(d.violations()).containsExactly(new Violation("metadata.namespace",
        "PolicyNotReady", "CompliancePolicy fraud-team is not Ready: "
            + "spec.instances.hosting.maxCount: Invalid value: 0: must be greater than or equal "
            + "to 1"));
    assertThat(d.allowed()).isFalse();
  }

  @Test
  void endpointWithoutSpecIsDenied() {
    ModelEndpoint endpoint = Fixtures.endpoint();
    endpoint.setSpec(null);

    Decision<ResolvedHostingSettings> d =
        ENGINE.evaluateModelEndpoint(endpoint, FRAUD_NS, List.of(Fixtures.policy()));

    assertThat(d.violations()).containsExactly(schema("spec", "Required value"));
  }

  @Test
  void auditAdmitsAViolatingEndpointAndReportsEveryViolation() {
    Decision<ResolvedHostingSettings> d = evaluate(p -> p.enforcement = Enforcement.Audit,
        e -> {
          e.instanceType = "ml.g4dn.xlarge";
          e.autoscaling.maxInstances = 12;
        });

    assertThat(d.allowed()).isTrue();
    assertThat(d.violations()).containsExactly(
        new Violation("spec.instanceType", "InstanceTypeNotAllowed",
            "instance type ml.g4dn.xlarge is not allowed; allowed: ml.m5.*, ml.g5.*"),
        new Violation("spec.autoscaling.maxInstances", "InstanceCountExceeded",
            "autoscaling maxInstances 12 exceeds the maximum of 8"));
    assertThat(d.settings().enforcement()).isEqualTo(Enforcement.Audit);
    // g4dn has local NVMe storage: still no endpoint key under Audit.
    assertThat(d.settings().endpointKmsKeyId()).isNull();
    assertThat(d.settings().dataCaptureKmsKeyId()).isEqualTo(KEY_HC);
  }

  @Test
  void auditDeniesAnEndpointWhoseClassificationHasNoKey() {
    Decision<ResolvedHostingSettings> d = evaluate(p -> p.enforcement = Enforcement.Audit,
        e -> e.dataClassification = "Secret");

    assertThat(d.allowed()).isFalse();
    assertThat(d.policyName()).isEqualTo("fraud-team");
    assertThat(d.violations()).extracting(Violation::rule)
        .containsExactly("NoKmsKeyForClassification");
  }

  @Test
  void auditDeniesAnEndpointWithNothingToDeploy() {
    Decision<ResolvedHostingSettings> d = evaluate(p -> p.enforcement = Enforcement.Audit,
        e -> {
          e.model = new ModelEndpointSpec.ModelSource();
          e.instanceType = null;
        });

    assertThat(d.allowed()).isFalse();
    // The spec's own rule (instanceType or variants) waits until its fields are well-formed.
    assertThat(d.violations()).containsExactly(schema("spec.model", INVALID_SOURCE));
  }

  @Test
  void ruleForEndpointsDoesNotApplyToTrainingJobsUnderTheSamePolicy() {
    CompliancePolicy policy = Fixtures.policy(p ->
        p.rules.add(rule("no-endpoints", "false", "no endpoints here", "ModelEndpoint")));

    assertThat(ENGINE.evaluateModelEndpoint(Fixtures.endpoint(), FRAUD_NS, List.of(policy))
        .violations()).containsExactly(new Violation("spec", "no-endpoints", "no endpoints here"));
    assertThat(ENGINE.evaluateTrainingJob(Fixtures.job(), FRAUD_NS, List.of(policy))
        .violations()).isEmpty();
  }

  @Test
  void ruleSeesTheEndpointWithDefaultsFilledIn() {
    CompliancePolicySpec.Rule r = rule("defaults", "kind == 'ModelEndpoint' && "
        + "metadata.name == 'bank-failure-endpoint' && spec.instanceCount == 1 && "
        + "size(spec.variants) == 0 && spec.dataCapture.enabled == false && "
        + "!has(spec.autoscaling) && size(spec.tags) == 0 && size(spec.environment) == 0 && "
        + "spec.deletionPolicy == 'Delete' && spec.model.fromTrainingJob == 'bank-failure-xgb'",
        "m");

    Decision<ResolvedHostingSettings> d = evaluate(p -> p.rules.add(r), e -> {
      e.model = fromTrainingJob("bank-failure-xgb");
      e.instanceCount = null;
      e.variants = null;
      e.autoscaling = null;
      e.dataCapture = null;
      e.tags = null;
      e.environment = null;
      e.deletionPolicy = null;
    });

    assertThat(d.violations()).isEmpty();
  }

  @Test
  void ruleSeesVariantAndDataCaptureDefaults() {
    CompliancePolicySpec.Rule r = rule("variant-defaults", "spec.variants.all(v, "
        + "v.instanceCount == 1 && v.weight == 1.0) && spec.dataCapture.enabled && "
        + "spec.dataCapture.samplingPercentage == 100 && "
        + "spec.autoscaling.scaleInCooldownSeconds == 300", "m");

    Decision<ResolvedHostingSettings> d = evaluate(p -> p.rules.add(r), e -> {
      blueGreen(e);
      e.autoscaling.minInstances = 1;
      e.autoscaling.scaleInCooldownSeconds = null;
      e.variants.forEach(v -> {
        v.instanceCount = null;
        v.weight = null;
      });
      e.dataCapture.enabled = null;
      e.dataCapture.samplingPercentage = null;
    });

    assertThat(d.violations()).isEmpty();
  }
}
