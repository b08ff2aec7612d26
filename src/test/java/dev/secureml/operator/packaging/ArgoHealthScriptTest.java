package dev.secureml.operator.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseMathLib;
import org.yaml.snakeyaml.Yaml;

/**
 * The Argo CD health script maps the kstatus fields the operator writes to Argo CD health, and the
 * argocd-cm snippet in its README registers exactly that script for every kind in crds/.
 */
class ArgoHealthScriptTest {
  private static final Path ARGOCD = Path.of("helm/secure-sagemaker-operator/argocd");
  private static final Path SCRIPT = ARGOCD.resolve("health.lua");
  private static final YAMLMapper YAML = new YAMLMapper();
  private static String script;

  @BeforeAll
  static void readScript() throws IOException {
    script = Files.readString(SCRIPT);
  }

  record Health(String status, String message) {}

  @Test
  void readyIsHealthy() throws IOException {
    Health health = run(trainingJob(1, """
        observedGeneration: 1
        phase: Completed
        conditions:
          - {type: Compliant, status: "True", reason: Compliant, message: complies with CompliancePolicy fraud-team}
          - {type: Ready, status: "True", reason: Completed, message: training job completed}
          - {type: Reconciling, status: "False", reason: Completed, message: training job completed}
          - {type: Stalled, status: "False", reason: Completed, message: training job completed}
        """));
    assertThat(health.status()).isEqualTo("Healthy");
    assertThat(health.message()).isEqualTo("Completed: training job completed");
  }

  @Test
  void stalledIsDegradedWithTheConditionsMessage() throws IOException {
    Health health = run(trainingJob(1, """
        observedGeneration: 1
        phase: Rejected
        conditions:
          - {type: Compliant, status: "False", reason: PolicyViolation, message: 2 violations}
          - {type: Ready, status: "False", reason: PolicyViolation, message: "spec.resources.instanceType: ml.p4d.24xlarge is not allowed (allowed: ml.m5.*, ml.g5.*)"}
          - {type: Reconciling, status: "False", reason: PolicyViolation, message: "spec.resources.instanceType: ml.p4d.24xlarge is not allowed (allowed: ml.m5.*, ml.g5.*)"}
          - {type: Stalled, status: "True", reason: PolicyViolation, message: "spec.resources.instanceType: ml.p4d.24xlarge is not allowed (allowed: ml.m5.*, ml.g5.*)"}
        """));
    assertThat(health.status()).isEqualTo("Degraded");
    assertThat(health.message()).isEqualTo("PolicyViolation: spec.resources.instanceType: "
        + "ml.p4d.24xlarge is not allowed (allowed: ml.m5.*, ml.g5.*)");
  }

  @Test
  void stalledWinsOverReady() throws IOException {
    Health health = run(trainingJob(1, """
        observedGeneration: 1
        conditions:
          - {type: Ready, status: "True", reason: Completed, message: done}
          - {type: Stalled, status: "True", reason: NameConflict, message: another resource owns the job}
        """));
    assertThat(health.status()).isEqualTo("Degraded");
    assertThat(health.message()).contains("NameConflict");
  }

  @Test
  void inProgressIsProgressingWithTheReconcilingMessage() throws IOException {
    Health health = run(trainingJob(1, """
        observedGeneration: 1
        phase: Training
        conditions:
          - {type: Ready, status: "False", reason: Training, message: "SageMaker: InProgress/Training"}
          - {type: Reconciling, status: "True", reason: Training, message: "SageMaker: InProgress/Training"}
          - {type: Stalled, status: "False", reason: Training, message: "SageMaker: InProgress/Training"}
        """));
    assertThat(health.status()).isEqualTo("Progressing");
    assertThat(health.message()).isEqualTo("Training: SageMaker: InProgress/Training");
  }

  @Test
  void aStatusBehindTheGenerationIsProgressingWhateverItsConditionsSay() throws IOException {
    Health health = run(trainingJob(2, """
        observedGeneration: 1
        conditions:
          - {type: Ready, status: "True", reason: Completed, message: training job completed}
          - {type: Stalled, status: "False", reason: Completed, message: training job completed}
        """));
    assertThat(health.status()).isEqualTo("Progressing");
    assertThat(health.message()).contains("generation 2").contains("generation 1");

    Health stale = run(trainingJob(3, """
        observedGeneration: 2
        conditions:
          - {type: Stalled, status: "True", reason: SpecImmutable, message: spec changed}
        """));
    assertThat(stale.status()).isEqualTo("Progressing");
  }

