package dev.secureml.operator.policy;

import static dev.secureml.operator.policy.Fixtures.FRAUD_NS;
import static dev.secureml.operator.policy.Fixtures.KEY_HC;
import static dev.secureml.operator.policy.Fixtures.KEY_INTERNAL;
import static dev.secureml.operator.policy.Fixtures.REGISTRY;
import static dev.secureml.operator.policy.Fixtures.schema;
import static dev.secureml.operator.policy.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.api.DataQualityMonitorSpec.MonitorEngine;
import dev.secureml.operator.api.Enforcement;
import dev.secureml.operator.api.Requirement;
import dev.secureml.operator.api.TrainingJobTemplateSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * DataQualityMonitors under a CompliancePolicy: one row per monitoring rule with the exact
 * violations under Enforce, one row per resolved setting, then Audit, selection and custom rules.
 */
class DataQualityMonitorPolicyTest {
  private static final PolicyEngine ENGINE = new PolicyEngine();
  private static final String ALLOWED_S3 = "allowed prefixes: s3://fraud-data/, s3://fraud-models/";
  private static final String TEMPLATE = "spec.onDrift.retrain.template";
  private static final Consumer<CompliancePolicySpec> SAME_POLICY = p -> {};
  private static final Consumer<DataQualityMonitorSpec> SAME_MONITOR = m -> {};

  private static Consumer<CompliancePolicySpec> policy(Consumer<CompliancePolicySpec> c) {
    return c;
  }

  private static Consumer<DataQualityMonitorSpec> monitor(Consumer<DataQualityMonitorSpec> c) {
    return c;
  }

  /** The Model Monitor engine on the given instance type and runtime (null: the defaults). */
  private static Consumer<DataQualityMonitorSpec> modelMonitor(String instanceType,
      String maxRuntime) {
    return m -> {
      m.engine = MonitorEngine.ModelMonitor;
      if (instanceType != null || maxRuntime != null) {
        m.resources = new DataQualityMonitorSpec.ProcessingResources();
        if (instanceType != null) {
          m.resources.instanceType = instanceType;
        }
        if (maxRuntime != null) {
          m.resources.maxRuntime = maxRuntime;
        }
      }
    };
  }

  /** An existing baseline instead of training data. */
  private static void existingBaseline(DataQualityMonitorSpec m) {
    m.baseline.trainingDataS3Uri = null;
    m.baseline.constraintsS3Uri = "s3://fraud-models/baseline/constraints.json";
    m.baseline.statisticsS3Uri = "s3://fraud-models/baseline/statistics.json";
  }

  private static Consumer<DataQualityMonitorSpec> retrain(
      Consumer<TrainingJobTemplateSpec> change) {
    return Fixtures.retrain(change);
  }

  private static List<Violation> s3NotAllowed(String field, String uri) {
    return List.of(v(field, "S3LocationNotAllowed",
        "S3 location " + uri + " is not allowed; " + ALLOWED_S3));
  }

  /** A field the CRD's schema requires, reported by the schema check. */
  private static List<Violation> missing(String field) {
    return List.of(schema(field, "Required value"));
  }

  private static final String ONE_BASELINE_SOURCE = "Invalid value: \"object\": set either "
      + "trainingDataS3Uri, or constraintsS3Uri and statisticsS3Uri";
  private static final String BASELINE_FILES_TOGETHER =
      "Invalid value: \"object\": constraintsS3Uri and statisticsS3Uri go together";

  private static CompliancePolicySpec.Rule rule(String name, String expression, String message,
      String... kinds) {
    CompliancePolicySpec.Rule r = Fixtures.rule(name, expression, message);
    r.kinds = List.of(kinds);
    return r;
  }

  private static Decision<ResolvedMonitorSettings> evaluate(Consumer<CompliancePolicySpec> policy,
      Consumer<DataQualityMonitorSpec> monitor) {
    return ENGINE.evaluateDataQualityMonitor(Fixtures.monitor(monitor), FRAUD_NS,
        List.of(Fixtures.policy(policy)));
  }

