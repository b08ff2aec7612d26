package dev.secureml.operator.policy;

import static dev.secureml.operator.policy.Fixtures.FRAUD_NS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.api.Enforcement;
import dev.secureml.operator.api.TrainingJobTemplateSpec;
import dev.secureml.operator.local.sandbox.TestManifests;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Secrets written inline into what SageMaker shows to every caller of Describe* are refused,
 * naming the field and never quoting the value; harmless names and values pass.
 */
class InlineSecretsTest {
  private static final PolicyEngine ENGINE = new PolicyEngine();
  private static final List<CompliancePolicy> POLICIES = List.of(Fixtures.policy());

  private static Decision<?> training(Consumer<TrainingJobTemplateSpec> change) {
    return ENGINE.evaluateTrainingJob(Fixtures.job(change::accept), FRAUD_NS, POLICIES);
  }

  private static Decision<?> endpoint(String key, String value) {
    return ENGINE.evaluateModelEndpoint(Fixtures.endpoint(s -> s.environment.put(key, value)),
        FRAUD_NS, POLICIES);
  }

  private static Decision<?> retrain(Consumer<TrainingJobTemplateSpec> change) {
    return ENGINE.evaluateDataQualityMonitor(Fixtures.monitor(s -> {
      s.onDrift = new DataQualityMonitorSpec.OnDrift();
      s.onDrift.retrain = new DataQualityMonitorSpec.Retrain();
      s.onDrift.retrain.template = Fixtures.job().getSpec();
      change.accept(s.onDrift.retrain.template);
    }), FRAUD_NS, POLICIES);
  }

