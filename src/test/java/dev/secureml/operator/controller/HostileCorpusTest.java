package dev.secureml.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.api.TrainingJobTemplateSpec;
import dev.secureml.operator.local.sandbox.TestManifests;
import dev.secureml.operator.sagemaker.OwnershipTags;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile corpus, through the whole operator at once: every case is a resource a careless or
 * hostile user could apply, grouped as the security review grouped them (manifest and limits,
 * policy evasion, secrets, references, policy authoring). Each must end Rejected with the exact
 * reason and message, repeat no secret it carried in status or Events, and leave nothing in
 * SageMaker: the emulator is asked for anything carrying the resource's ownership tags. A
 * compliant control in the same run proves that the ownership query does find what is created.
 * The names category is accepted input, so it has a test of its own: long names that differ only
 * at the end get SageMaker resources of their own.
 */
class HostileCorpusTest {
  static final String NS = TestManifests.NAMESPACE;
  static final String R = "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/";
  static final String SECRET = "Hunter2Secret";
  static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  static final String OTHER_NAMESPACE = "must not name another namespace: references are "
      + "resolved in the resource's own namespace only, so give just the name of a ";
  static final String NAME_SYNTAX = " in this namespace: at most 253 lower case letters, "
      + "digits, '-' and '.', starting and ending with a letter or digit";
  static final List<Case> CASES = HostileCorpus.cases();
  /** Names category: pairs that differ only after what any SageMaker name can hold. */
  static final String LONG_JOB = "fraud-scoring-training-job-for-the-retail-banking-division-"
      + "x".repeat(180) + "-";
  static final String LONG_ENDPOINT =
      "fraud-scoring-endpoint-for-the-retail-banking-division-primary-";

  private static OperatorHarness h;

  /** One hostile resource and the one outcome it must have. */
  record Case(String category, String description, CustomResource<?, ?> resource,
      Optional<CompliancePolicy> policy, String reason, String message) {
    @Override
    public String toString() {
      return category + ": " + description;
    }

    String namespace() {
      return resource.getMetadata().getNamespace();
    }

    String name() {
      return resource.getMetadata().getName();
    }
  }

  @BeforeAll
  static void applyTheWholeCorpus() {
    h = OperatorHarness.start().withExamplePolicy();
    h.apply(TestManifests.compliantJob("control"));
    for (String suffix : List.of("blue", "green")) {
      h.apply(TestManifests.compliantJob(LONG_JOB + suffix));
      h.apply(TestManifests.explicitEndpoint(LONG_ENDPOINT + suffix));
    }
    for (Case c : CASES) {
      c.policy().ifPresent(p -> {
        h.apply(new NamespaceBuilder().withNewMetadata().withName(c.namespace())
            .addToLabels("secureml.dev/team", c.namespace()).endMetadata().build());
        h.apply(p);
      });
      h.apply(c.resource());
    }
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void theCorpusIsLargeAndCoversEveryCategory() {
    assertThat(CASES).hasSizeGreaterThanOrEqualTo(100);
    assertThat(CASES.stream().map(Case::category).distinct()).containsExactlyInAnyOrder(
        "manifest", "limits", "policy evasion", "secrets", "references", "policy authoring");
    assertThat(CASES.stream().map(c -> c.namespace() + "/" + c.name()).distinct())
        .hasSameSizeAs(CASES);
  }

  @Test
  void theOwnershipQueryFindsWhatTheOperatorCreates() {
    SecureTrainingJob control = h.awaitJob("control", j -> j.getStatus() != null
        && j.getStatus().trainingJobName != null);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(h.emulator.arnsTagged(ownership(control))).isNotEmpty());
  }

