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
      toolkit parse failure       | Failed to parse hyperparameter db_password value Hunter2Secret to Json. | Failed to parse hyperparameter db_password value *** to Json.
      parse failure, harmless     | Failed to parse hyperparameter objective value binary:logistic to Json. | Failed to parse hyperparameter objective value binary:logistic to Json.
      Java map repr               | Hyperparameters: {db_pass=PlainPass99, eta=0.2, num_passes=3} | Hyperparameters: {db_pass=***, eta=0.2, num_passes=3}
      Python dict repr            | `Hyperparameters: {'db_pass': 'Plain Pass', 'max_tokens': '512'}` | `Hyperparameters: {'db_pass': '***', 'max_tokens': '512'}`
      SM_HPS JSON                 | `SM_HPS={"api_token":"tok-123","tokenizer":"bert"}` | `SM_HPS={"api_token":"***","tokenizer":"bert"}`
      JSON inside a JSON string   | `{"msg": "SM_HPS={\\"db_password\\":\\"Hunter2\\",\\"eta\\":\\"0.2\\"}"}` | `{"msg": "SM_HPS={\\"db_password\\":\\"***\\",\\"eta\\":\\"0.2\\"}"}`
      escaped quote in value      | `{"password": "pa\\"ss", "user": "bob"}` | `{"password": "***", "user": "bob"}`
      SM_HP env variable          | SM_HP_DB_PASSWORD=Hunter2Secret SM_HP_ETA=0.2 | SM_HP_DB_PASSWORD=*** SM_HP_ETA=0.2
      camelCase key               | dbPassword=abc APIKey: def tokenizerName=gpt2 | dbPassword=*** APIKey: *** tokenizerName=gpt2
      argparse space              | train.py --db-password Hunter2Secret --epochs 10 | train.py --db-password *** --epochs 10
      argparse equals             | train.py --db_password=Hunter2Secret --epochs=10 | train.py --db_password=*** --epochs=10
      argparse JSON list          | `SM_USER_ARGS=["--db_password","Hunter2","--epochs","10"]` | `SM_USER_ARGS=["--db_password","***","--epochs","10"]`
      argparse flag before flag   | train.py --use_token --epochs 10       | train.py --use_token --epochs 10
      value for hyperparameter    | Invalid value 'Hunter 2' for hyperparameter 'db_password' | Invalid value '***' for hyperparameter 'db_password'
      value for harmless one      | Invalid value 'abc' for hyperparameter 'eta' | Invalid value 'abc' for hyperparameter 'eta'
      pair behind a harmless key  | Config: password=hunter2               | Config: password=***
      basic auth header           | Authorization: Basic dXNlcjpwYXNz      | Authorization: Basic ***
      url password with @         | postgres://app:p@ss@db.internal:5432/x | postgres://app:***@db.internal:5432/x
      credentials without scheme  | image user:Im4gePassw0rd@registry.example.com/approved/x:1 | image user:***@registry.example.com/approved/x:1
      scp-style git url untouched | git clone git@github.com:org/repo.git INFO:__main__:ok at 10:30 | git clone git@github.com:org/repo.git INFO:__main__:ok at 10:30
      s3 uri credentials          | s3://admin:S3cretPassw0rd@fraud-data/x/ | s3://admin:***@fraud-data/x/
      references stay readable    | password_file=/run/pw secret_arn=arn:aws:x pad_token=[PAD] bypass=true | password_file=/run/pw secret_arn=arn:aws:x pad_token=[PAD] bypass=true
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
  void declaredValuesAreMaskedWhereverTheyAppearWhateverTheFormat() {
    LogRedactor withValues = redactor.withSecretValues(List.of("Hunter2Secret"));
    assertThat(withValues.redact("connecting as svc with Hunter2Secret (from the job spec)"))
        .isEqualTo("connecting as svc with *** (from the job spec)");
    assertThat(withValues.redact("echo HUNTER2SECRET | base64; hunter2secret"))
        .isEqualTo("echo *** | base64; ***");
    assertThat(withValues.redact("args: [\"-p\", \"Hunter2Secret\"]"))
        .isEqualTo("args: [\"-p\", \"***\"]");
  }

  @Test
  void declaredValuesAreMaskedAlsoAsTheyReadJsonEscaped() {
    LogRedactor withValues = redactor.withSecretValues(List.of("pa\"ss\\word"));
    assertThat(withValues.redact("{\"cfg\": \"pa\\\"ss\\\\word\"}"))
        .isEqualTo("{\"cfg\": \"***\"}");
  }

  @Test
  void aLongerValueIsMaskedWholeBeforeAShorterOneInsideIt() {
    LogRedactor withValues = redactor.withSecretValues(List.of("abcdef", "abcdefghij"));
    assertThat(withValues.redact("x abcdefghij y")).isEqualTo("x *** y");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      1       | epoch 1 of 10
      true    | shuffle is true
      adam    | optimizer adam
      12345   | seed 12345
      """)
  void valuesShorterThanTheMinimumAreLeftToThePatterns(String value, String line) {
    assertThat(value.length()).isLessThan(LogRedactor.MIN_SECRET_VALUE_LENGTH);
    assertThat(redactor.withSecretValues(List.of(value)).redact(line)).isEqualTo(line);
  }

  @Test
  void addingValuesKeepsTheValuesAlreadyMasked() {
    LogRedactor both = redactor.withSecretValues(List.of("first-secret"))
        .withSecretValues(List.of("second-secret"));
    assertThat(both.redact("first-secret second-secret")).isEqualTo("*** ***");
    assertThat(both.withSecretValues(List.of())).isSameAs(both);
  }

  @Test
  void secretsInListsWhatThePatternsWouldMask() {
    assertThat(redactor.secretsIn("s3://admin:S3cretPassw0rd@fraud-data/x/ and "
        + "AKIAIOSFODNN7EXAMPLE.dkr.ecr.us-east-1.amazonaws.com/img db_pass=PlainPass99 eta=1"))
        .containsExactlyInAnyOrder("S3cretPassw0rd", "AKIAIOSFODNN7EXAMPLE", "PlainPass99");
  }

  @Test
  void aHugeLineWithoutSeparatorsIsRedactedQuickly() {
    String line = "x".repeat(256 * 1024) + " password=hunter2";
    long start = System.nanoTime();
    assertThat(redactor.redact(line)).endsWith(" password=***");
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }

  @Test
  void nullAndEmptyPassThrough() {
    assertThat(redactor.redact(null)).isNull();
    assertThat(redactor.redact("")).isEmpty();
  }
}