  @Test
  void noStatusOrNoConditionsYetIsProgressing() throws IOException {
    assertThat(run(trainingJob(1, null)).status()).isEqualTo("Progressing");

    Health noConditions = run(trainingJob(1, """
        observedGeneration: 1
        phase: Pending
        """));
    assertThat(noConditions.status()).isEqualTo("Progressing");
    assertThat(noConditions.message()).isEqualTo("Phase Pending");
  }

  @Test
  void aValidPolicyIsHealthyAndAConflictingOneDegraded() throws IOException {
    ObjectNode policy = (ObjectNode) example("01-compliance-policy.yaml");
    ((ObjectNode) policy.get("metadata")).put("generation", 1);
    policy.set("status", YAML.readTree("""
        observedGeneration: 1
        boundNamespaces: [fraud-models]
        conditions:
          - {type: Ready, status: "True", reason: Ready, message: policy is valid and binds 1 namespace}
          - {type: Stalled, status: "False", reason: Ready, message: policy is valid and binds 1 namespace}
          - {type: Reconciling, status: "False", reason: Ready, message: policy is valid and binds 1 namespace}
        """));
    assertThat(run(policy).status()).isEqualTo("Healthy");

    policy.set("status", YAML.readTree("""
        observedGeneration: 1
        conditions:
          - {type: Ready, status: "False", reason: NamespaceConflict, message: fraud-models is also selected by other-team}
          - {type: Stalled, status: "True", reason: NamespaceConflict, message: fraud-models is also selected by other-team}
        """));
    Health conflict = run(policy);
    assertThat(conflict.status()).isEqualTo("Degraded");
    assertThat(conflict.message()).isEqualTo(
        "NamespaceConflict: fraud-models is also selected by other-team");
  }

  @Test
  void reconcilingWinsOverReady() throws IOException {
    Health health = run(trainingJob(1, """
        observedGeneration: 1
        conditions:
          - {type: Ready, status: "True", reason: Completed, message: done}
          - {type: Reconciling, status: "True", reason: TagsUpdating, message: updating tags}
        """));
    assertThat(health.status()).isEqualTo("Progressing");
    assertThat(health.message()).isEqualTo("TagsUpdating: updating tags");
  }

  // --- DataQualityMonitor: drift is Degraded, so the application's owner sees it ---

  @Test
  void aScheduledMonitorWithoutDriftIsHealthy() throws IOException {
    Health health = run(monitor(1, """
        observedGeneration: 1
        phase: Scheduled
        conditions:
          - {type: Compliant, status: "True", reason: Compliant, message: complies with CompliancePolicy fraud-team}
          - {type: Ready, status: "True", reason: Scheduled, message: next run at 2026-11-23T23:00:00Z}
          - {type: Reconciling, status: "False", reason: Scheduled, message: next run at 2026-11-23T23:00:00Z}
          - {type: Stalled, status: "False", reason: Scheduled, message: next run at 2026-11-23T23:00:00Z}
          - {type: DriftDetected, status: "False", reason: NoViolations, message: last run found no violations}
        """));
    assertThat(health.status()).isEqualTo("Healthy");
    assertThat(health.message()).isEqualTo("Scheduled: next run at 2026-11-23T23:00:00Z");
  }

  @Test
  void driftIsDegradedWithTheDriftConditionsMessage() throws IOException {
    Health health = run(monitor(1, """
        observedGeneration: 1
        phase: Scheduled
        conditions:
          - {type: Ready, status: "True", reason: Scheduled, message: next run at 2026-11-23T23:00:00Z}
          - {type: Reconciling, status: "False", reason: Scheduled, message: next run at 2026-11-23T23:00:00Z}
          - {type: Stalled, status: "False", reason: Scheduled, message: next run at 2026-11-23T23:00:00Z}
          - {type: DriftDetected, status: "True", reason: Violations, message: "2 violations: amount baseline_drift_check (distance 0.31 > 0.1), state data_type_check"}
        """));
    assertThat(health.status()).isEqualTo("Degraded");
    assertThat(health.message()).isEqualTo("Violations: 2 violations: amount "
        + "baseline_drift_check (distance 0.31 > 0.1), state data_type_check");
  }

