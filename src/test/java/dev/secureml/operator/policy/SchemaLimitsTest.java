package dev.secureml.operator.policy;

import static dev.secureml.operator.policy.Fixtures.FRAUD_NS;
import static dev.secureml.operator.policy.Fixtures.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.api.Enforcement;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.api.SecureTrainingJobSpec;
import dev.secureml.operator.api.TrainingJobTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every limit the CRDs state is also the operator's (category "limits"): out-of-range,
 * negative and huge values of every kind are denied with reason SchemaViolation and the field
 * named, even under Audit, because nothing valid could be sent to SageMaker.
 */
class SchemaLimitsTest {
  private static final PolicyEngine ENGINE = new PolicyEngine();
  private static final String LE = "must be less than or equal to ";
  private static final String GE = "must be greater than or equal to ";

  static Stream<Arguments> limits() {
    return Stream.of(
        // Training compute
        job("a volume above SageMaker's 16384 GB", j -> j.resources.volumeSizeGB = 999_999,
            "spec.resources.volumeSizeGB", "Invalid value: 999999: " + LE + "16384"),
        job("a volume of 0 GB", j -> j.resources.volumeSizeGB = 0,
            "spec.resources.volumeSizeGB", "Invalid value: 0: " + GE + "1"),
        job("a negative volume", j -> j.resources.volumeSizeGB = -30,
            "spec.resources.volumeSizeGB", "Invalid value: -30: " + GE + "1"),
        job("the largest int as a volume", j -> j.resources.volumeSizeGB = Integer.MAX_VALUE,
            "spec.resources.volumeSizeGB", "Invalid value: 2147483647: " + LE + "16384"),
        job("101 instances", j -> j.resources.instanceCount = 101,
            "spec.resources.instanceCount", "Invalid value: 101: " + LE + "100"),
        job("a negative instance count", j -> j.resources.instanceCount = -2,
            "spec.resources.instanceCount", "Invalid value: -2: " + GE + "1"),
        job("an instance type with a trailing space",
            j -> j.resources.instanceType = "ml.m5.xlarge ", "spec.resources.instanceType",
            "Invalid value: \"ml.m5.xlarge \": must match '^ml\\.[a-z0-9]+\\.[a-z0-9]+$'"),

        // Durations
        job("the issue's overflowing runtime",
            j -> j.maxRuntime = "9223372036854775807s9223372036854775807s3602s",
            "spec.maxRuntime", "Too long: may not be longer than 32 characters (has 45)"),
        job("a runtime past SageMaker's 28 days", j -> j.maxRuntime = "673h",
            "spec.maxRuntime", "Invalid value: \"673h\": must be between 1s and 672h "
                + "(SageMaker's limit of 28 days)"),
        job("a zero runtime", j -> j.maxRuntime = "0s", "spec.maxRuntime",
            "Invalid value: \"0s\": must be between 1s and 672h (SageMaker's limit of 28 days)"),
        job("a negative runtime", j -> j.maxRuntime = "-1h", "spec.maxRuntime",
            "Invalid value: \"-1h\": must match '^([0-9]+(h|m|s))+$'"),
        job("a huge spot wait that wrapped negative before",
            j -> {
              Fixtures.spot(j);
              j.spot.maxWait = "9223372036854775807s";
            }, "spec.spot.maxWait", "Invalid value: \"9223372036854775807s\": must be between "
                + "1s and 8760h (the rule could not be evaluated on this value)"),
        job("a spot wait longer than a year", j -> {
              Fixtures.spot(j);
              j.spot.maxWait = "8761h";
            }, "spec.spot.maxWait", "Invalid value: \"8761h\": must be between 1s and 8760h"),

        // Training lists and maps
        job("21 input channels", j -> IntStream.range(2, 21).forEach(i -> j.inputs.add(
                new TrainingJobTemplateSpec.Channel("c" + i, "s3://fraud-data/c/", null))),
            "spec.inputs", "Too many: 21: must have at most 20 items"),
        job("a hyperparameter value of 2501 characters",
            j -> j.hyperparameters.put("config", "x".repeat(2501)),
            "spec.hyperparameters[config]",
            "Too long: may not be longer than 2500 characters (has 2501)"),
        job("41 user tags", j -> IntStream.range(0, 41).forEach(i -> j.tags.put("t" + i, "v")),
            "spec.tags", "Too many: 41: must have at most 40 entries"),
        job("an image of 256 characters", j -> j.image = "a".repeat(256), "spec.image",
            "Too long: may not be longer than 255 characters (has 256)"),
        job("an output URI of 1025 characters",
            j -> j.output.s3Uri = "s3://fraud-models/" + "k".repeat(1007), "spec.output.s3Uri",
            "Too long: may not be longer than 1024 characters (has 1025)"),
        job("a classification of 64 characters", j -> j.dataClassification = "C".repeat(64),
            "spec.dataClassification", "Too long: may not be longer than 63 characters (has 64)"),

        // Hosting
        endpoint("101 instances", e -> e.instanceCount = 101,
            "spec.instanceCount", "Invalid value: 101: " + LE + "100"),
        endpoint("a sampling percentage of 101", e -> e.dataCapture.samplingPercentage = 101,
            "spec.dataCapture.samplingPercentage", "Invalid value: 101: " + LE + "100"),
        endpoint("a negative sampling percentage", e -> e.dataCapture.samplingPercentage = -1,
            "spec.dataCapture.samplingPercentage", "Invalid value: -1: " + GE + "0"),
        endpoint("an autoscaling maximum past any int a controller could count",
            e -> e.autoscaling.maxInstances = 1_000_000_000,
            "spec.autoscaling.maxInstances", "Invalid value: 1000000000: " + LE + "100"),
        endpoint("an autoscaling target of 0", e -> e.autoscaling.targetInvocationsPerInstance = 0,
            "spec.autoscaling.targetInvocationsPerInstance", "Invalid value: 0: " + GE + "1"),
        endpoint("a negative cooldown", e -> e.autoscaling.scaleInCooldownSeconds = -60,
            "spec.autoscaling.scaleInCooldownSeconds", "Invalid value: -60: " + GE + "0"),
        endpoint("a cooldown longer than a day",
            e -> e.autoscaling.scaleOutCooldownSeconds = 86_401,
            "spec.autoscaling.scaleOutCooldownSeconds", "Invalid value: 86401: " + LE + "86400"),
        endpoint("a negative traffic weight", e -> {
              e.variants = new ArrayList<>(List.of(Fixtures.variant("blue", "ml.m5.large", 2)));
              e.variants.get(0).weight = -0.5;
            }, "spec.variants[0].weight", "Invalid value: -0.5: " + GE + "0"),
        endpoint("a traffic weight of 1e9", e -> {
              e.variants = new ArrayList<>(List.of(Fixtures.variant("blue", "ml.m5.large", 2)));
              e.variants.get(0).weight = 1e9;
            }, "spec.variants[0].weight", "Invalid value: 1.0E9: " + LE + "1000"),
        endpoint("11 variants", e -> {
              e.variants = new ArrayList<>();
              IntStream.range(0, 11).forEach(i ->
                  e.variants.add(Fixtures.variant("v" + i, "ml.m5.large", 1)));
            }, "spec.variants", "Too many: 11: must have at most 10 items"),

        // Monitoring
        monitor("a drift threshold of 5", m -> m.thresholds.drift = 5.0,
            "spec.thresholds.drift", "Invalid value: 5.0: " + LE + "1"),
        monitor("a drift threshold of -1", m -> m.thresholds.drift = -1.0,
            "spec.thresholds.drift", "Invalid value: -1.0: " + GE + "0"),
        monitor("a completeness threshold of 1.5", m -> m.thresholds.completeness = 1.5,
            "spec.thresholds.completeness", "Invalid value: 1.5: " + LE + "1"),
        monitor("a negative data-type threshold", m -> m.thresholds.dataType = -0.1,
            "spec.thresholds.dataType", "Invalid value: -0.1: " + GE + "0"),
        monitor("a processing volume above 16384 GB", m -> m.resources.volumeSizeGB = 20_000,
            "spec.resources.volumeSizeGB", "Invalid value: 20000: " + LE + "16384"),
        monitor("a processing runtime past Model Monitor's day",
            m -> m.resources.maxRuntime = "25h", "spec.resources.maxRuntime",
            "Invalid value: \"25h\": must be between 1s and 24h (Model Monitor's limit)"),
        monitor("a schedule of 65 characters", m -> m.schedule = "every " + "1".repeat(58) + "s",
            "spec.schedule", "Too long: may not be longer than 64 characters (has 65)"),
        monitor("a retrain template with a 999999 GB volume",
            m -> m.onDrift.retrain.template.resources.volumeSizeGB = 999_999,
            "spec.onDrift.retrain.template.resources.volumeSizeGB",
            "Invalid value: 999999: " + LE + "16384"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("limits")
  void deniedEvenUnderAuditWithTheFieldNamed(String behaviour, Decider decide, String field,
      String message) {
    Decision<?> d = decide.apply(Fixtures.policy(p -> p.enforcement = Enforcement.Audit));

    assertThat(d.violations()).containsExactly(schema(field, message));
    assertThat(d.allowed()).isFalse();
    assertThat(d.policyName()).isEqualTo("fraud-team");
  }

  static Stream<Arguments> policyLimits() {
    return Stream.of(
        arguments("a policy runtime limit past 28 days",
            (Consumer<CompliancePolicySpec>) p -> p.limits.maxRuntime = "9999h",
            "spec.limits.maxRuntime: Invalid value: \"9999h\": must be between 1s and 672h "
                + "(SageMaker's limit of 28 days)"),
        arguments("a policy maximum count of 0",
            (Consumer<CompliancePolicySpec>) p -> p.instances.maxCount = 0,
            "spec.instances.maxCount: Invalid value: 0: " + GE + "1"),
        arguments("a policy maximum count past 1000",
            (Consumer<CompliancePolicySpec>) p -> p.instances.maxCount = Integer.MAX_VALUE,
            "spec.instances.maxCount: Invalid value: 2147483647: " + LE + "1000"),
        arguments("17 subnets",
            (Consumer<CompliancePolicySpec>) p -> IntStream.range(0, 15).forEach(
                i -> p.network.subnets.add("subnet-" + Integer.toHexString(0x100 + i))),
            "spec.network.subnets: Too many: 17: must have at most 16 items"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policyLimits")
  void policyPastItsLimitsIsNotReadyAndDeniesWhatItSelects(String behaviour,
      Consumer<CompliancePolicySpec> change, String problem) {
    var policy = Fixtures.policy(change);

    assertThat(ENGINE.validatePolicy(policy)).containsExactly(problem);
    Decision<?> d = ENGINE.evaluateTrainingJob(Fixtures.job(), FRAUD_NS, List.of(policy));
    assertThat(d.violations()).extracting(Violation::rule).containsExactly("PolicyNotReady");
    assertThat(d.allowed()).isFalse();
  }

  /** Judges one resource under the given policy. */
  interface Decider extends java.util.function.Function<
      dev.secureml.operator.api.CompliancePolicy, Decision<?>> {}

  private static Arguments job(String behaviour, Consumer<SecureTrainingJobSpec> change,
      String field, String message) {
    Decider d = p -> ENGINE.evaluateTrainingJob(Fixtures.job(change), FRAUD_NS, List.of(p));
    return arguments("training job: " + behaviour, d, field, message);
  }

  private static Arguments endpoint(String behaviour, Consumer<ModelEndpointSpec> change,
      String field, String message) {
    Decider d = p -> ENGINE.evaluateModelEndpoint(Fixtures.endpoint(change), FRAUD_NS,
        List.of(p));
    return arguments("endpoint: " + behaviour, d, field, message);
  }

  private static Arguments monitor(String behaviour, Consumer<DataQualityMonitorSpec> change,
      String field, String message) {
    Consumer<DataQualityMonitorSpec> withAll = m -> {
      m.thresholds = new DataQualityMonitorSpec.Thresholds();
      m.resources = new DataQualityMonitorSpec.ProcessingResources();
      m.onDrift = new DataQualityMonitorSpec.OnDrift();
      m.onDrift.retrain = new DataQualityMonitorSpec.Retrain();
      m.onDrift.retrain.template = new TrainingJobTemplateSpec();
      TrainingJobTemplateSpec t = m.onDrift.retrain.template;
      SecureTrainingJobSpec job = Fixtures.job().getSpec();
      t.image = job.image;
      t.inputs = job.inputs;
      t.output = job.output;
      t.resources = job.resources;
      t.dataClassification = job.dataClassification;
    };
    Decider d = p -> ENGINE.evaluateDataQualityMonitor(Fixtures.monitor(withAll.andThen(change)),
        FRAUD_NS, List.of(p));
    return arguments("monitor: " + behaviour, d, field, message);
  }
}