  /**
   * The names category: resources whose names differ only at the end, past anything a
   * SageMaker name can keep, are both created, and share nothing in SageMaker.
   */
  @Test
  void namesThatDifferOnlyAtTheEndShareNoSageMakerResource() {
    List<String> blue = new ArrayList<>();
    List<String> green = new ArrayList<>();
    for (String prefix : List.of(LONG_JOB, LONG_ENDPOINT)) {
      for (String suffix : List.of("blue", "green")) {
        String name = prefix + suffix;
        HasMetadata created = prefix.equals(LONG_JOB)
            ? h.awaitPhase(name, "Completed") : h.awaitEndpointReady(name);
        List<String> arns = h.emulator.arnsTagged(ownership(created));
        assertThat(arns).as(name).hasSize(prefix.equals(LONG_JOB) ? 1 : 3);
        (suffix.equals("blue") ? blue : green).addAll(arns);
      }
    }
    assertThat(blue).doesNotContainAnyElementsOf(green);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRejectedExactlyAndLeavesNothingInSageMaker(Case c) {
    HasMetadata rejected = awaitRejected(c);
    Condition stalled = Conditions.find(conditions(rejected), Conditions.STALLED).orElseThrow();
    assertThat(stalled.getReason() + ": " + stalled.getMessage()).as(c.toString())
        .isEqualTo(c.reason() + ": " + c.message());

    String shown = Serialization.asJson(status(rejected)) + "\n" + String.join("\n",
        h.eventsFor(c.name()).stream().map(Event::getMessage).toList());
    assertThat(shown).doesNotContain(SECRET, KEY_ID, "S3cretPassw0rd");
    c.policy().ifPresent(p -> assertThat(Conditions.find(h.policy(p.getMetadata().getName())
        .getStatus().conditions, Conditions.READY).orElseThrow().getStatus())
        .as("the broken policy is not Ready").isEqualTo("False"));
    assertThat(h.emulator.arnsTagged(ownership(rejected))).as(c.toString()).isEmpty();
  }

  static List<Case> cases() {
    return CASES;
  }

  private static HasMetadata awaitRejected(Case c) {
    Class<? extends CustomResource<?, ?>> type = kind(c.resource());
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> {
          CustomResource<?, ?> now = h.client.resources(type).inNamespace(c.namespace())
              .withName(c.name()).get();
          assertThat(now != null && "Rejected".equals(phase(now)))
              .as(() -> c + " now: " + (now == null ? "absent"
                  : Serialization.asYaml(now.getStatus())))
              .isTrue();
        });
    return h.client.resources(type).inNamespace(c.namespace()).withName(c.name()).get();
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends CustomResource<?, ?>> kind(CustomResource<?, ?> r) {
    return (Class<? extends CustomResource<?, ?>>) r.getClass();
  }

  private static String phase(HasMetadata r) {
    if (r instanceof SecureTrainingJob j) {
      return j.getStatus() == null ? null : j.getStatus().phase;
    }
    if (r instanceof ModelEndpoint e) {
      return e.getStatus() == null ? null : e.getStatus().phase;
    }
    DataQualityMonitor m = (DataQualityMonitor) r;
    return m.getStatus() == null ? null : m.getStatus().phase;
  }

  private static List<Condition> conditions(HasMetadata r) {
    if (r instanceof SecureTrainingJob j) {
      return j.getStatus().conditions;
    }
    if (r instanceof ModelEndpoint e) {
      return e.getStatus().conditions;
    }
    return ((DataQualityMonitor) r).getStatus().conditions;
  }

  private static Object status(HasMetadata r) {
    return ((CustomResource<?, ?>) r).getStatus();
  }

  private static Map<String, String> ownership(HasMetadata r) {
    return OwnershipTags.of(r.getMetadata().getNamespace(), r.getMetadata().getName(),
        r.getMetadata().getUid());
  }

  /** The corpus itself: builders for each kind and the cases, category by category. */
  static final class HostileCorpus {
    private final List<Case> cases = new ArrayList<>();
    private int serial;

    static List<Case> cases() {
      HostileCorpus corpus = new HostileCorpus();
      corpus.manifest();
      corpus.limits();
      corpus.policyEvasion();
      corpus.secrets();
      corpus.references();
      corpus.policyAuthoring();
      return List.copyOf(corpus.cases);
    }

    private void manifest() {
      String c = "manifest";
      job(c, "a job without spec", j -> j.setSpec(null), "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: spec: "
              + "Required value");
      endpoint(c, "an endpoint without spec", e -> e.setSpec(null), "SchemaViolation",
              "spec does not match the ModelEndpoint schema: spec: Required "
              + "value");
      monitor(c, "a monitor without spec", m -> m.setSpec(null), "SchemaViolation",
              "spec does not match the DataQualityMonitor schema: spec: "
              + "Required value");
      job(c, "a job without resources", j -> j.getSpec().resources = null,
          "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.resources: Required value");
      job(c, "a job without inputs", j -> j.getSpec().inputs.clear(), "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: spec.inputs: "
              + "Invalid value: 0: must have at least 1 items");
      job(c, "a job without output", j -> j.getSpec().output = null, "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: spec.output: "
              + "Required value");
      job(c, "a job with an empty image", j -> j.getSpec().image = "", "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: spec.image: "
              + "Invalid value: \"\": must be at least 1 characters long");
      job(c, "an instance type with a trailing space",
          j -> j.getSpec().resources.instanceType = "ml.m5.xlarge ", "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.resources.instanceType: Invalid value: \"ml.m5.xlarge \": "
              + "must match '^ml\\.[a-z0-9]+\\.[a-z0-9]+$'");
      job(c, "an instance type in capitals",
          j -> j.getSpec().resources.instanceType = "ML.M5.XLARGE", "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.resources.instanceType: Invalid value: \"ML.M5.XLARGE\": "
              + "must match '^ml\\.[a-z0-9]+\\.[a-z0-9]+$'");
      job(c, "an input channel name with a space",
          j -> j.getSpec().inputs.get(0).name = "train set", "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.inputs[0].name: Invalid value: \"train set\": must match "
              + "'^[A-Za-z0-9.\\-_]{1,64}$'");
      job(c, "two input channels with one name",
          j -> j.getSpec().inputs.get(1).name = "train", "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: spec.inputs: "
              + "Invalid value: \"array\": input channel names must be unique; "
              + "SageMaker refuses a repeated name");
      job(c, "an S3 URI with a tab", j -> j.getSpec().output.s3Uri = "s3://fraud-models/a\tb/",
          "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.output.s3Uri: Invalid value: \"s3://fraud-models/a\\tb/\": "
              + "must match '^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^\\s\\p{Z}"
              + "\\p{Cc}\\p{Cf}]*)?$'");
      job(c, "an image with a line break that forges a log line",
          j -> j.getSpec().image = R + "xgboost:1\nINFO admitted", "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: spec.image: "
              + "Invalid value: \"111122223333.dkr.ecr.us-east-1.amazonaws\"... "
              + "(77 characters): must match '^[^\\s\\p{Z}\\p{Cc}\\p{Cf}]+$'");
      job(c, "an unknown data classification",
          j -> j.getSpec().dataClassification = "TopSecret", "PolicyViolation",
              "spec.dataClassification: data classification TopSecret has no "
              + "KMS key in the CompliancePolicy; classifications with keys: "
              + "HighlyConfidential, Internal");
      job(c, "a maxRuntime without unit", j -> j.getSpec().maxRuntime = "7200",
          "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.maxRuntime: Invalid value: \"7200\": must match "
              + "'^([0-9]+(h|m|s))+$'");
      endpoint(c, "two variants with one name", e -> {
        for (int i = 0; i < 2; i++) {
          ModelEndpointSpec.Variant v = new ModelEndpointSpec.Variant();
          v.name = "blue";
          v.instanceType = "ml.m5.large";
          e.getSpec().variants.add(v);
        }
      }, "PolicyViolation",
              "spec.variants[1].name: variant name blue is already used by "
              + "spec.variants[0]; variant names must be unique");
      endpoint(c, "an endpoint model with neither job nor image",
          e -> e.getSpec().model = new ModelEndpointSpec.ModelSource(), "SchemaViolation",
              "spec does not match the ModelEndpoint schema: spec.model: "
              + "Invalid value: \"object\": set either fromTrainingJob, or image "
              + "and modelDataUrl");
      monitor(c, "a monitor without endpointRef", m -> m.getSpec().endpointRef = null,
          "SchemaViolation",
              "spec does not match the DataQualityMonitor schema: "
              + "spec.endpointRef: Required value");
      monitor(c, "a monitor without baseline", m -> m.getSpec().baseline = null,
          "SchemaViolation",
              "spec does not match the DataQualityMonitor schema: "
              + "spec.baseline: Required value");
      monitor(c, "a retrain template without image",
          m -> m.getSpec().onDrift.retrain.template.image = null, "SchemaViolation",
              "spec does not match the DataQualityMonitor schema: "
              + "spec.onDrift.retrain.template.image: Required value");
    }

    private void limits() {
      String c = "limits";
      job(c, "a 999999 GB volume", j -> j.getSpec().resources.volumeSizeGB = 999_999,
          "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.resources.volumeSizeGB: Invalid value: 999999: must be "
              + "less than or equal to 16384");
      job(c, "a zero GB volume", j -> j.getSpec().resources.volumeSizeGB = 0,
          "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.resources.volumeSizeGB: Invalid value: 0: must be greater "
              + "than or equal to 1");
      job(c, "zero instances", j -> j.getSpec().resources.instanceCount = 0,
          "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.resources.instanceCount: Invalid value: 0: must be greater "
              + "than or equal to 1");
      job(c, "a negative instance count", j -> j.getSpec().resources.instanceCount = -3,
          "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.resources.instanceCount: Invalid value: -3: must be "
              + "greater than or equal to 1");
      job(c, "Integer.MAX_VALUE instances",
          j -> j.getSpec().resources.instanceCount = Integer.MAX_VALUE, "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.resources.instanceCount: Invalid value: 2147483647: must "
              + "be less than or equal to 100");
      job(c, "a maxRuntime that overflows a long",
          j -> j.getSpec().maxRuntime = "9223372036854775807s9223372036854775807s3602s",
          "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.maxRuntime: Too long: may not be longer than 32 characters "
              + "(has 45)");
      job(c, "a zero maxRuntime", j -> j.getSpec().maxRuntime = "0s", "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.maxRuntime: Invalid value: \"0s\": must be between 1s and "
              + "672h (SageMaker's limit of 28 days)");
      job(c, "a maxRuntime beyond 28 days", j -> j.getSpec().maxRuntime = "700h",
          "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.maxRuntime: Invalid value: \"700h\": must be between 1s "
              + "and 672h (SageMaker's limit of 28 days)");
      job(c, "a spot maxWait that would wrap negative", j -> {
        j.getSpec().spot = new TrainingJobTemplateSpec.Spot();
        j.getSpec().spot.enabled = true;
        j.getSpec().spot.maxWait = "99999999999999999999h";
      }, "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.spot.maxWait: Invalid value: \"99999999999999999999h\": "
              + "must be between 1s and 8760h (the rule could not be evaluated "
              + "on this value)");
      job(c, "a hyperparameter value of 2501 characters",
          j -> j.getSpec().hyperparameters.put("notes", "x".repeat(2501)),
          "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.hyperparameters[notes]: Too long: may not be longer than "
              + "2500 characters (has 2501)");
      job(c, "101 more hyperparameters", j -> {
        for (int i = 0; i < 101; i++) {
          j.getSpec().hyperparameters.put("p" + i, "1");
        }
      }, "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.hyperparameters: Too many: 106: must have at most 100 "
              + "entries");
      job(c, "21 input channels", j -> {
        for (int i = 0; i < 19; i++) {
          TrainingJobTemplateSpec.Channel ch = new TrainingJobTemplateSpec.Channel();
          ch.name = "extra" + i;
          ch.s3Uri = "s3://fraud-data/fdic/train/";
          j.getSpec().inputs.add(ch);
        }
      }, "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: spec.inputs: "
              + "Too many: 21: must have at most 20 items");
      job(c, "a tag value of 257 characters",
          j -> j.getSpec().tags.put("notes", "x".repeat(257)), "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.tags[notes]: Too long: may not be longer than 256 "
              + "characters (has 257)");
      job(c, "a tag key of 129 characters",
          j -> j.getSpec().tags.put("k".repeat(129), "x"), "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: spec.tags: "
              + "Invalid value: \"object\": tag keys must be 1-128 characters "
              + "long");
      endpoint(c, "an endpoint with zero instances", e -> e.getSpec().instanceCount = 0,
          "SchemaViolation",
              "spec does not match the ModelEndpoint schema: "
              + "spec.instanceCount: Invalid value: 0: must be greater than or "
              + "equal to 1");
      endpoint(c, "a sampling percentage of 101", e -> {
        e.getSpec().dataCapture = new ModelEndpointSpec.DataCapture();
        e.getSpec().dataCapture.destinationS3Uri = "s3://fraud-models/capture/";
        e.getSpec().dataCapture.samplingPercentage = 101;
      }, "SchemaViolation",
              "spec does not match the ModelEndpoint schema: "
              + "spec.dataCapture.samplingPercentage: Invalid value: 101: must "
              + "be less than or equal to 100");
      endpoint(c, "autoscaling with min above max", e -> {
        e.getSpec().autoscaling = new ModelEndpointSpec.Autoscaling();
        e.getSpec().autoscaling.minInstances = 5;
        e.getSpec().autoscaling.maxInstances = 2;
        e.getSpec().autoscaling.targetInvocationsPerInstance = 100;
      }, "SchemaViolation",
              "spec does not match the ModelEndpoint schema: spec.autoscaling: "
              + "Invalid value: \"object\": autoscaling.minInstances must not "
              + "exceed autoscaling.maxInstances");
      endpoint(c, "a negative scale-in cooldown", e -> {
        e.getSpec().autoscaling = new ModelEndpointSpec.Autoscaling();
        e.getSpec().autoscaling.minInstances = 1;
        e.getSpec().autoscaling.maxInstances = 2;
        e.getSpec().autoscaling.targetInvocationsPerInstance = 100;
        e.getSpec().autoscaling.scaleInCooldownSeconds = -1;
      }, "SchemaViolation",
              "spec does not match the ModelEndpoint schema: "
              + "spec.autoscaling.scaleInCooldownSeconds: Invalid value: -1: "
              + "must be greater than or equal to 0");
      monitor(c, "a drift threshold of 5", m -> m.getSpec().thresholds.drift = 5.0,
          "SchemaViolation",
              "spec does not match the DataQualityMonitor schema: "
              + "spec.thresholds.drift: Invalid value: 5.0: must be less than or "
              + "equal to 1");
      monitor(c, "a drift threshold of -1", m -> m.getSpec().thresholds.drift = -1.0,
          "SchemaViolation",
              "spec does not match the DataQualityMonitor schema: "
              + "spec.thresholds.drift: Invalid value: -1.0: must be greater "
              + "than or equal to 0");
      monitor(c, "a completeness threshold of 1.5",
          m -> m.getSpec().thresholds.completeness = 1.5, "SchemaViolation",
              "spec does not match the DataQualityMonitor schema: "
              + "spec.thresholds.completeness: Invalid value: 1.5: must be less "
              + "than or equal to 1");
      monitor(c, "a processing volume of 999999 GB", m -> {
        m.getSpec().resources = new DataQualityMonitorSpec.ProcessingResources();
        m.getSpec().resources.volumeSizeGB = 999_999;
      }, "SchemaViolation",
              "spec does not match the DataQualityMonitor schema: "
              + "spec.resources.volumeSizeGB: Invalid value: 999999: must be "
              + "less than or equal to 16384");
      monitor(c, "a retrain template with a 999999 GB volume",
          m -> m.getSpec().onDrift.retrain.template.resources.volumeSizeGB = 999_999,
          "SchemaViolation",
              "spec does not match the DataQualityMonitor schema: "
              + "spec.onDrift.retrain.template.resources.volumeSizeGB: Invalid "
              + "value: 999999: must be less than or equal to 16384");
    }

    private void policyEvasion() {
      String c = "policy evasion";
      job(c, "'..' after the approved image prefix",
          j -> j.getSpec().image = R + "../evil/miner:1", "PolicyViolation",
              "spec.image: image 111122223333.dkr.ecr.us-east-1.amazonaws.com/a"
              + "pproved/../evil/miner:1 has a '..' path component; path "
              + "components are lowercase letters and digits separated by '.', "
              + "'_', '__' or '-'");
      job(c, "a '.' image path component", j -> j.getSpec().image = R + "./xgboost:1",
          "PolicyViolation",
              "spec.image: image 111122223333.dkr.ecr.us-east-1.amazonaws.com/a"
              + "pproved/./xgboost:1 has a '.' path component; path components "
              + "are lowercase letters and digits separated by '.', '_', '__' or "
              + "'-'");
      job(c, "percent-encoded dots in an image path",
          j -> j.getSpec().image = R + "%2e%2e/evil/miner:1", "PolicyViolation",
              "spec.image: image 111122223333.dkr.ecr.us-east-1.amazonaws.com/a"
              + "pproved/%2e%2e/evil/miner:1 has a character other than "
              + "lowercase letters, digits, '.', '_' and '-' in its repository "
              + "path; path components are lowercase letters and digits "
              + "separated by '.', '_', '__' or '-'");
      job(c, "a Cyrillic letter posing as the approved path",
          j -> j.getSpec().image = R.replace("approved", "\u0430pproved") + "x:1",
          "PolicyViolation",
              "spec.image: image 111122223333.dkr.ecr.us-east-1.amazonaws.com/"
              + "\u0430pproved/x:1 has a character other than lowercase letters, "
              + "digits, '.', '_' and '-' in its repository path; path "
              + "components are lowercase letters and digits separated by '.', "
              + "'_', '__' or '-'");
      job(c, "a fullwidth solidus in an image path",
          j -> j.getSpec().image = R + "x\uff0f..\uff0fevil:1", "PolicyViolation",
              "spec.image: image 111122223333.dkr.ecr.us-east-1.amazonaws.com/a"
              + "pproved/x\uff0f..\uff0fevil:1 has a character other than "
              + "lowercase letters, digits, '.', '_' and '-' in its repository "
              + "path; path components are lowercase letters and digits "
              + "separated by '.', '_', '__' or '-'");
      job(c, "uppercase in an image repository", j -> j.getSpec().image = R + "XGBoost:1",
          "PolicyViolation",
              "spec.image: image 111122223333.dkr.ecr.us-east-1.amazonaws.com/a"
              + "pproved/XGBoost:1 has uppercase letters in its repository path; "
              + "path components are lowercase letters and digits separated by "
              + "'.', '_', '__' or '-'");
      job(c, "an image without a registry", j -> j.getSpec().image = "xgboost:latest",
          "PolicyViolation",
              "spec.image: image xgboost:latest names no registry host; images "
              + "are <registry>/<repository>[:tag] such as "
              + "111122223333.dkr.ecr.us-east-1.amazonaws.com/team/model:1");
      job(c, "a registry that only starts like the approved one",
          j -> j.getSpec().image = R.replace(".com/", ".com.evil.io/") + "x:1",
          "PolicyViolation",
              "spec.image: image 111122223333.dkr.ecr.us-east-1.amazonaws.com.e"
              + "vil.io/approved/x:1 is not allowed; allowed prefixes: "
              + "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/");
      job(c, "the approved registry on another port",
          j -> j.getSpec().image = R.replace(".com/", ".com:443/") + "x:1",
          "PolicyViolation",
              "spec.image: image 111122223333.dkr.ecr.us-east-1.amazonaws.com:4"
              + "43/approved/x:1 is not allowed; allowed prefixes: "
              + "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/");
      job(c, "a sibling of the approved repository path",
          j -> j.getSpec().image = R.replace("approved/", "approved-evil/") + "x:1",
          "PolicyViolation",
              "spec.image: image 111122223333.dkr.ecr.us-east-1.amazonaws.com/a"
              + "pproved-evil/x:1 is not allowed; allowed prefixes: "
              + "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/");
      job(c, "the approved path without its trailing slash",
          j -> j.getSpec().image = R.substring(0, R.length() - 1) + "x:1",
          "PolicyViolation",
              "spec.image: image 111122223333.dkr.ecr.us-east-1.amazonaws.com/a"
              + "pprovedx:1 is not allowed; allowed prefixes: "
              + "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/");
      job(c, "'..' in the output S3 key",
          j -> j.getSpec().output.s3Uri = "s3://fraud-models/../exfil-bucket/",
          "PolicyViolation",
              "spec.output.s3Uri: S3 URI s3://fraud-models/../exfil-bucket/ "
              + "has a '..' segment in its key; segments made of dots only ('.', "
              + "'..') are not allowed");
      job(c, "'.' in an input S3 key",
          j -> j.getSpec().inputs.get(0).s3Uri = "s3://fraud-data/./fdic/train/",
          "PolicyViolation",
              "spec.inputs[0].s3Uri: S3 URI s3://fraud-data/./fdic/train/ has "
              + "a '.' segment in its key; segments made of dots only ('.', "
              + "'..') are not allowed");
      job(c, "percent-encoded dots in an input S3 key",
          j -> j.getSpec().inputs.get(0).s3Uri = "s3://fraud-data/%2e%2e/exfil/",
          "PolicyViolation",
              "spec.inputs[0].s3Uri: S3 URI s3://fraud-data/%2e%2e/exfil/ has "
              + "the percent-encoded character %2e in its key; encoded '.', '/', "
              + "'\\', '%' and control characters are not allowed (S3 does not "
              + "decode them, other tools do)");
      job(c, "a bucket that only starts like the approved one",
          j -> j.getSpec().output.s3Uri = "s3://fraud-models-exfil/artifacts/",
          "PolicyViolation",
              "spec.output.s3Uri: S3 location s3://fraud-models-exfil/artifacts"
              + "/ is not allowed; allowed prefixes: s3://fraud-data/, "
              + "s3://fraud-models/");
      job(c, "an S3 URI in capitals", j -> j.getSpec().output.s3Uri = "S3://fraud-models/x/",
          "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.output.s3Uri: Invalid value: \"S3://fraud-models/x/\": "
              + "must match '^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^\\s\\p{Z}"
              + "\\p{Cc}\\p{Cf}]*)?$'");
      job(c, "an https S3 URL instead of s3://",
          j -> j.getSpec().output.s3Uri = "https://fraud-models.s3.amazonaws.com/x/",
          "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.output.s3Uri: Invalid value: "
              + "\"https://fraud-models.s3.amazonaws.com/x/\": must match "
              + "'^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^\\s\\p{Z}\\p{Cc}\\p{C"
              + "f}]*)?$'");
      job(c, "a backslash in an S3 key",
          j -> j.getSpec().output.s3Uri = "s3://fraud-models/a\\..\\b/", "PolicyViolation",
              "spec.output.s3Uri: S3 URI s3://fraud-models/a\\..\\b/ has a "
              + "backslash in its key; use '/' between segments");
      job(c, "an instance type the policy does not allow",
          j -> j.getSpec().resources.instanceType = "ml.p4d.24xlarge", "PolicyViolation",
              "spec.resources.instanceType: instance type ml.p4d.24xlarge is "
              + "not allowed; allowed: ml.m5.*, ml.g5.*");
      job(c, "more instances than the policy allows",
          j -> j.getSpec().resources.instanceCount = 9, "PolicyViolation",
              "spec.resources.instanceCount: instance count 9 exceeds the "
              + "maximum of 8");
      job(c, "a maxRuntime above the policy's limit", j -> j.getSpec().maxRuntime = "25h",
          "PolicyViolation",
              "spec.maxRuntime: maximum runtime 25h exceeds the "
              + "CompliancePolicy's limit of 24h");
      job(c, "a role of another team", j -> security(j.getSpec()).roleArn =
          "arn:aws:iam::111122223333:role/payments-sagemaker-execution", "PolicyViolation",
              "spec.security.roleArn: the execution role is set by the "
              + "CompliancePolicy; remove spec.security.roleArn");
      job(c, "a KMS key of another team", j -> security(j.getSpec()).kmsKeyId =
          "arn:aws:kms:us-east-1:111122223333:key/0000aaaa-0000-bbbb-0000-cccc0000dddd",
          "PolicyViolation",
              "spec.security.kmsKeyId: the KMS key is set by the "
              + "CompliancePolicy from the data classification; remove "
              + "spec.security.kmsKeyId");
      job(c, "network isolation switched off",
          j -> security(j.getSpec()).networkIsolation = false, "PolicyViolation",
              "spec.security.networkIsolation: network isolation is required "
              + "by the CompliancePolicy; remove spec.security.networkIsolation "
              + "or set it to true");
      job(c, "a reserved tag key in other case",
          j -> j.getSpec().tags.put("SecureML.dev/namespace", "payments"), "PolicyViolation",
              "spec.tags.SecureML.dev/namespace: tag key "
              + "SecureML.dev/namespace differs from the reserved prefix "
              + "secureml.dev/ only by case or character width; the operator "
              + "sets those tags");
      job(c, "a reserved tag key in fullwidth letters",
          j -> j.getSpec().tags.put("\uff53ecureml.dev/namespace", "payments"),
          "PolicyViolation",
              "spec.tags.\uff53ecureml.dev/namespace: tag key "
              + "\uff53ecureml.dev/namespace differs from the reserved prefix "
              + "secureml.dev/ only by case or character width; the operator "
              + "sets those tags");
      job(c, "a required tag key in other case",
          j -> j.getSpec().tags.put("Cost-Center", "CC-9999"), "PolicyViolation",
              "spec.tags.Cost-Center: tag key Cost-Center differs from the "
              + "required tag key cost-center only by case or character width; "
              + "remove it (the CompliancePolicy sets cost-center) or choose "
              + "another key");
      job(c, "a required tag overridden with another value",
          j -> j.getSpec().tags.put("cost-center", "CC-9999"), "PolicyViolation",
              "spec.tags.cost-center: tag cost-center is required by the "
              + "CompliancePolicy with value CC-1234; remove it or use that value");
      endpoint(c, "'..' in an endpoint image",
          e -> e.getSpec().model.image = R + "../evil/server:1", "PolicyViolation",
              "spec.model.image: image 111122223333.dkr.ecr.us-east-1.amazonaws"
              + ".com/approved/../evil/server:1 has a '..' path component; path "
              + "components are lowercase letters and digits separated by '.', "
              + "'_', '__' or '-'");
      endpoint(c, "'..' in a model artifact URI", e -> e.getSpec().model.modelDataUrl =
          "s3://fraud-models/../exfil/model.tar.gz", "PolicyViolation",
              "spec.model.modelDataUrl: S3 URI s3://fraud-models/../exfil/model"
              + ".tar.gz has a '..' segment in its key; segments made of dots "
              + "only ('.', '..') are not allowed");
      endpoint(c, "a model artifact outside the allowed buckets",
          e -> e.getSpec().model.modelDataUrl = "s3://public-models/model.tar.gz",
          "PolicyViolation",
              "spec.model.modelDataUrl: S3 location "
              + "s3://public-models/model.tar.gz is not allowed; allowed "
              + "prefixes: s3://fraud-data/, s3://fraud-models/");
      endpoint(c, "'..' in the capture destination", e -> {
        e.getSpec().dataCapture = new ModelEndpointSpec.DataCapture();
        e.getSpec().dataCapture.destinationS3Uri = "s3://fraud-models/../exfil/";
      }, "PolicyViolation",
              "spec.dataCapture.destinationS3Uri: S3 URI "
              + "s3://fraud-models/../exfil/ has a '..' segment in its key; "
              + "segments made of dots only ('.', '..') are not allowed");
      endpoint(c, "a hosting instance type the policy does not allow",
          e -> e.getSpec().instanceType = "ml.p4d.24xlarge", "PolicyViolation",
              "spec.instanceType: instance type ml.p4d.24xlarge is not "
              + "allowed; allowed: ml.m5.*, ml.c5.*");
      endpoint(c, "a reserved tag key in other case on an endpoint",
          e -> e.getSpec().tags.put("SECUREML.DEV/uid", "x"), "PolicyViolation",
              "spec.tags.SECUREML.DEV/uid: tag key SECUREML.DEV/uid differs "
              + "from the reserved prefix secureml.dev/ only by case or "
              + "character width; the operator sets those tags");
      monitor(c, "'..' in the baseline training data",
          m -> m.getSpec().baseline.trainingDataS3Uri = "s3://fraud-data/../exfil/x.csv",
          "PolicyViolation",
              "spec.baseline.trainingDataS3Uri: S3 URI "
              + "s3://fraud-data/../exfil/x.csv has a '..' segment in its key; "
              + "segments made of dots only ('.', '..') are not allowed");
      monitor(c, "'..' in the statistics URI", m -> {
        m.getSpec().baseline.trainingDataS3Uri = null;
        m.getSpec().baseline.statisticsS3Uri = "s3://fraud-models/../exfil/s.json";
        m.getSpec().baseline.constraintsS3Uri = "s3://fraud-models/baseline/c.json";
      }, "PolicyViolation",
          "spec.baseline.statisticsS3Uri: S3 URI s3://fraud-models/../exfil/s.json has a '..' "
              + "segment in its key; segments made of dots only ('.', '..') are not allowed");
      monitor(c, "'..' in the monitor output",
          m -> m.getSpec().outputS3Uri = "s3://fraud-models/../exfil/", "PolicyViolation",
              "spec.outputS3Uri: S3 URI s3://fraud-models/../exfil/ has a '..' "
              + "segment in its key; segments made of dots only ('.', '..') are "
              + "not allowed");
      monitor(c, "'..' in the retrain template image",
          m -> m.getSpec().onDrift.retrain.template.image = R + "../evil/miner:1",
          "PolicyViolation",
              "spec.onDrift.retrain.template.image: image "
              + "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/../evil/mi"
              + "ner:1 has a '..' path component; path components are lowercase "
              + "letters and digits separated by '.', '_', '__' or '-'");
      monitor(c, "'..' in the retrain template output",
          m -> m.getSpec().onDrift.retrain.template.output.s3Uri =
              "s3://fraud-models/../exfil/", "PolicyViolation",
              "spec.onDrift.retrain.template.output.s3Uri: S3 URI "
              + "s3://fraud-models/../exfil/ has a '..' segment in its key; "
              + "segments made of dots only ('.', '..') are not allowed");
      monitor(c, "a retrain template instance type the policy does not allow",
          m -> m.getSpec().onDrift.retrain.template.resources.instanceType = "ml.p4d.24xlarge",
          "PolicyViolation",
              "spec.onDrift.retrain.template.resources.instanceType: instance "
              + "type ml.p4d.24xlarge is not allowed; allowed: ml.m5.*, ml.g5.*");
    }

    private void secrets() {
      String c = "secrets";
      job(c, "a password hyperparameter",
          j -> j.getSpec().hyperparameters.put("db_password", SECRET), "PolicyViolation",
              "spec.hyperparameters[db_password]: hyperparameter db_password "
              + "is named like a secret, and SageMaker shows hyperparameter "
              + "values to anyone allowed to call DescribeTrainingJob; read it "
              + "at run time from AWS Secrets Manager or SSM Parameter Store "
              + "instead (grant the execution role access to it)");
      job(c, "an api key hyperparameter",
          j -> j.getSpec().hyperparameters.put("apiKey", SECRET), "PolicyViolation",
              "spec.hyperparameters[apiKey]: hyperparameter apiKey is named "
              + "like a secret, and SageMaker shows hyperparameter values to "
              + "anyone allowed to call DescribeTrainingJob; read it at run time "
              + "from AWS Secrets Manager or SSM Parameter Store instead (grant "
              + "the execution role access to it)");
      job(c, "a token hyperparameter in capitals",
          j -> j.getSpec().hyperparameters.put("AUTH_TOKEN", SECRET), "PolicyViolation",
              "spec.hyperparameters[AUTH_TOKEN]: hyperparameter AUTH_TOKEN is "
              + "named like a secret, and SageMaker shows hyperparameter values "
              + "to anyone allowed to call DescribeTrainingJob; read it at run "
              + "time from AWS Secrets Manager or SSM Parameter Store instead "
              + "(grant the execution role access to it)");
      job(c, "an AWS secret key in the environment",
          j -> j.getSpec().environment.put("AWS_SECRET_ACCESS_KEY", SECRET),
          "PolicyViolation",
              "spec.environment[AWS_SECRET_ACCESS_KEY]: environment variable "
              + "AWS_SECRET_ACCESS_KEY is named like a secret, and SageMaker "
              + "shows environment variable values to anyone allowed to call "
              + "DescribeTrainingJob; read it at run time from AWS Secrets "
              + "Manager or SSM Parameter Store instead (grant the execution "
              + "role access to it)");
      job(c, "an access key id as a hyperparameter value",
          j -> j.getSpec().hyperparameters.put("source", KEY_ID), "PolicyViolation",
              "spec.hyperparameters[source]: the value of hyperparameter "
              + "source holds an AWS access key id, and SageMaker shows "
              + "hyperparameter values to anyone allowed to call "
              + "DescribeTrainingJob; read it at run time from AWS Secrets "
              + "Manager or SSM Parameter Store instead (grant the execution "
              + "role access to it)");
      job(c, "a secret in a tag", j -> j.getSpec().tags.put("password", SECRET),
          "PolicyViolation",
              "spec.tags[password]: tag password is named like a secret, and "
              + "SageMaker shows tag values to anyone allowed to call ListTags; "
              + "read it at run time from AWS Secrets Manager or SSM Parameter "
              + "Store instead (grant the execution role access to it)");
      job(c, "credentials in an input S3 URI", j -> j.getSpec().inputs.get(0).s3Uri =
          "s3://admin:S3cretPassw0rd@fraud-data/x/", "SchemaViolation",
              "spec does not match the SecureTrainingJob schema: "
              + "spec.inputs[0].s3Uri: Invalid value: \"<hidden: looks like a "
              + "secret>\": must match '^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/["
              + "^\\s\\p{Z}\\p{Cc}\\p{Cf}]*)?$'");
      job(c, "registry credentials in the image",
          j -> j.getSpec().image = KEY_ID + ":S3cretPassw0rd@" + R + "x:1",
          "PolicyViolation",
              "spec.image: image contains credentials (user:password@ before "
              + "the registry); remove them: SageMaker pulls with the execution "
              + "role");
      job(c, "an access key id as an image tag",
          j -> j.getSpec().image = "evil.example.com/miner:" + KEY_ID, "PolicyViolation",
              "spec.image: image evil.example.com/miner:<access-key-id> is not "
              + "allowed; allowed prefixes: 111122223333.dkr.ecr.us-east-1.amazon"
              + "aws.com/approved/");
      job(c, "a connection string with a password in the environment",
          j -> j.getSpec().environment.put("DATABASE_URL",
              "postgres://app:" + SECRET + "@db.internal:5432/fraud"), "PolicyViolation",
              "spec.environment[DATABASE_URL]: the value of environment "
              + "variable DATABASE_URL holds a password in a URL, and SageMaker "
              + "shows environment variable values to anyone allowed to call "
              + "DescribeTrainingJob; read it at run time from AWS Secrets "
              + "Manager or SSM Parameter Store instead (grant the execution "
              + "role access to it)");
      endpoint(c, "a password in the model environment",
          e -> e.getSpec().environment.put("DB_PASSWORD", SECRET), "PolicyViolation",
              "spec.environment[DB_PASSWORD]: environment variable DB_PASSWORD "
              + "is named like a secret, and SageMaker shows environment "
              + "variable values to anyone allowed to call DescribeModel; read "
              + "it at run time from AWS Secrets Manager or SSM Parameter Store "
              + "instead (grant the execution role access to it)");
      endpoint(c, "a secret in an endpoint tag",
          e -> e.getSpec().tags.put("api-key", SECRET), "PolicyViolation",
              "spec.tags[api-key]: tag api-key is named like a secret, and "
              + "SageMaker shows tag values to anyone allowed to call ListTags; "
              + "read it at run time from AWS Secrets Manager or SSM Parameter "
              + "Store instead (grant the execution role access to it)");
      monitor(c, "a password in the retrain hyperparameters",
          m -> m.getSpec().onDrift.retrain.template.hyperparameters.put("db_password", SECRET),
          "PolicyViolation",
              "spec.onDrift.retrain.template.hyperparameters[db_password]: "
              + "hyperparameter db_password is named like a secret, and "
              + "SageMaker shows hyperparameter values to anyone allowed to call "
              + "DescribeTrainingJob; read it at run time from AWS Secrets "
              + "Manager or SSM Parameter Store instead (grant the execution "
              + "role access to it)");
      monitor(c, "a secret in a monitor tag", m -> m.getSpec().tags.put("token", SECRET),
          "PolicyViolation",
              "spec.tags[token]: tag token is named like a secret, and "
              + "SageMaker shows tag values to anyone allowed to call ListTags; "
              + "read it at run time from AWS Secrets Manager or SSM Parameter "
              + "Store instead (grant the execution role access to it)");
    }

    private void references() {
      String c = "references";
      monitor(c, "an endpoint in another namespace",
          m -> m.getSpec().endpointRef = "other-namespace/scoring", "SchemaViolation",
              "spec does not match the DataQualityMonitor schema: "
              + "spec.endpointRef: Invalid value: \"other-namespace/scoring\": "
              + OTHER_NAMESPACE + "ModelEndpoint in this namespace");
      monitor(c, "a path climbing out of the namespace",
          m -> m.getSpec().endpointRef = "../payments/scoring", "SchemaViolation",
              "spec does not match the DataQualityMonitor schema: "
              + "spec.endpointRef: Invalid value: \"../payments/scoring\": "
              + OTHER_NAMESPACE + "ModelEndpoint in this namespace");
      monitor(c, "an endpoint name in capitals",
          m -> m.getSpec().endpointRef = "Bank-Failure-Endpoint", "SchemaViolation",
              "spec does not match the DataQualityMonitor schema: "
              + "spec.endpointRef: Invalid value: \"Bank-Failure-Endpoint\": "
              + "must be the name of a ModelEndpoint" + NAME_SYNTAX);
      monitor(c, "an endpoint name with a leading space",
          m -> m.getSpec().endpointRef = " bank-failure-endpoint", "SchemaViolation",
              "spec does not match the DataQualityMonitor schema: "
              + "spec.endpointRef: Invalid value: \" bank-failure-endpoint\": "
              + "must be the name of a ModelEndpoint" + NAME_SYNTAX);
      monitor(c, "an endpoint name of 254 characters",
          m -> m.getSpec().endpointRef = "a".repeat(254), "SchemaViolation",
              "spec does not match the DataQualityMonitor schema: "
              + "spec.endpointRef: Too long: may not be longer than 253 "
              + "characters (has 254)");
      endpoint(c, "a training job in another namespace", e -> {
        e.getSpec().model = new ModelEndpointSpec.ModelSource();
        e.getSpec().model.fromTrainingJob = "payments/bank-failure-xgb";
      }, "SchemaViolation",
              "spec does not match the ModelEndpoint schema: "
              + "spec.model.fromTrainingJob: Invalid value: "
              + "\"payments/bank-failure-xgb\": "
              + OTHER_NAMESPACE + "SecureTrainingJob in this namespace");
      endpoint(c, "a training job name with a slash only", e -> {
        e.getSpec().model = new ModelEndpointSpec.ModelSource();
        e.getSpec().model.fromTrainingJob = "/bank-failure-xgb";
      }, "SchemaViolation",
              "spec does not match the ModelEndpoint schema: "
              + "spec.model.fromTrainingJob: Invalid value: "
              + "\"/bank-failure-xgb\": "
              + OTHER_NAMESPACE + "SecureTrainingJob in this namespace");
      endpoint(c, "a training job name with whitespace", e -> {
        e.getSpec().model = new ModelEndpointSpec.ModelSource();
        e.getSpec().model.fromTrainingJob = "bank failure";
      }, "SchemaViolation",
              "spec does not match the ModelEndpoint schema: "
              + "spec.model.fromTrainingJob: Invalid value: \"bank failure\": "
              + "must be the name of a SecureTrainingJob" + NAME_SYNTAX);
    }

    private void policyAuthoring() {
      String c = "policy authoring";
      authoring("a misspelled kind in a rule", p -> {
        p.getSpec().rules.get(0).kinds = new ArrayList<>(List.of("SecureTrainingJobs"));
      },
              "metadata.namespace: CompliancePolicy {ns} is not Ready: "
              + "rules[0].kinds[0] SecureTrainingJobs is not a kind the operator "
              + "governs (did you mean SecureTrainingJob?); kinds are "
              + "SecureTrainingJob, ModelEndpoint, DataQualityMonitor");
      authoring("an instance glob with a character class",
          p -> p.getSpec().instances.allowedTypes.set(0, "ml.[m5].*"),
              "metadata.namespace: CompliancePolicy {ns} is not Ready: "
              + "instances.allowedTypes[0] 'ml.[m5].*' has '['; globs are "
              + "letters, digits, '.' and '*', the only wildcard (not a regular "
              + "expression)");
      authoring("an allowed instance type with a trailing space",
          p -> p.getSpec().instances.allowedTypes.set(0, "ml.m5.xlarge "),
              "metadata.namespace: CompliancePolicy {ns} is not Ready: "
              + "instances.allowedTypes[0] 'ml.m5.xlarge ' contains whitespace, "
              + "so it matches no instance type");
      authoring("an image prefix with '..'",
          p -> p.getSpec().images.allowedPrefixes.set(0, R + "../"),
              "metadata.namespace: CompliancePolicy {ns} is not Ready: "
              + "images.allowedPrefixes[0] can never match: image "
              + "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/../ has a "
              + "'..' path component; path components are lowercase letters and "
              + "digits separated by '.', '_', '__' or '-'");
      authoring("an image prefix with uppercase",
          p -> p.getSpec().images.allowedPrefixes.set(0, R.replace("approved", "Approved")),

              "metadata.namespace: CompliancePolicy {ns} is not Ready: "
              + "images.allowedPrefixes[0] can never match: image "
              + "111122223333.dkr.ecr.us-east-1.amazonaws.com/Approved/ has "
              + "uppercase letters in its repository path; path components are "
              + "lowercase letters and digits separated by '.', '_', '__' or '-'");
      authoring("an S3 prefix with '..'",
          p -> p.getSpec().data.allowedS3Prefixes.set(0, "s3://fraud-data/../"),
              "metadata.namespace: CompliancePolicy {ns} is not Ready: "
              + "data.allowedS3Prefixes[0] can never match: S3 URI "
              + "s3://fraud-data/../ has a '..' segment in its key; segments "
              + "made of dots only ('.', '..') are not allowed");
      authoring("an S3 prefix with an invalid bucket",
          p -> p.getSpec().data.allowedS3Prefixes.set(0, "s3://Fraud_Data/"),
              "metadata.namespace: CompliancePolicy {ns} is not Ready: "
              + "data.allowedS3Prefixes[0] can never match: S3 URI "
              + "s3://Fraud_Data/ has a bucket name with characters other than "
              + "lowercase letters, digits, '.' and '-'");
      authoring("a duplicated S3 prefix",
          p -> p.getSpec().data.allowedS3Prefixes.set(1, "s3://fraud-data/"),
              "metadata.namespace: CompliancePolicy {ns} is not Ready: "
              + "data.allowedS3Prefixes[1] s3://fraud-data/ repeats "
              + "data.allowedS3Prefixes[0]");
      authoring("a role ARN for a user",
          p -> p.getSpec().executionRoleArn = "arn:aws:iam::111122223333:user/alice",
              "metadata.namespace: CompliancePolicy {ns} is not Ready: "
              + "spec.executionRoleArn: Invalid value: "
              + "\"arn:aws:iam::111122223333:user/alice\": must match "
              + "'^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$'");
      authoring("a KMS key in another region", p -> p.getSpec().encryption
          .kmsKeyByClassification.put("Internal",
              "arn:aws:kms:eu-west-1:111122223333:key/1111aaaa-2222-bbbb-3333-cccc4444dddd"),

              "metadata.namespace: CompliancePolicy {ns} is not Ready: "
              + "encryption.kmsKeyByClassification.Internal is a key in "
              + "eu-west-1 but the policy's region is us-east-1; SageMaker needs "
              + "keys in the resources' region");
      authoring("an empty image prefix",
          p -> p.getSpec().images.allowedPrefixes.add(""),
              "metadata.namespace: CompliancePolicy {ns} is not Ready: "
              + "images.allowedPrefixes[1] is empty");
      authoring("a namespace selector with an unknown operator", p -> p.getSpec()
          .namespaceSelector.setMatchExpressions(List.of(new LabelSelectorRequirement(
              "secureml.dev/team", "Contains", List.of("authoring")))),
              "metadata.namespace: no CompliancePolicy selects namespace {ns}");
      authoring("required tag keys differing only by case",
          p -> p.getSpec().tags.required.put("Cost-Center", "CC-1"),
              "metadata.namespace: CompliancePolicy {ns} is not Ready: "
              + "tags.required.Cost-Center and tags.required.cost-center differ "
              + "only by case or character width; keep one");
      authoring("a required tag under the reserved prefix",
          p -> p.getSpec().tags.required.put("secureml.dev/owner", "x"),
              "metadata.namespace: CompliancePolicy {ns} is not Ready: "
              + "tags.required.secureml.dev/owner uses the reserved prefix "
              + "secureml.dev/");
      authoring("a duplicate subnet", p -> p.getSpec().network.subnets.set(1,
          p.getSpec().network.subnets.get(0)),
              "metadata.namespace: CompliancePolicy {ns} is not Ready: "
              + "network.subnets[1] subnet-0a1b2c3d repeats network.subnets[0]");
      authoring("a rule that does not compile",
          p -> p.getSpec().rules.get(0).expression = "spec.resources.instanceType ==",
              "metadata.namespace: CompliancePolicy {ns} is not Ready: "
              + "rules[0] gpu-needs-spot: mismatched input '<EOF>' expecting "
              + "{'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', "
              + "NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}");
      authoring("two rules with one name", HostileCorpus::duplicateFirstRule,
              "metadata.namespace: CompliancePolicy {ns} is not Ready: "
              + "rules[1] gpu-needs-spot: duplicate rule name");
    }

    private static void duplicateFirstRule(CompliancePolicy p) {
      CompliancePolicySpec.Rule first = p.getSpec().rules.get(0);
      CompliancePolicySpec.Rule copy = new CompliancePolicySpec.Rule();
      copy.name = first.name;
      copy.expression = "true";
      copy.message = "always";
      copy.kinds = new ArrayList<>(first.kinds);
      p.getSpec().rules.add(copy);
    }

    private static TrainingJobTemplateSpec.Security security(TrainingJobTemplateSpec spec) {
      if (spec.security == null) {
        spec.security = new TrainingJobTemplateSpec.Security();
      }
      return spec.security;
    }

    private String next(String prefix) {
      return prefix + "-" + (++serial);
    }

    private void job(String category, String description, Consumer<SecureTrainingJob> change,
        String reason, String message) {
      SecureTrainingJob job = TestManifests.compliantJob(next("job"));
      change.accept(job);
      cases.add(new Case(category, description, job, Optional.empty(), reason, message));
    }

    private void endpoint(String category, String description, Consumer<ModelEndpoint> change,
        String reason, String message) {
      ModelEndpoint endpoint = TestManifests.explicitEndpoint(next("endpoint"));
      change.accept(endpoint);
      cases.add(new Case(category, description, endpoint, Optional.empty(), reason, message));
    }

    private void monitor(String category, String description,
        Consumer<DataQualityMonitor> change, String reason, String message) {
      DataQualityMonitor monitor = TestManifests.exampleMonitor(next("monitor"));
      change.accept(monitor);
      cases.add(new Case(category, description, monitor, Optional.empty(), reason, message));
    }

    /**
     * A broken policy selecting a namespace of its own, and a compliant job there; {@code {ns}}
     * in the message stands for that namespace, which is also the policy's name.
     */
    private void authoring(String description, Consumer<CompliancePolicy> change,
        String message) {
      String namespace = next("authoring");
      CompliancePolicy policy = TestManifests.examplePolicy();
      policy.getMetadata().setName(namespace);
      policy.getSpec().namespaceSelector.setMatchLabels(
          Map.of("secureml.dev/team", namespace));
      change.accept(policy);
      SecureTrainingJob job = TestManifests.compliantJob("held");
      job.getMetadata().setNamespace(namespace);
      cases.add(new Case("policy authoring", description, job, Optional.of(policy),
          "PolicyViolation", message.replace("{ns}", namespace)));
    }
  }

}