  @Test
  void driftStaysVisibleWhileTheMonitorReconciles() throws IOException {
    Health health = run(monitor(2, """
        observedGeneration: 2
        phase: Baselining
        conditions:
          - {type: Ready, status: "False", reason: Baselining, message: profiling the training data}
          - {type: Reconciling, status: "True", reason: Baselining, message: profiling the training data}
          - {type: Stalled, status: "False", reason: Baselining, message: profiling the training data}
          - {type: DriftDetected, status: "True", reason: Violations, message: 1 violation}
        """));
    assertThat(health.status()).isEqualTo("Degraded");
    assertThat(health.message()).isEqualTo("Violations: 1 violation");
  }

  @Test
  void aMonitorBaseliningOrWaitingForItsEndpointIsProgressing() throws IOException {
    Health baselining = run(monitor(1, """
        observedGeneration: 1
        phase: Baselining
        conditions:
          - {type: Ready, status: "False", reason: Baselining, message: profiling the training data}
          - {type: Reconciling, status: "True", reason: Baselining, message: profiling the training data}
          - {type: Stalled, status: "False", reason: Baselining, message: profiling the training data}
        """));
    assertThat(baselining.status()).isEqualTo("Progressing");
    assertThat(baselining.message()).isEqualTo("Baselining: profiling the training data");

    Health waiting = run(monitor(1, """
        observedGeneration: 1
        phase: WaitingForEndpoint
        conditions:
          - {type: Ready, status: "False", reason: WaitingForEndpoint, message: ModelEndpoint bank-failure-endpoint is not InService}
          - {type: Stalled, status: "False", reason: WaitingForEndpoint, message: ModelEndpoint bank-failure-endpoint is not InService}
        """));
    assertThat(waiting.status()).isEqualTo("Progressing");
    assertThat(waiting.message())
        .isEqualTo("WaitingForEndpoint: ModelEndpoint bank-failure-endpoint is not InService");

    assertThat(run(monitor(1, null)).status()).isEqualTo("Progressing");
  }

  @Test
  void aStaleMonitorStatusIsProgressingEvenWithDrift() throws IOException {
    Health health = run(monitor(3, """
        observedGeneration: 2
        conditions:
          - {type: Ready, status: "True", reason: Scheduled, message: scheduled}
          - {type: DriftDetected, status: "True", reason: Violations, message: 1 violation}
        """));
    assertThat(health.status()).isEqualTo("Progressing");
    assertThat(health.message()).contains("generation 3");
  }

  @Test
  void aStalledMonitorIsDegradedWithTheStalledMessageRatherThanTheDrift() throws IOException {
    Health health = run(monitor(1, """
        observedGeneration: 1
        phase: Rejected
        conditions:
          - {type: Ready, status: "False", reason: PolicyViolation, message: "spec.outputS3Uri: s3://other/ is outside the allowed prefixes"}
          - {type: Stalled, status: "True", reason: PolicyViolation, message: "spec.outputS3Uri: s3://other/ is outside the allowed prefixes"}
          - {type: DriftDetected, status: "True", reason: Violations, message: 1 violation}
        """));
    assertThat(health.status()).isEqualTo("Degraded");
    assertThat(health.message())
        .isEqualTo("PolicyViolation: spec.outputS3Uri: s3://other/ is outside the allowed prefixes");
  }