  static Stream<Arguments> violations() {
    return Stream.of(
        arguments("a compliant monitor has no violations", SAME_POLICY, SAME_MONITOR, List.of()),
        arguments("a compliant monitor with an existing baseline has no violations",
            SAME_POLICY, monitor(DataQualityMonitorPolicyTest::existingBaseline), List.of()),
        arguments("a compliant Model Monitor monitor with the default compute has none",
            SAME_POLICY, modelMonitor(null, null), List.of()),

        // Required fields and the baseline's source
        arguments("the endpoint is required", SAME_POLICY, monitor(m -> m.endpointRef = null),
            missing("spec.endpointRef")),
        arguments("an empty endpoint name is not a name", SAME_POLICY,
            monitor(m -> m.endpointRef = ""), List.of(schema("spec.endpointRef",
                "Invalid value: \"\": must be the name of a ModelEndpoint in this namespace: "
                    + "at most 253 lower case letters, digits, '-' and '.', starting and ending "
                    + "with a letter or digit"))),
        arguments("the baseline is required", SAME_POLICY, monitor(m -> m.baseline = null),
            missing("spec.baseline")),
        arguments("a baseline without any source names the training data",
            SAME_POLICY, monitor(m -> m.baseline.trainingDataS3Uri = null),
            List.of(schema("spec.baseline", ONE_BASELINE_SOURCE))),
        arguments("constraints need statistics", SAME_POLICY, monitor(m -> {
              existingBaseline(m);
              m.baseline.statisticsS3Uri = null;
            }),
            List.of(schema("spec.baseline", ONE_BASELINE_SOURCE),
                schema("spec.baseline", BASELINE_FILES_TOGETHER))),
        arguments("statistics need constraints", SAME_POLICY, monitor(m -> {
              existingBaseline(m);
              m.baseline.constraintsS3Uri = null;
            }),
            List.of(schema("spec.baseline", ONE_BASELINE_SOURCE),
                schema("spec.baseline", BASELINE_FILES_TOGETHER))),
        arguments("training data together with baseline files is ambiguous", SAME_POLICY,
            monitor(m -> {
              existingBaseline(m);
              m.baseline.trainingDataS3Uri = "s3://fraud-data/fdic/train/fdic-train.csv";
            }),
            List.of(schema("spec.baseline", ONE_BASELINE_SOURCE))),
        arguments("training data together with one baseline file is ambiguous", SAME_POLICY,
            monitor(m -> m.baseline.constraintsS3Uri = "s3://fraud-models/c.json"),
            List.of(schema("spec.baseline", BASELINE_FILES_TOGETHER))),
        arguments("the output prefix is required", SAME_POLICY,
            monitor(m -> m.outputS3Uri = null), missing("spec.outputS3Uri")),
        arguments("the data classification is required", SAME_POLICY,
            monitor(m -> m.dataClassification = null), missing("spec.dataClassification")),
        arguments("retraining needs a template", SAME_POLICY,
            retrain(t -> {}).andThen(m -> m.onDrift.retrain.template = null), missing(TEMPLATE)),

        // S3 locations
        arguments("training data outside the prefixes is rejected", SAME_POLICY,
            monitor(m -> m.baseline.trainingDataS3Uri = "s3://other-bank/train.csv"),
            s3NotAllowed("spec.baseline.trainingDataS3Uri", "s3://other-bank/train.csv")),
        arguments("a bucket that only starts like an allowed one is rejected", SAME_POLICY,
            monitor(m -> m.baseline.trainingDataS3Uri = "s3://fraud-data-copy/train.csv"),
            s3NotAllowed("spec.baseline.trainingDataS3Uri", "s3://fraud-data-copy/train.csv")),
        arguments("both baseline files are checked, constraints first", SAME_POLICY,
            monitor(m -> {
              existingBaseline(m);
              m.baseline.constraintsS3Uri = "s3://x-bucket/constraints.json";
              m.baseline.statisticsS3Uri = "s3://x-bucket/statistics.json";
            }),
            Stream.concat(
                s3NotAllowed("spec.baseline.constraintsS3Uri", "s3://x-bucket/constraints.json")
                    .stream(),
                s3NotAllowed("spec.baseline.statisticsS3Uri", "s3://x-bucket/statistics.json")
                    .stream()).toList()),
        arguments("an output prefix outside the prefixes is rejected", SAME_POLICY,
            monitor(m -> m.outputS3Uri = "s3://public-reports/"),
            s3NotAllowed("spec.outputS3Uri", "s3://public-reports/")),

        // Model Monitor processing compute
        arguments("a processing instance type outside the allow-list is rejected", SAME_POLICY,
            modelMonitor("ml.c5.xlarge", null),
            List.of(v("spec.resources.instanceType", "InstanceTypeNotAllowed",
                "instance type ml.c5.xlarge is not allowed; allowed: ml.m5.*, ml.g5.*"))),
        arguments("the default processing instance type is checked too",
            policy(p -> p.instances.allowedTypes = List.of("ml.c5.*")), modelMonitor(null, null),
            List.of(v("spec.resources.instanceType", "InstanceTypeNotAllowed",
                "instance type ml.m5.xlarge is not allowed; allowed: ml.c5.*"))),
        arguments("the Builtin engine runs no processing job, so its compute is not checked",
            SAME_POLICY, modelMonitor("ml.c5.xlarge", "3h").andThen(m -> m.engine = null),
            List.of()),
        arguments("a runtime of exactly Model Monitor's hour is allowed", SAME_POLICY,
            modelMonitor(null, "1h"), List.of()),
        arguments("a runtime beyond Model Monitor's hour is rejected", SAME_POLICY,
            modelMonitor(null, "2h"),
            List.of(v("spec.resources.maxRuntime", "MaxRuntimeExceeded",
                "maximum runtime 2h exceeds Model Monitor's limit of 1h"))),
        arguments("a runtime beyond a shorter policy limit names the policy's limit",
            policy(p -> p.limits.maxRuntime = "20m"), modelMonitor(null, "2h"),
            List.of(v("spec.resources.maxRuntime", "MaxRuntimeExceeded",
                "maximum runtime 2h exceeds the CompliancePolicy's limit of 20m"))),
        arguments("the default runtime of 30m is checked against the policy's limit",
            policy(p -> p.limits.maxRuntime = "20m"), modelMonitor(null, null),
            List.of(v("spec.resources.maxRuntime", "MaxRuntimeExceeded",
                "maximum runtime 30m exceeds the CompliancePolicy's limit of 20m"))),
        arguments("a runtime below one second is rejected", SAME_POLICY,
            modelMonitor(null, "0s"),
            List.of(schema("spec.resources.maxRuntime", "Invalid value: \"0s\": must be between "
                + "1s and 24h (Model Monitor's limit)"))),

        // Classification and tags
        arguments("a classification without a key is rejected", SAME_POLICY,
            monitor(m -> m.dataClassification = "Secret"),
            List.of(v("spec.dataClassification", "NoKmsKeyForClassification",
                "data classification Secret has no KMS key in the CompliancePolicy; "
                    + "classifications with keys: HighlyConfidential, Internal"))),
        arguments("a required tag cannot be overridden", SAME_POLICY,
            monitor(m -> m.tags.put("cost-center", "CC-9999")),
            List.of(v("spec.tags.cost-center", "RequiredTagOverridden", "tag cost-center is "
                + "required by the CompliancePolicy with value CC-1234; remove it or use that "
                + "value"))),
        arguments("the ownership tag prefix is reserved", SAME_POLICY,
            monitor(m -> m.tags.put("secureml.dev/uid", "forged")),
            List.of(v("spec.tags.secureml.dev/uid", "ReservedTag", "tag key secureml.dev/uid "
                + "uses the reserved prefix secureml.dev/; the operator sets those tags"))),
        arguments("too many tags are counted for the monitor",
            policy(p -> IntStream.range(0, 7).forEach(i -> p.tags.required.put("r" + i, "v"))),
            monitor(m -> IntStream.range(0, 40).forEach(i -> m.tags.put("t" + i, "v"))),
            List.of(v("spec.tags", "InvalidTag", "the monitor would carry 48 tags with the "
                + "required ones; at most 47 are allowed (SageMaker allows 50 and the operator "
                + "adds 3 ownership tags)"))),

        // The retrain template, judged as a training job
        arguments("a compliant retrain template has no violations", SAME_POLICY,
            retrain(t -> {}), List.of()),
        arguments("a retrain image outside the prefixes names the template's field",
            SAME_POLICY, retrain(t -> t.image = "docker.io/library/xgboost:1"),
            List.of(v(TEMPLATE + ".image", "ImageNotAllowed", "image docker.io/library/xgboost:1 "
                + "is not allowed; allowed prefixes: " + REGISTRY))),
        arguments("a missing retrain field is named under the template, message included",
            SAME_POLICY, retrain(t -> t.output = null), missing(TEMPLATE + ".output")),
        arguments("a retrain role override points to the template's field", SAME_POLICY,
            retrain(t -> {
              t.security = new TrainingJobTemplateSpec.Security();
              t.security.roleArn = "arn:aws:iam::111122223333:role/admin";
            }),
            List.of(v(TEMPLATE + ".security.roleArn", "RoleNotAllowed", "the execution role is "
                + "set by the CompliancePolicy; remove " + TEMPLATE + ".security.roleArn"))),
        arguments("retrain spot rules apply", SAME_POLICY, retrain(t -> {
              t.spot = new TrainingJobTemplateSpec.Spot();
              t.spot.enabled = true;
              t.spot.maxWait = "4h";
            }),
            List.of(schema(TEMPLATE + ".spot.checkpointS3Uri", "Required value: "
                + "spot.checkpointS3Uri is required when spot.enabled is true"))),
        arguments("a retrain runtime beyond the policy's limit is rejected",
            policy(p -> p.limits.maxRuntime = "1h"), retrain(t -> {}),
            List.of(v(TEMPLATE + ".maxRuntime", "MaxRuntimeExceeded",
                "maximum runtime 2h exceeds the CompliancePolicy's limit of 1h"))),

        // Every rule at once: the fixed order
        arguments("violations come in a fixed order", SAME_POLICY,
            modelMonitor("ml.c5.xlarge", "2h").andThen(m -> {
              m.outputS3Uri = "s3://public-reports/";
              m.tags.put("cost-center", "CC-9999");
            }).andThen(retrain(t -> t.image = "evil.io/x:1")),
            List.of(
                s3NotAllowed("spec.outputS3Uri", "s3://public-reports/").get(0),
                v("spec.resources.instanceType", "InstanceTypeNotAllowed",
                    "instance type ml.c5.xlarge is not allowed; allowed: ml.m5.*, ml.g5.*"),
                v("spec.resources.maxRuntime", "MaxRuntimeExceeded",
                    "maximum runtime 2h exceeds Model Monitor's limit of 1h"),
                v("spec.tags.cost-center", "RequiredTagOverridden", "tag cost-center is "
                    + "required by the CompliancePolicy with value CC-1234; remove it or use "
                    + "that value"),
                v(TEMPLATE + ".image", "ImageNotAllowed", "image evil.io/x:1 is not allowed; "
                    + "allowed prefixes: " + REGISTRY))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violations")
  void reportsExactlyTheViolations(String behaviour, Consumer<CompliancePolicySpec> policy,
      Consumer<DataQualityMonitorSpec> monitor, List<Violation> expected) {
    Decision<ResolvedMonitorSettings> d = evaluate(policy, monitor);

    assertThat(d.violations()).containsExactlyElementsOf(expected);
    assertThat(d.allowed()).isEqualTo(expected.isEmpty());
    assertThat(d.policyName()).isEqualTo("fraud-team");
  }

  private static Function<ResolvedMonitorSettings, Object> get(
      Function<ResolvedMonitorSettings, Object> f) {
    return f;
  }

  static Stream<Arguments> settings() {
    Function<ResolvedMonitorSettings, Object> keys =
        get(s -> List.of(String.valueOf(s.outputKmsKeyId()), String.valueOf(s.volumeKmsKeyId())));
    return Stream.of(
        arguments("a compliant monitor gets the policy's role, network, keys and tags",
            SAME_POLICY, SAME_MONITOR, get(s -> s), new ResolvedMonitorSettings("fraud-team",
                Enforcement.Enforce, "us-east-1", Fixtures.ROLE,
                List.of("subnet-0a1b2c3d", "subnet-0e4f5a6b"), List.of("sg-0c1d2e3f"), true, true,
                KEY_HC, KEY_HC, Map.of("cost-center", "CC-1234"))),
        arguments("optional network isolation is on: the monitor has no switch for it",
            policy(p -> p.network.networkIsolation = Requirement.Optional), SAME_MONITOR,
            get(ResolvedMonitorSettings::networkIsolation), true),
        arguments("optional inter-container encryption is on: the monitor has no switch for it",
            policy(p -> p.network.interContainerTrafficEncryption = Requirement.Optional),
            SAME_MONITOR, get(ResolvedMonitorSettings::interContainerTrafficEncryption), true),
        arguments("both keys follow the classification", SAME_POLICY,
            monitor(m -> m.dataClassification = "Internal"), keys,
            List.of(KEY_INTERNAL, KEY_INTERNAL)),
        arguments("a processing instance type with local NVMe storage gets no volume key",
            SAME_POLICY, modelMonitor("ml.g5.xlarge", null), keys, List.of(KEY_HC, "null")),
        arguments("the default processing instance type gets the volume key", SAME_POLICY,
            modelMonitor(null, null), keys, List.of(KEY_HC, KEY_HC)),
        arguments("required tags come first, then user tags sorted by key",
            policy(p -> p.tags.required.put("data-owner", "fraud")),
            monitor(m -> {
              m.tags.put("zeta", "1");
              m.tags.put("alpha", "2");
            }),
            get(s -> List.copyOf(s.tags().keySet())),
            List.of("cost-center", "data-owner", "alpha", "zeta")),
        arguments("the retrain template's tags do not reach the monitor", SAME_POLICY,
            retrain(t -> t.tags.put("project", "retrain")), get(ResolvedMonitorSettings::tags),
            Map.of("cost-center", "CC-1234")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void resolvesTheSetting(String behaviour, Consumer<CompliancePolicySpec> policy,
      Consumer<DataQualityMonitorSpec> monitor, Function<ResolvedMonitorSettings, Object> setting,
      Object expected) {
    Decision<ResolvedMonitorSettings> d = evaluate(policy, monitor);

    assertThat(d.violations()).isEmpty();
    assertThat(setting.apply(d.settings())).isEqualTo(expected);
  }

  @Test
  void resolvedTagsCannotBeChangedByCallers() {
    assertThat(evaluate(SAME_POLICY, SAME_MONITOR).settings().tags()).isUnmodifiable();
  }

  @Test
  void auditAdmitsAViolatingMonitorAndReportsEveryViolation() {
    Decision<ResolvedMonitorSettings> d = evaluate(p -> p.enforcement = Enforcement.Audit,
        modelMonitor("ml.g4dn.xlarge", "2h").andThen(m -> m.outputS3Uri = "s3://elsewhere/"));

    assertThat(d.allowed()).isTrue();
    assertThat(d.violations()).extracting(Violation::rule).containsExactly(
        "S3LocationNotAllowed", "InstanceTypeNotAllowed", "MaxRuntimeExceeded");
    assertThat(d.settings().enforcement()).isEqualTo(Enforcement.Audit);
    // g4dn has local NVMe storage: still no volume key under Audit.
    assertThat(d.settings().volumeKmsKeyId()).isNull();
    assertThat(d.settings().outputKmsKeyId()).isEqualTo(KEY_HC);
  }

  @Test
  void auditAdmitsAMonitorWhoseRetrainJobAuditWouldAdmit() {
    Decision<ResolvedMonitorSettings> d = evaluate(p -> p.enforcement = Enforcement.Audit,
        retrain(t -> t.image = "evil.io/x:1"));

    assertThat(d.allowed()).isTrue();
    assertThat(d.violations()).extracting(Violation::field).containsExactly(TEMPLATE + ".image");
  }

  static Stream<Arguments> auditDenials() {
    return Stream.of(
        arguments("a missing field", monitor(m -> m.endpointRef = null),
            List.of(PolicyEngine.SCHEMA_VIOLATION)),
        arguments("an ambiguous baseline",
            monitor(m -> m.baseline.statisticsS3Uri = "s3://fraud-models/s.json"),
            List.of(PolicyEngine.SCHEMA_VIOLATION)),
        arguments("a classification without a key", monitor(m -> m.dataClassification = "Secret"),
            List.of("NoKmsKeyForClassification")),
        arguments("a runtime that does not parse", modelMonitor(null, "soon"),
            List.of(PolicyEngine.SCHEMA_VIOLATION)),
        arguments("a retrain template whose classification has no key",
            retrain(t -> t.dataClassification = "Secret"), List.of("NoKmsKeyForClassification")),
        arguments("a retrain template without an image", retrain(t -> t.image = null),
            List.of(PolicyEngine.SCHEMA_VIOLATION)));
  }

  @ParameterizedTest(name = "Audit still denies {0}")
  @MethodSource("auditDenials")
  void auditDeniesAMonitorWithNothingCompliantToRun(String behaviour,
      Consumer<DataQualityMonitorSpec> monitor, List<String> rules) {
    Decision<ResolvedMonitorSettings> d =
        evaluate(p -> p.enforcement = Enforcement.Audit, monitor);

    assertThat(d.allowed()).isFalse();
    assertThat(d.enforcement()).isEqualTo(Enforcement.Audit);
    assertThat(d.violations()).extracting(Violation::rule).containsExactlyElementsOf(rules);
  }

  @Test
  void enforceDeniesEveryViolation() {
    Decision<ResolvedMonitorSettings> d = evaluate(SAME_POLICY, modelMonitor("ml.c5.large", null));

    assertThat(d.allowed()).isFalse();
    assertThat(d.settings()).isNull();
    assertThat(d.enforcement()).isEqualTo(Enforcement.Enforce);
  }

  @Test
  void aNamespaceNoPolicySelectsIsDenied() {
    Decision<ResolvedMonitorSettings> d = ENGINE.evaluateDataQualityMonitor(Fixtures.monitor(),
        new NamespaceInfo("scratch", Map.of()), List.of(Fixtures.policy()));

    assertThat(d.violations()).containsExactly(v("metadata.namespace", "NoPolicy",
        "no CompliancePolicy selects namespace scratch"));
    assertThat(d.allowed()).isFalse();
    assertThat(d.policyName()).isNull();
  }

  @Test
  void withoutAnyPolicyTheMonitorIsDenied() {
    Decision<ResolvedMonitorSettings> d =
        ENGINE.evaluateDataQualityMonitor(Fixtures.monitor(), FRAUD_NS, List.of());

    assertThat(d.violations()).extracting(Violation::rule).containsExactly("NoPolicy");
    assertThat(d.allowed()).isFalse();
  }

  @Test
  void monitorWithoutSpecIsDenied() {
    DataQualityMonitor monitor = Fixtures.monitor();
    monitor.setSpec(null);

    assertThat(ENGINE.evaluateDataQualityMonitor(monitor, FRAUD_NS, List.of(Fixtures.policy()))
        .violations()).containsExactly(schema("spec", "Required value"));
  }

  @Test
  void ruleForMonitorsAppliesToMonitorsOnly() {
    CompliancePolicy policy = Fixtures.policy(p -> p.rules.add(rule("builtin-only",
        "spec.engine == 'Builtin'", "use the Builtin engine", "DataQualityMonitor")));

    assertThat(ENGINE.evaluateDataQualityMonitor(Fixtures.monitor(modelMonitor(null, null)),
        FRAUD_NS, List.of(policy)).violations())
        .containsExactly(v("spec", "builtin-only", "use the Builtin engine"));
    assertThat(ENGINE.evaluateDataQualityMonitor(Fixtures.monitor(), FRAUD_NS, List.of(policy))
        .violations()).isEmpty();
    assertThat(ENGINE.evaluateTrainingJob(Fixtures.job(), FRAUD_NS, List.of(policy))
        .violations()).isEmpty();
  }

  @Test
  void ruleForTrainingJobsDoesNotApplyToTheMonitorItself() {
    CompliancePolicy policy = Fixtures.policy(p -> p.rules.add(rule("no-training",
        "false", "no training here", "SecureTrainingJob")));

    assertThat(ENGINE.evaluateDataQualityMonitor(Fixtures.monitor(), FRAUD_NS, List.of(policy))
        .violations()).isEmpty();
  }

  @Test
  void ruleForTrainingJobsJudgesTheRetrainJobKeepingTheRuleMessage() {
    CompliancePolicy policy = Fixtures.policy(p -> {
      p.rules.add(rule("retrain-job-shape", "metadata.name == 'bank-failure-drift-retrain-1' "
          + "&& metadata.namespace == 'fraud-models' && metadata.labels.trigger == 'drift' "
          + "&& spec.resources.instanceCount == 1 && !spec.spot.enabled", "m",
          "SecureTrainingJob"));
      p.rules.add(rule("gpu-only", "spec.resources.instanceType.startsWith('ml.g5.')",
          "spec.resources.instanceType must be a g5", "SecureTrainingJob"));
    });

    Decision<ResolvedMonitorSettings> d = ENGINE.evaluateDataQualityMonitor(
        Fixtures.monitor(retrain(t -> {})), FRAUD_NS, List.of(policy));

    assertThat(d.violations()).containsExactly(
        v(TEMPLATE, "gpu-only", "spec.resources.instanceType must be a g5"));
  }

  @Test
  void ruleSeesTheMonitorWithDefaultsFilledIn() {
    CompliancePolicySpec.Rule r = rule("defaults", "kind == 'DataQualityMonitor' && "
        + "metadata.name == 'bank-failure-drift' && spec.schedule == 'hourly' && "
        + "spec.engine == 'Builtin' && spec.thresholds.drift == 0.1 && "
        + "spec.thresholds.comparisonMethod == 'Robust' && spec.baseline.header && "
        + "size(spec.baseline.excludeColumns) == 0 && "
        + "spec.resources.instanceType == 'ml.m5.xlarge' && spec.resources.volumeSizeGB == 20 && "
        + "spec.resources.maxRuntime == '30m' && !has(spec.onDrift.retrain) && "
        + "size(spec.tags) == 0 && spec.deletionPolicy == 'Delete' && !has(spec.environment)",
        "m");

    Decision<ResolvedMonitorSettings> d = evaluate(p -> p.rules.add(r), m -> {
      m.schedule = null;
      m.engine = null;
      m.thresholds = null;
      m.baseline.header = null;
      m.baseline.excludeColumns = null;
      m.resources = null;
      m.onDrift = null;
      m.tags = null;
      m.deletionPolicy = null;
    });

    assertThat(d.violations()).isEmpty();
  }

  @Test
  void ruleSeesTheRetrainTemplateWithTrainingDefaults() {
    CompliancePolicySpec.Rule r = rule("template-defaults", "has(spec.onDrift.retrain) && "
        + "spec.onDrift.retrain.template.spot.enabled == false && "
        + "spec.onDrift.retrain.template.resources.volumeSizeGB == 30 && "
        + "size(spec.onDrift.retrain.template.hyperparameters) == 0 && "
        + "spec.onDrift.retrain.labels.trigger == 'drift'", "m", "DataQualityMonitor");

    Decision<ResolvedMonitorSettings> d = evaluate(p -> p.rules.add(r), retrain(t -> {
      t.resources.volumeSizeGB = null;
      t.hyperparameters = null;
    }));

    assertThat(d.violations()).isEmpty();
  }

  @Test
  void theRetrainTemplateIsNotChangedByBeingJudged() {
    DataQualityMonitor monitor = Fixtures.monitor(retrain(t -> t.hyperparameters = null));
    Map<String, String> labels = new LinkedHashMap<>(monitor.getSpec().onDrift.retrain.labels);

    ENGINE.evaluateDataQualityMonitor(monitor, FRAUD_NS, List.of(Fixtures.policy()));

    assertThat(monitor.getSpec().onDrift.retrain.template.hyperparameters).isNull();
    assertThat(monitor.getSpec().onDrift.retrain.labels).isEqualTo(labels);
  }
}
