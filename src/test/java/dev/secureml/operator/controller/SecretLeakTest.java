package dev.secureml.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.api.Enforcement;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.api.TrainingJobTemplateSpec;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.local.sandbox.TestManifests;
import dev.secureml.operator.logs.ForwardedLine;
import dev.secureml.operator.logs.RedactingPrintStream;
import dev.secureml.operator.testsupport.AwsTestClients;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Hostile input, category "secrets": each secret, given to the operator the way a careless or
 * hostile user would, appears nowhere the cluster shows it (status, Events, forwarded log
 * lines, the operator's own log, metrics) while what stands beside it stays readable. The
 * rejected ones leave nothing in SageMaker.
 */
class SecretLeakTest {
  private static final String ENFORCED = TestManifests.NAMESPACE;
  private static final String AUDITED = "fraud-audit";
  private static final String GROUP = "/aws/sagemaker/TrainingJobs";
  private static final String DECLARED = "Hunter2Secret";
  private static final String QUOTED_TOKEN = "Qu0te\"Token";
  private static final String FORMATS_JOB = "hp-formats";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ByteArrayOutputStream OPERATOR_LOG = new ByteArrayOutputStream();
  private static final String HIDDEN_S3 = ": Invalid value: \"<hidden: looks like a secret>\": "
      + "must match '^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^\\s\\p{Z}\\p{Cc}\\p{Cf}]*)?$'";
  private static final List<Case> CASES = cases();

  private static OperatorHarness h;
  private static PrintStream originalErr;

  /** How the operator must have treated the case. */
  enum Outcome {
    /** Refused by the policy: Rejected, Stalled naming the field, nothing in SageMaker. */
    REJECTED,
    /**
     * Refused by the CRD's schema before any policy rule, whatever the enforcement: Rejected,
     * Stalled with reason SchemaViolation naming the field, nothing in SageMaker.
     */
    REJECTED_BY_SCHEMA,
    /** Admitted (Audit) and run: its forwarded lines show the neighbour, not the secret. */
    FORWARDED,
    /** A line written into a running job's log stream: forwarded without the secret. */
    INJECTED,
    /** Admitted (Audit), then refused by SageMaker with a message quoting the value. */
    REFUSED_BY_SAGEMAKER
  }

  /**
   * @param resource what is applied (null for a line injected into {@value #FORMATS_JOB})
   * @param line the injected log line, else null
   * @param neighbour harmless text that must stay readable where the outcome shows it
   */
  record Case(String id, HasMetadata resource, String line, List<String> secrets,
      Outcome outcome, String neighbour) {
    @Override
    public String toString() {
      return "secrets: " + id;
    }

    String name() {
      return resource == null ? FORMATS_JOB : resource.getMetadata().getName();
    }
  }

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    // Rejected: credentials in URIs and images, secrets written inline. The CRD's S3 pattern
    // admits only a bucket name after s3://, so the schema gate refuses credentials there.
    c.add(rejectedBySchema("password in an input S3 URI", job("uri-input",
        s -> s.inputs.get(0).s3Uri = "s3://admin:S3cretPassw0rd@fraud-data/x/"),
        "S3cretPassw0rd", "spec.inputs[0].s3Uri" + HIDDEN_S3));
    c.add(rejectedBySchema("password in the output S3 URI", job("uri-output",
        s -> s.output.s3Uri = "s3://svc:0utputPassw0rd@fraud-models/out/"),
        "0utputPassw0rd", "spec.output.s3Uri" + HIDDEN_S3));
    c.add(rejectedBySchema("password in the checkpoint S3 URI", job("uri-checkpoint", s -> {
      s.spot = new TrainingJobTemplateSpec.Spot();
      s.spot.enabled = true;
      s.spot.maxWait = "4h";
      s.spot.checkpointS3Uri = "s3://ck:CheckP0intPw@fraud-models/ck/";
    }), "CheckP0intPw", "spec.spot.checkpointS3Uri" + HIDDEN_S3));
    c.add(rejectedBySchema("password after a mistyped s3:/ scheme", job("uri-one-slash",
        s -> s.inputs.get(0).s3Uri = "s3:/admin:0neSlashPw@fraud-data/x/"),
        "0neSlashPw", "spec.inputs[0].s3Uri" + HIDDEN_S3));
    c.add(rejectedBySchema("password in a URI without a scheme", job("uri-no-scheme",
        s -> s.output.s3Uri = "svc:N0SchemePw@fraud-models/out/"),
        "N0SchemePw", "spec.output.s3Uri" + HIDDEN_S3));
    c.add(rejectedBySchema("declared password repeated in a value the schema quotes",
        job("declared-in-image", s -> {
          s.hyperparameters.put("db_password", "Decl4redPw");
          s.image = "x.io/x:1 Decl4redPw";
        }), "Decl4redPw", "spec.image: Invalid value: \"x.io/x:1 "));
    c.add(rejected("AKIA key id inside an image", job("image-akia", s -> s.image =
        "AKIAIOSFODNN7EXAMPLE.dkr.ecr.us-east-1.amazonaws.com/evil/miner:1"),
        "AKIAIOSFODNN7EXAMPLE", "spec.image"));
    c.add(rejected("user:password@ before an image's registry", job("image-userinfo",
        s -> s.image = "robot:Im4gePassw0rd@registry.example.com/approved/x:1"),
        "Im4gePassw0rd", "spec.image"));
    c.add(rejected("hyperparameter named like a password", job("hp-inline",
        s -> s.hyperparameters.put("db_password", DECLARED)),
        DECLARED, "spec.hyperparameters[db_password]"));
    c.add(rejected("URL with a password in a harmless hyperparameter", job("hp-url",
        s -> s.hyperparameters.put("db_url", "postgres://app:Url5ecretPw@db.internal/x")),
        "Url5ecretPw", "spec.hyperparameters[db_url]"));
    c.add(rejected("environment variable named like a password", job("env-inline",
        s -> s.environment.put("DB_PASSWORD", "EnvPassw0rd1")),
        "EnvPassw0rd1", "spec.environment[DB_PASSWORD]"));
    c.add(rejected("secret in a tag value", job("tag-inline",
        s -> s.tags.put("api-token", "TagT0kenValue")), "TagT0kenValue", "spec.tags[api-token]"));
    c.add(rejected("secret in a custom rule's message", job("cel-message", s -> { }),
        "CelRulePassw0rd", "ask the platform team for access"));
    c.add(rejected("endpoint environment token", endpoint("ep-env",
        s -> s.environment.put("HF_TOKEN", "hf_EndpointTok3n")),
        "hf_EndpointTok3n", "spec.environment[HF_TOKEN]"));
    c.add(rejected("AKIA key id inside an endpoint image", endpoint("ep-image", s -> s.model.image
        = "ASIAY34FZKBOKMUTVV7A.dkr.ecr.us-east-1.amazonaws.com/approved/xgboost:1"),
        "ASIAY34FZKBOKMUTVV7A", "spec.model.image"));
    c.add(rejectedBySchema("password in the model data URL", endpoint("ep-model-data",
        s -> s.model.modelDataUrl = "s3://m:M0delDataPw@fraud-models/model.tar.gz"),
        "M0delDataPw", "spec.model.modelDataUrl" + HIDDEN_S3));
    c.add(rejectedBySchema("password in the capture destination", endpoint("ep-capture", s -> {
      s.dataCapture = new ModelEndpointSpec.DataCapture();
      s.dataCapture.destinationS3Uri = "s3://c:Capt8rePw@fraud-models/capture/";
    }), "Capt8rePw", "spec.dataCapture.destinationS3Uri" + HIDDEN_S3));
    c.add(rejectedBySchema("password in a monitor's output URI", monitor("dqm-output",
        s -> s.outputS3Uri = "s3://o:M0nitorOutPw@fraud-models/monitoring/"),
        "M0nitorOutPw", "spec.outputS3Uri" + HIDDEN_S3));
    c.add(rejectedBySchema("password in a monitor's baseline URI", monitor("dqm-baseline",
        s -> s.baseline.trainingDataS3Uri = "s3://b:Bas3linePw@fraud-data/train.csv"),
        "Bas3linePw", "spec.baseline.trainingDataS3Uri" + HIDDEN_S3));
    c.add(rejected("secret in a monitor's retrain template", monitor("dqm-retrain",
        s -> s.onDrift.retrain.template.hyperparameters.put("wandb_api_key", "wandbRetrain77")),
        "wandbRetrain77", "spec.onDrift.retrain.template.hyperparameters[wandb_api_key]"));
    c.add(rejected("secret in a monitor's tag", monitor("dqm-tag",
        s -> s.tags.put("github_token", "ghp_M0nitorTagTok")),
        "ghp_M0nitorTagTok", "spec.tags[github_token]"));

    // Admitted under Audit and run: the emulator's training container prints them.
    c.add(new Case("parse failure and map of a declared password", job(AUDITED, "hp-parse",
        s -> s.hyperparameters.put("db_password", DECLARED)), null, List.of(DECLARED),
        Outcome.FORWARDED, "Failed to parse hyperparameter objective value binary:logistic "
            + "to Json."));
    c.add(new Case("db_pass inside the Hyperparameters line", job(AUDITED, "hp-pass",
        s -> s.hyperparameters.put("db_pass", "PlainPass99")), null, List.of("PlainPass99"),
        Outcome.FORWARDED, "num_round=100"));
    // Longer than SageMaker allows: the CRD says so, so the schema gate refuses it first,
    // even under Audit, without quoting it.
    c.add(new Case("a value too long for SageMaker", job(AUDITED, "hp-too-long",
        s -> s.hyperparameters.put("notes", "password=Sup3rS3cretPw " + "x".repeat(2500))),
        null, List.of("Sup3rS3cretPw"), Outcome.REJECTED_BY_SCHEMA, "spec.hyperparameters[notes]"
            + ": Too long: may not be longer than 2500 characters (has 2523)"));
    // A line break: the CRD admits it, SageMaker's pattern '.*' does not and quotes the map.
    c.add(new Case("SageMaker's refusal quoting the value", job(AUDITED, "hp-line-break",
        s -> s.hyperparameters.put("notes", "password=L1neBreakPw\nsecond line")),
        null, List.of("L1neBreakPw"), Outcome.REFUSED_BY_SAGEMAKER, "at 'hyperParameters'"));
    c.add(new Case("declared values of the job the lines come from", job(AUDITED, FORMATS_JOB,
        s -> {
          s.hyperparameters.put("db_password", DECLARED);
          s.hyperparameters.put("api_token", QUOTED_TOKEN);
        }), null, List.of(DECLARED, QUOTED_TOKEN), Outcome.FORWARDED, "eta=0.2"));

    // Lines in the formats real training containers print, written into that job's stream.
    c.add(injected("Python dict repr", "Hyperparameters: {'db_password': '" + DECLARED
        + "', 'max_tokens': '512'}", DECLARED, "'max_tokens': '512'"));
    c.add(injected("SM_HPS JSON", "SM_HPS={\"db_password\":\"" + DECLARED
        + "\",\"tokenizer\":\"bert\"}", DECLARED, "\"tokenizer\":\"bert\""));
    c.add(injected("SM_USER_ARGS list", "SM_USER_ARGS=[\"--db_password\",\"" + DECLARED
        + "\",\"--num_passes\",\"3\"]", DECLARED, "\"--num_passes\",\"3\""));
    c.add(injected("argparse command line", "Invoking script with the following command: "
        + "/opt/conda/bin/python train.py --db-password Undeclared9Pw --max-tokens 512",
        "Undeclared9Pw", "--max-tokens 512"));
    c.add(injected("SM_HP environment variable", "SM_HP_DB_PASSWORD=Undeclared8Pw "
        + "SM_HP_MAX_TOKENS=512", "Undeclared8Pw", "SM_HP_MAX_TOKENS=512"));
    c.add(injected("value for hyperparameter", "ValueError: invalid value 'Undeclared7 Pw' for "
        + "hyperparameter 'db_password'; eta=0.2", "Undeclared7 Pw", "eta=0.2"));
    c.add(injected("declared value with no name beside it", "connecting to the warehouse as "
        + "svc_fraud using " + DECLARED, DECLARED, "as svc_fraud using"));
    c.add(injected("declared value in another letter case", "DEBUG creds "
        + DECLARED.toUpperCase(), DECLARED, "DEBUG creds"));
    c.add(injected("declared value JSON-escaped", "{\"event\": \"auth\", \"detail\": \"using "
        + QUOTED_TOKEN.replace("\"", "\\\"") + " now\", \"max_tokens\": 512}", QUOTED_TOKEN,
        "\"max_tokens\": 512"));
    c.add(injected("bearer token", "curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig' "
        + "https://api.example.org", "eyJhbGciOiJIUzI1NiJ9", "https://api.example.org"));
    c.add(injected("pip index URL", "pip install --index-url https://ci:PipPassw0rd@pypi.corp/"
        + "simple xgboost==1.7", "PipPassw0rd", "xgboost==1.7"));
    c.add(injected("AWS access key id", "using AKIAIOSFODNN7EXAMPLE for s3://fraud-data/",
        "AKIAIOSFODNN7EXAMPLE", "for s3://fraud-data/"));
    c.add(injected("private key", "loaded key -----BEGIN PRIVATE KEY-----\nMIIEvQPemSecret\n"
        + "-----END PRIVATE KEY-----", "MIIEvQPemSecret", "loaded key"));
    return c;
  }

  private static Case rejected(String id, HasMetadata resource, String secret, String field) {
    return new Case(id, resource, null, List.of(secret), Outcome.REJECTED, field);
  }

  /** @param refusal the field and the schema's words, e.g. {@code spec.x: Invalid value: ...} */
  private static Case rejectedBySchema(String id, HasMetadata resource, String secret,
      String refusal) {
    return new Case(id, resource, null, List.of(secret), Outcome.REJECTED_BY_SCHEMA, refusal);
  }

  private static Case injected(String id, String line, String secret, String neighbour) {
    return new Case(id, null, line, List.of(secret), Outcome.INJECTED, neighbour);
  }

  private static SecureTrainingJob job(String name, Consumer<TrainingJobTemplateSpec> change) {
    return job(ENFORCED, name, change);
  }

  private static SecureTrainingJob job(String namespace, String name,
      Consumer<TrainingJobTemplateSpec> change) {
    SecureTrainingJob job = TestManifests.compliantJob(name);
    job.getMetadata().setNamespace(namespace);
    change.accept(job.getSpec());
    return job;
  }

  private static ModelEndpoint endpoint(String name, Consumer<ModelEndpointSpec> change) {
    ModelEndpoint endpoint = TestManifests.explicitEndpoint(name);
    change.accept(endpoint.getSpec());
    return endpoint;
  }

  private static DataQualityMonitor monitor(String name,
      Consumer<DataQualityMonitorSpec> change) {
    DataQualityMonitor monitor = TestManifests.exampleMonitor(name);
    change.accept(monitor.getSpec());
    return monitor;
  }

  @BeforeAll
  static void applyEveryCase() {
    originalErr = System.err;
    // As Main does: the operator's own log goes through the redactor to stderr, captured here.
    System.setErr(RedactingPrintStream.wrap(new PrintStream(
        new Tee(OPERATOR_LOG, originalErr), true, StandardCharsets.UTF_8)));
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(20));
    h.apply(TestManifests.exampleNamespace());
    CompliancePolicy enforced = TestManifests.examplePolicy();
    enforced.getSpec().rules.add(new CompliancePolicySpec.Rule("no-cel-message",
        "metadata.name != 'cel-message'",
        "ask the platform team for access; temporary password=CelRulePassw0rd"));
    h.apply(enforced);
    h.apply(new NamespaceBuilder().withNewMetadata().withName(AUDITED)
        .withLabels(Map.of("secureml.dev/team", AUDITED)).endMetadata().build());
    CompliancePolicy audited = TestManifests.examplePolicy();
    audited.getMetadata().setName("fraud-audit-team");
    audited.getSpec().namespaceSelector.setMatchLabels(Map.of("secureml.dev/team", AUDITED));
    audited.getSpec().enforcement = Enforcement.Audit;
    h.apply(audited);
    CASES.stream().filter(c -> c.resource() != null).forEach(c -> h.apply(c.resource()));
    injectLines();
  }

  /** Writes the INJECTED lines into a stream of the running formats job, as its container. */
  private static void injectLines() {
    String jobName = await().atMost(Duration.ofSeconds(30)).until(() -> {
      SecureTrainingJob j = h.client.resources(SecureTrainingJob.class).inNamespace(AUDITED)
          .withName(FORMATS_JOB).get();
      return j == null || j.getStatus() == null ? null : j.getStatus().trainingJobName;
    }, n -> n != null);
    String stream = jobName + "/algo-9-injected";
    long now = System.currentTimeMillis();
    List<InputLogEvent> events = new ArrayList<>();
    for (Case c : CASES) {
      if (c.outcome() == Outcome.INJECTED) {
        events.add(InputLogEvent.builder().timestamp(now).message(marker(c) + c.line()).build());
      }
    }
    try (CloudWatchLogsClient logs = AwsTestClients.logs(h.emulator.endpoint())) {
      try {
        logs.createLogGroup(r -> r.logGroupName(GROUP)); // before the job's first line
      } catch (ResourceAlreadyExistsException e) {
        // the job has written already
      }
      logs.createLogStream(r -> r.logGroupName(GROUP).logStreamName(stream));
      logs.putLogEvents(r -> r.logGroupName(GROUP).logStreamName(stream).logEvents(events));
    }
  }

  private static String marker(Case c) {
    return "[case " + CASES.indexOf(c) + "] ";
  }

  @AfterAll
  static void stop() {
    System.setErr(originalErr);
    if (h != null) {
      h.close();
    }
  }

  static Stream<Case> secretCases() {
    return CASES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secretCases")
  void theSecretAppearsNowhereTheClusterShowsItAndItsNeighbourStaysReadable(Case c) {
    switch (c.outcome()) {
      case REJECTED -> assertRejectedNamingTheField(c, "PolicyViolation");
      case REJECTED_BY_SCHEMA -> assertRejectedNamingTheField(c, "SchemaViolation");
      case FORWARDED -> assertForwardedWithItsNeighbour(c);
      case INJECTED -> assertInjectedLineForwardedWithItsNeighbour(c);
      case REFUSED_BY_SAGEMAKER -> assertRefusedBySageMaker(c);
    }
    String namespace = c.resource() == null ? AUDITED : c.resource().getMetadata().getNamespace();
    String status = status(namespace, c).toString();
    String events = String.join("\n", h.eventsFor(c.name()).stream()
        .map(Event::getMessage).toList());
    String forwarded = String.join("\n", h.forwarded.stream().map(ForwardedLine::message)
        .toList());
    String operatorLog = OPERATOR_LOG.toString(StandardCharsets.UTF_8);
    String metrics = h.registry.scrape();
    for (String secret : c.secrets()) {
      assertThat(status).as("status").doesNotContainIgnoringCase(secret);
      assertThat(events).as("Events").doesNotContainIgnoringCase(secret);
      assertThat(forwarded).as("forwarded lines").doesNotContainIgnoringCase(secret);
      assertThat(operatorLog).as("operator log").doesNotContainIgnoringCase(secret);
      assertThat(metrics).as("metrics").doesNotContainIgnoringCase(secret);
    }
  }

  private static void assertRejectedNamingTheField(Case c, String reason) {
    JsonNode status = awaitStatus(c, s -> "Rejected".equals(s.path("phase").asText()));
    JsonNode stalled = condition(status, "Stalled");
    assertThat(stalled.path("status").asText()).isEqualTo("True");
    assertThat(stalled.path("reason").asText()).isEqualTo(reason);
    assertThat(stalled.path("message").asText()).contains(c.neighbour());
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(h.eventsFor(c.name()))
        .anySatisfy(e -> assertThat(e.getMessage()).contains(c.neighbour())));
    assertThat(sageMakerNamesContaining(c.name())).isEmpty();
  }

  private static void assertForwardedWithItsNeighbour(Case c) {
    awaitStatus(c, s -> "Completed".equals(s.path("phase").asText())
        && s.path("logs").path("streams").size() > 0
        && allFinished(s.path("logs").path("streams")));
    JsonNode compliant = condition(status(AUDITED, c), "Compliant");
    assertThat(compliant.path("reason").asText()).isEqualTo("AuditViolations");
    assertThat(linesOf(c.name())).anySatisfy(l -> assertThat(l).contains(c.neighbour()));
    assertThat(linesOf(c.name())).anySatisfy(l -> assertThat(l).contains("***"));
  }

  private static void assertInjectedLineForwardedWithItsNeighbour(Case c) {
    String line = await().atMost(Duration.ofSeconds(60)).until(() -> linesOf(FORMATS_JOB)
        .stream().filter(l -> l.startsWith(marker(c))).findFirst().orElse(null), l -> l != null);
    assertThat(line).contains(c.neighbour()).contains("***");
  }

  private static void assertRefusedBySageMaker(Case c) {
    JsonNode status = awaitStatus(c, s -> "Error".equals(s.path("phase").asText()));
    JsonNode stalled = condition(status, "Stalled");
    assertThat(stalled.path("reason").asText()).isEqualTo("SageMakerValidation");
    assertThat(stalled.path("message").asText()).contains(c.neighbour()).contains("***");
  }

  private static JsonNode awaitStatus(Case c, java.util.function.Predicate<JsonNode> done) {
    String namespace = c.resource().getMetadata().getNamespace();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> done.test(status(namespace, c)));
    return status(namespace, c);
  }

  private static JsonNode status(String namespace, Case c) {
    HasMetadata template = c.resource() != null ? c.resource() : TestManifests.compliantJob("x");
    HasMetadata current = h.client.resources(template.getClass()).inNamespace(namespace)
        .withName(c.name()).get();
    return current == null ? MAPPER.createObjectNode()
        : MAPPER.valueToTree(current).path("status");
  }

  private static JsonNode condition(JsonNode status, String type) {
    for (JsonNode condition : status.path("conditions")) {
      if (type.equals(condition.path("type").asText())) {
        return condition;
      }
    }
    return MAPPER.createObjectNode();
  }

  private static boolean allFinished(JsonNode streams) {
    for (JsonNode s : streams) {
      if (!s.path("finished").asBoolean()) {
        return false;
      }
    }
    return true;
  }

  private static List<String> linesOf(String name) {
    return h.forwarded.stream().filter(l -> l.name().equals(name))
        .map(ForwardedLine::message).toList();
  }

  /** Every SageMaker resource whose name contains the resource's name, of every kind. */
  private static List<String> sageMakerNamesContaining(String name) {
    try (SageMakerClient sm = AwsTestClients.sageMaker(h.emulator.endpoint())) {
      List<String> found = new ArrayList<>();
      sm.listTrainingJobs(r -> r.nameContains(name)).trainingJobSummaries()
          .forEach(j -> found.add(j.trainingJobName()));
      sm.listModels(r -> r.nameContains(name)).models().forEach(m -> found.add(m.modelName()));
      sm.listEndpointConfigs(r -> r.nameContains(name)).endpointConfigs()
          .forEach(e -> found.add(e.endpointConfigName()));
      sm.listEndpoints(r -> r.nameContains(name)).endpoints()
          .forEach(e -> found.add(e.endpointName()));
      sm.listMonitoringSchedules(r -> r.nameContains(name)).monitoringScheduleSummaries()
          .forEach(s -> found.add(s.monitoringScheduleName()));
      return found;
    }
  }

  /** Writes to both streams: the capture for the assertions, stderr for whoever watches. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }

    @Override
    public void flush() throws java.io.IOException {
      first.flush();
      second.flush();
    }
  }
}