  @Test
  void readyFalseWithATerminalReasonIsDegradedEvenWithoutStalled() throws IOException {
    Health health = run(monitor(1, """
        observedGeneration: 1
        phase: Error
        conditions:
          - {type: Ready, status: "False", reason: SageMakerValidation, message: "CreateMonitoringSchedule: invalid cron expression"}
          - {type: Reconciling, status: "True", reason: SageMakerValidation, message: "CreateMonitoringSchedule: invalid cron expression"}
        """));
    assertThat(health.status()).isEqualTo("Degraded");
    assertThat(health.message())
        .isEqualTo("SageMakerValidation: CreateMonitoringSchedule: invalid cron expression");

    Health retrying = run(monitor(1, """
        observedGeneration: 1
        phase: Error
        conditions:
          - {type: Ready, status: "False", reason: Throttled, message: "retrying in 30s"}
          - {type: Reconciling, status: "True", reason: Throttled, message: "retrying in 30s"}
        """));
    assertThat(retrying.status()).isEqualTo("Progressing");
    assertThat(retrying.message()).isEqualTo("Throttled: retrying in 30s");
  }

  @Test
  void theReadmeRegistersThisScriptForEveryKindInTheCrds() throws IOException {
    String readme = Files.readString(ARGOCD.resolve("README.md"));
    Matcher block = Pattern.compile("```yaml\n(apiVersion: v1\nkind: ConfigMap\n.*?)```",
        Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).as("an argocd-cm ConfigMap in a yaml block").isTrue();
    // SnakeYAML resolves the anchor the way kubectl does.
    Map<String, Object> configMap = new Yaml().load(block.group(1));
    assertThat(configMap).containsEntry("kind", "ConfigMap");
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) configMap.get("data");

    List<String> expectedKeys = new ArrayList<>();
    try (Stream<Path> crds = Files.list(Path.of("crds"))) {
      for (Path crd : crds.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
        JsonNode spec = YAML.readTree(crd.toFile()).path("spec");
        expectedKeys.add("resource.customizations.health." + spec.path("group").asText() + "_"
            + spec.path("names").path("kind").asText());
      }
    }
    assertThat(expectedKeys).isNotEmpty();
    assertThat(data.keySet()).containsAll(expectedKeys);
    for (String key : expectedKeys) {
      assertThat(data.get(key)).as(key).isEqualTo(script);
      assertThat(readme).contains("--from-file=" + key + "=health.lua");
    }
  }

  // --- running the script the way Argo CD does: a global `obj`, the result table returned ---

  static Health run(JsonNode object) {
    Globals globals = new Globals();
    // Argo CD's Lua VM offers the base, package, table, string and math libraries, not os or io.
    globals.load(new JseBaseLib());
    globals.load(new PackageLib());
    globals.load(new TableLib());
    globals.load(new StringLib());
    globals.load(new JseMathLib());
    LoadState.install(globals);
    LuaC.install(globals);
    globals.set("obj", toLua(object));
    LuaValue result = globals.load(script, "health.lua").call();
    assertThat(result.istable()).as("health.lua returns a table").isTrue();
    LuaValue status = result.get("status");
    LuaValue message = result.get("message");
    return new Health(status.isnil() ? null : status.tojstring(),
        message.isnil() ? null : message.tojstring());
  }

  /** JSON to Lua as Argo CD hands objects over: maps and 1-based arrays as tables. */
  static LuaValue toLua(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return LuaValue.NIL;
    }
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        table.set(field.getKey(), toLua(field.getValue()));
      }
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, toLua(node.get(i)));
      }
      return table;
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.booleanValue());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.doubleValue());
    }
    return LuaValue.valueOf(node.asText());
  }

  private static JsonNode example(String name) throws IOException {
    return YAML.readTree(Path.of("examples").resolve(name).toFile());
  }

  /** The example monitor at the given generation, with the given status (YAML) or none. */
  private static JsonNode monitor(long generation, String statusYaml) throws IOException {
    return withStatus(example("30-data-quality-monitor.yaml"), generation, statusYaml);
  }

  /** The example training job at the given generation, with the given status (YAML) or none. */
  private static JsonNode trainingJob(long generation, String statusYaml) throws IOException {
    return withStatus(example("10-training-job.yaml"), generation, statusYaml);
  }

  private static JsonNode withStatus(JsonNode example, long generation, String statusYaml)
      throws IOException {
    ObjectNode object = (ObjectNode) example;
    ((ObjectNode) object.get("metadata")).put("generation", generation);
    if (statusYaml != null) {
      object.set("status", YAML.readTree(statusYaml));
    }
    return object;
  }
}