  static Stream<Arguments> inlineSecrets() {
    return Stream.of(
        Arguments.of("hyperparameter named like a password", "Hunter2Secret",
            training(s -> s.hyperparameters.put("db_password", "Hunter2Secret")),
            "spec.hyperparameters[db_password]",
            "hyperparameter db_password is named like a secret, and SageMaker shows "
                + "hyperparameter values to anyone allowed to call DescribeTrainingJob"),
        Arguments.of("hyperparameter ending in pass", "PlainPass99",
            training(s -> s.hyperparameters.put("db_pass", "PlainPass99")),
            "spec.hyperparameters[db_pass]", "hyperparameter db_pass is named like a secret"),
        Arguments.of("camelCase api key", "wandb-key-123456",
            training(s -> s.hyperparameters.put("wandbApiKey", "wandb-key-123456")),
            "spec.hyperparameters[wandbApiKey]", "hyperparameter wandbApiKey"),
        Arguments.of("URL with a password under a harmless name", "Url5ecretPw",
            training(s -> s.hyperparameters.put("db_url", "postgres://app:Url5ecretPw@db/x")),
            "spec.hyperparameters[db_url]",
            "the value of hyperparameter db_url holds a password in a URL"),
        Arguments.of("access key id under a harmless name", "AKIAIOSFODNN7EXAMPLE",
            training(s -> s.hyperparameters.put("aws_key_id", "AKIAIOSFODNN7EXAMPLE")),
            "spec.hyperparameters[aws_key_id]",
            "the value of hyperparameter aws_key_id holds an AWS access key id"),
        Arguments.of("private key in a hyperparameter", "MIIEowIBAAKCAQEA",
            training(s -> s.hyperparameters.put("cert",
                "-----BEGIN RSA PRIVATE KEY-----MIIEowIBAAKCAQEA")),
            "spec.hyperparameters[cert]", "holds a private key"),
        Arguments.of("training environment token", "hf_SecretTok3n",
            training(s -> s.environment.put("HF_TOKEN", "hf_SecretTok3n")),
            "spec.environment[HF_TOKEN]", "environment variable HF_TOKEN is named like a "
                + "secret, and SageMaker shows environment variable values to anyone allowed to "
                + "call DescribeTrainingJob"),
        Arguments.of("secret in a training tag", "TagT0kenValue",
            training(s -> s.tags.put("api-token", "TagT0kenValue")),
            "spec.tags[api-token]", "tag api-token is named like a secret, and SageMaker shows "
                + "tag values to anyone allowed to call ListTags"),
        Arguments.of("endpoint environment secret", "EndpointPassw0rd",
            endpoint("DB_PASSWORD", "EndpointPassw0rd"),
            "spec.environment[DB_PASSWORD]", "environment variable DB_PASSWORD is named like a "
                + "secret, and SageMaker shows environment variable values to anyone allowed "
                + "to call DescribeModel"),
        Arguments.of("retrain template hyperparameter", "RetrainSecret1",
            retrain(s -> s.hyperparameters.put("client_secret", "RetrainSecret1")),
            "spec.onDrift.retrain.template.hyperparameters[client_secret]",
            "hyperparameter client_secret is named like a secret"),
        Arguments.of("retrain template environment", "RetrainEnvPw1",
            retrain(s -> s.environment.put("PGPASSWORD", "RetrainEnvPw1")),
            "spec.onDrift.retrain.template.environment[PGPASSWORD]",
            "environment variable PGPASSWORD is named like a secret"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inlineSecrets")
  void refusesInlineSecretsNamingTheFieldWithoutQuotingTheValue(String behaviour, String secret,
      Decision<?> decision, String field, String message) {
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.violations()).filteredOn(v -> v.rule().equals(InlineSecrets.RULE))
        .singleElement().satisfies(v -> {
          assertThat(v.field()).isEqualTo(field);
          assertThat(v.message()).contains(message)
              .contains("AWS Secrets Manager or SSM Parameter Store");
        });
    assertThat(decision.summary()).doesNotContainIgnoringCase(secret);
  }

  @Test
  void harmlessNamesAndValuesPass() {
    Decision<?> decision = training(s -> {
      s.hyperparameters.put("max_tokens", "512");
      s.hyperparameters.put("tokenizer", "bert-base-uncased");
      s.hyperparameters.put("num_passes", "3");
      s.hyperparameters.put("pad_token", "[PAD]");
      s.hyperparameters.put("password_file", "/opt/ml/input/config/pw");
      s.hyperparameters.put("data_url", "https://example.org/data.csv");
      s.environment.put("SECRET_ARN", "arn:aws:secretsmanager:us-east-1:111122223333:secret:db");
    });
    assertThat(decision.violations()).isEmpty();
    assertThat(decision.allowed()).isTrue();
  }

  @Test
  void auditReportsAnInlineSecretWithoutRefusing() {
    Decision<?> decision = ENGINE.evaluateTrainingJob(
        Fixtures.job(s -> s.hyperparameters.put("db_password", "Hunter2Secret")), FRAUD_NS,
        List.of(Fixtures.policy(p -> p.enforcement = Enforcement.Audit)));
    assertThat(decision.allowed()).isTrue();
    assertThat(decision.violations()).extracting(Violation::rule)
        .containsExactly(InlineSecrets.RULE);
  }

  @Test
  void theShippedExamplesCarryNoInlineSecret() {
    CompliancePolicy policy = TestManifests.examplePolicy();
    Namespace ns = TestManifests.exampleNamespace();
    NamespaceInfo info = new NamespaceInfo(ns.getMetadata().getName(),
        ns.getMetadata().getLabels());
    List<Violation> found = Stream.of(
            ENGINE.evaluateTrainingJob(TestManifests.compliantJob("a"), info, List.of(policy)),
            ENGINE.evaluateTrainingJob(TestManifests.nonCompliantJob("b"), info,
                List.of(policy)),
            ENGINE.evaluateModelEndpoint(TestManifests.exampleEndpoint("c"), info,
                List.of(policy)),
            ENGINE.evaluateDataQualityMonitor(TestManifests.exampleMonitor("d"), info,
                List.of(policy)))
        .flatMap(d -> d.violations().stream())
        .filter(v -> v.rule().equals(InlineSecrets.RULE)).toList();
    assertThat(found).isEmpty();
  }
}
