package dev.secureml.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a message may repeat of a value someone wrote. */
class QuotedValueTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "s3://admin:S3cretPassw0rd@fraud-data/x/|s3://***@fraud-data/x/",
      "s3://admin:pa/ss@fraud-data/x/|s3://***@fraud-data/x/",
      "admin:hunter2@registry.io/x:1|***@registry.io/x:1",
      "user:pw/with/slash@registry.io/x:1|***@registry.io/x:1",
      "https://user:pw@example.com/x|https://***@example.com/x",
      // An '@' in an S3 key or before a digest is not userinfo.
      "s3://fraud-data/users/alice@bank.com/|s3://fraud-data/users/alice@bank.com/",
      "registry.io:5000/x@sha256:0123456789abcdef0123456789abcdef|"
          + "registry.io:5000/x@sha256:0123456789abcdef0123456789abcdef",
      "evil.io/miner:AKIAIOSFODNN7EXAMPLE|evil.io/miner:<access-key-id>",
      "s3://fraud-data/ASIAY34FZKBOKMUTVV7A/|s3://fraud-data/<access-key-id>/",
      "evil.io/akiaiosfodnn7example/x|evil.io/<access-key-id>/x",
      "secret: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY|secret: <secret>"})
  void masksCredentialsAndAccessKeys(String value, String quoted) {
    assertThat(QuotedValue.of(value)).isEqualTo(quoted);
  }

  @org.junit.jupiter.api.Test
  void showsControlAndInvisibleCharactersAsEscapes() {
    assertThat(QuotedValue.of("a\nINFO forged line")).isEqualTo("a\\u000AINFO forged line");
    assertThat(QuotedValue.of("a\rb\tc\u0000d")).isEqualTo("a\\u000Db\\u0009c\\u0000d");
    assertThat(QuotedValue.of("a\u200bb\u202ec\u2028d")).isEqualTo("a\\u200Bb\\u202Ec\\u2028d");
    assertThat(QuotedValue.of("a b")).isEqualTo("a b");
  }

  @org.junit.jupiter.api.Test
  void cutsLongValues() {
    assertThat(QuotedValue.of("x".repeat(500))).isEqualTo("x".repeat(200) + "...");
  }
}
