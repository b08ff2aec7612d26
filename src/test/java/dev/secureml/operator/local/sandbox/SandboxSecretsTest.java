package dev.secureml.operator.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secrets in rejected manifests never reach the sandbox's console, table or JSON: neither those
 * the policy refuses (an access key id in an image, a declared password) nor those the CRD's
 * schema refuses first (credentials before a bucket).
 */
class SandboxSecretsTest {
  private static final List<String> SECRETS =
      List.of("S3cretPassw0rd", "AKIAIOSFODNN7EXAMPLE", "Hunter2Secret");
  private static final String HOSTILE_JOB = """
      apiVersion: secureml.dev/v1alpha1
      kind: SecureTrainingJob
      metadata: {name: leaky, namespace: fraud-models}
      spec:
        image: AKIAIOSFODNN7EXAMPLE.dkr.ecr.us-east-1.amazonaws.com/approved/xgboost:1.7-1
        hyperparameters: {db_password: Hunter2Secret, max_tokens: "512"}
        inputs:
          - {name: train, s3Uri: "s3://fraud-data/fdic/train/"}
        output: {s3Uri: "s3://fraud-models/artifacts/"}
        resources: {instanceType: ml.m5.xlarge}
        dataClassification: HighlyConfidential
      ---
      apiVersion: secureml.dev/v1alpha1
      kind: SecureTrainingJob
      metadata: {name: leaky-uri, namespace: fraud-models}
      spec:
        image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/xgboost:1.7-1
        inputs:
          - {name: train, s3Uri: "s3://admin:S3cretPassw0rd@fraud-data/x/"}
        output: {s3Uri: "s3://fraud-models/artifacts/"}
        resources: {instanceType: ml.m5.xlarge}
        dataClassification: HighlyConfidential
      """;

  @ParameterizedTest(name = "json output: {0}")
  @ValueSource(booleans = {false, true})
  void aRejectedManifestsSecretsAreMaskedInEverythingPrinted(boolean json, @TempDir Path dir)
      throws Exception {
    Path job = dir.resolve("leaky.yaml");
    Files.writeString(job, HOSTILE_JOB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    var options = new SandboxOptions(List.of(Path.of("examples/00-namespace.yaml"),
        Path.of("examples/01-compliance-policy.yaml"), job), Duration.ofSeconds(60), 50, 0, 0,
        json, false, Path.of("target/test-sandbox.kubeconfig"));

    int exit = new Sandbox(options, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

    String printed = out.toString(StandardCharsets.UTF_8) + progress.toString(
        StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();
    assertThat(printed).contains("Rejected", "PolicyViolation", "spec.image",
        "spec.hyperparameters[db_password]", "SchemaViolation",
        "spec.inputs[0].s3Uri: Invalid value: \"<hidden: looks like a secret>\"");
    SECRETS.forEach(secret -> assertThat(printed).doesNotContainIgnoringCase(secret));
    if (json) {
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"max_tokens\" : \"512\"");
    }
  }
}
