package dev.secureml.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretNamesTest {
  @ParameterizedTest
  @ValueSource(strings = {"password", "db_password", "DB_PASSWORD", "dbPassword", "db-password",
      "db.password", "dbpassword", "db_pass", "DB_PASS", "passwd", "pwd", "mysql_pwd",
      "passphrase", "secret", "client_secret", "clientSecret", "aws_secret_access_key",
      "AWS_SECRET_ACCESS_KEY", "api_key", "apiKey", "APIKey", "apikey", "api-key",
      "wandb_api_key", "private_key", "ssh_key", "hf_token", "HF_TOKEN", "githubToken",
      "session_token", "token", "credentials", "db_creds", "SENTRY_DSN", "connection_string",
      "AccountKey", "Authorization", "SM_HP_DB_PASSWORD", "spark.hadoop.fs.s3a.secret.key"})
  void namesThatSayTheirValueIsASecret(String name) {
    assertThat(SecretNames.looksSecret(name)).isTrue();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"max_tokens", "num_tokens", "max_new_tokens", "tokenizer",
      "tokenizer_name", "tokenizerName", "pad_token", "eos_token", "max_token", "num_passes",
      "num_pass", "bypass", "compass", "password_file", "password_length", "secret_arn",
      "secret_name", "secretName", "api_key_id", "sort_key", "partition_key", "key",
      "kms_key_id", "objective", "eta", "num_round", "SAGEMAKER_MODEL_SERVER_WORKERS",
      "passing_score", "", "_", "--"})
  void harmlessNamesStayHarmless(String name) {
    assertThat(SecretNames.looksSecret(name)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dbPassword", "DB_PASSWORD", "db-password", "db.password",
      "db password", "DbPassword"})
  void everySpellingSplitsIntoTheSameWords(String name) {
    assertThat(SecretNames.words(name)).containsExactly("db", "password");
  }
}
