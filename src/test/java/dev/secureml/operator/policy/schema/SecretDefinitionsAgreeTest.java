package dev.secureml.operator.policy.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.CredentialPatterns;
import dev.secureml.operator.api.SecretNames;
import dev.secureml.operator.logs.LogRedactor;
import dev.secureml.operator.policy.QuotedValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The schema check (which hides values in its messages), the policy's quoting of rejected values
 * and the redactor (status, Events, logs) agree on what is a secret name and what is an AWS
 * credential id: a value one of them shows, another must not have hidden, and the other way round.
 */
class SecretDefinitionsAgreeTest {
  private static final LogRedactor REDACTOR = LogRedactor.defaults();
  private static final String PLAIN = "plainvalue7";

  @ParameterizedTest(name = "{0} secret: {1}")
  @CsvSource({
      "hmac_key, true", "signing_key, true", "encryption_key, true", "master_key, true",
      "client_key, true", "account_key, true", "storage_key, true", "ssh_key, true",
      "SENTRY_DSN, true", "db_creds, true", "connection_string, true", "session_key, true",
      "auth_cookie, true", "DB_PASSWORD, true", "dbPassword, true", "api_key, true",
      "hf_token, true", "client_secret, true", "aws_secret_access_key, true",
      "password_file, false", "secret_arn, false", "max_tokens, false", "pad_token, false",
      "kms_key_id, false", "num_round, false", "tokenizer, false", "bypass, false",
      "use_auth, false", "signature_name, false"})
  void everyCallSiteReadsANameTheSameWay(String name, boolean secret) {
    assertThat(SecretNames.looksSecret(name)).isEqualTo(secret);
    assertThat(SecretLikeness.hides(name, PLAIN)).as("schema message").isEqualTo(secret);
    assertThat(REDACTOR.redact(name + "=" + PLAIN)).as("redactor")
        .isEqualTo(secret ? name + "=" + LogRedactor.MASK : name + "=" + PLAIN);
    assertThat(SecretLikeness.hides(null, "x " + name + "=" + PLAIN)).as("pair inside a value")
        .isEqualTo(secret);
  }

  @ParameterizedTest(name = "{0} credential: {1}")
  @CsvSource({
      "AKIAIOSFODNN7EXAMPLE, true", "akiaiosfodnn7example, true", "AkIaIoSfOdNn7ExAmPlE, true",
      "ASIAY34FZKBOKMUTVV7A, true", "asiay34fzkbokmutvv7a, true", "ABIAY34FZKBOKMUTVV7A, true",
      "ACCAY34FZKBOKMUTVV7A, true",
      // Unique ids of principals and policies, not credentials.
      "AROAY34FZKBOKMUTVV7A, false", "AIDAY34FZKBOKMUTVV7A, false",
      "AGPAY34FZKBOKMUTVV7A, false", "ANPAY34FZKBOKMUTVV7A, false",
      // Not a whole key id: a letter before or after, or one character short.
      "XAKIAIOSFODNN7EXAMPLE, false", "AKIAIOSFODNN7EXAMPLEX, false",
      "AKIAIOSFODNN7EXAMPL, false"})
  void everyCallSiteReadsAnAccessKeyIdTheSameWay(String id, boolean credential) {
    String value = "key " + id + " in use";

    assertThat(CredentialPatterns.describe(value).isPresent()).isEqualTo(credential);
    assertThat(SecretLikeness.hides(null, value)).as("schema message").isEqualTo(credential);
    assertThat(QuotedValue.of(value)).as("quoted value")
        .isEqualTo(credential ? "key <access-key-id> in use" : value);
    assertThat(REDACTOR.redact(value)).as("redactor")
        .isEqualTo(credential ? "key " + LogRedactor.MASK + " in use" : value);
  }
}
