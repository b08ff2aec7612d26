package dev.secureml.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogRedactorTest {
  private final LogRedactor redactor = LogRedactor.defaults();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      access key id               | using AKIAIOSFODNN7EXAMPLE now           | using *** now
      temporary key id            | key=ASIAY34FZKBOKMUTVV7A.               | key=***.
      password=                   | db password=hunter2 ok                  | db password=*** ok
      password colon              | Password: hunter2                       | Password: ***
      suffixed key                | DB_PASSWORD=s3cr3t;next                 | DB_PASSWORD=***;next
      aws secret                  | aws_secret_access_key = wJalrXUtnFEMI/K7MDENG | aws_secret_access_key = ***
      api_key                     | api_key=abc123 apikey=def api-key: ghi  | api_key=*** apikey=*** api-key: ***
      token                       | session_token=FwoGZX.IvY                | session_token=***
      json pair                   | `{"password": "p w", "user": "bob"}`    | `{"password": "***", "user": "bob"}`
      single quotes               | secret='a b c'                          | secret='***'
      client secret               | client_secret: xyz                      | client_secret: ***
      bearer                      | Authorization: Bearer eyJhbGciOi.eyJzdWIi.sig== | Authorization: Bearer ***
      url credentials             | pip install -i https://user:pa55@pypi.corp/simple | pip install -i https://user:***@pypi.corp/simple
      pem block                   | key -----BEGIN RSA PRIVATE KEY-----MIIEow...-----END RSA PRIVATE KEY----- end | key *** end
      pem without end             | -----BEGIN PRIVATE KEY-----MIIEvQIBADANBg | ***
      token counts untouched      | max_tokens=512 num_tokens: 20 tokenizer=bert | max_tokens=512 num_tokens: 20 tokenizer=bert
      ordinary training line      | [10]#011train-logloss:0.43  validation-auc:0.91 | [10]#011train-logloss:0.43  validation-auc:0.91
      key id mid-word untouched   | XAKIAIOSFODNN7EXAMPLE                   | XAKIAIOSFODNN7EXAMPLE
      """)
  void masksSecretsAndKeepsEverythingElse(String what, String line, String expected) {
    assertThat(redactor.redact(line)).isEqualTo(expected);
  }

  @Test
  void multiLinePrivateKeyIsMaskedWhole() {
    String event = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\nabc\n-----END EC PRIVATE KEY-----\nok";
    assertThat(redactor.redact(event)).isEqualTo("***\nok");
  }

  @Test
  void extraPatternsMaskWholeMatchesOrTheirSecretGroup() {
    LogRedactor custom = LogRedactor.withExtraPatterns(
        List.of("acct-\\d{6}", "(?i)pin\\s*#\\s*(?<secret>\\d+)"));
    assertThat(custom.redact("acct-123456 PIN # 9876 password=x"))
        .isEqualTo("*** PIN # *** password=***");
  }

  @Test
  void invalidExtraPatternIsRejectedByName() {
    assertThatThrownBy(() -> LogRedactor.withExtraPatterns(List.of("(unclosed")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(unclosed");
  }

  @Test
  void nullAndEmptyPassThrough() {
    assertThat(redactor.redact(null)).isNull();
    assertThat(redactor.redact("")).isEmpty();
  }
}
