package dev.secureml.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.api.SecureTrainingJobSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RedactingPrintStreamTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream stream =
      RedactingPrintStream.wrap(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  private final PrintStream originalErr = System.err;

  @AfterEach
  void restoreStderr() {
    System.setErr(originalErr);
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static SecureTrainingJob jobWithPassword(String password) {
    SecureTrainingJob job = new SecureTrainingJob();
    job.setSpec(new SecureTrainingJobSpec());
    job.getSpec().hyperparameters.put("db_password", password);
    return job;
  }

  @Test
  void aPairSplitBetweenFormatAndArgumentIsStillMasked() {
    stream.printf("%s  log %s | password=%s%n", "[1.0s]", "ns/job", "hunter2");
    stream.format("token: %s ok%n", "abc");
    assertThat(printed()).isEqualTo(String.format(
        "[1.0s]  log ns/job | password=***%ntoken: *** ok%n"));
  }

  @Test
  void everyKindOfPrintIsMasked() {
    stream.print("s3://admin:S3cretPassw0rd@fraud-data/x/ ");
    stream.println((Object) "AKIAIOSFODNN7EXAMPLE");
    stream.println("password=x".toCharArray());
    stream.append("api_key=abc\n");
    assertThat(printed()).doesNotContain("S3cretPassw0rd", "AKIAIOSFODNN7EXAMPLE")
        .contains("s3://admin:***@fraud-data/x/ ***", "password=***", "api_key=***");
  }

  @Test
  void withinAResourcesScopeItsDeclaredValuesAreMaskedToo() {
    try (RedactionScope scope = RedactionScope.open(jobWithPassword("Hunter2Secret"))) {
      stream.println("connecting with Hunter2Secret");
    }
    stream.println("outside the scope: Hunter2Secret");
    assertThat(printed()).isEqualTo(String.format(
        "connecting with ***%noutside the scope: Hunter2Secret%n"));
  }

  @Test
  void scopesNestAndRestoreTheOuterOne() {
    try (RedactionScope outer = RedactionScope.open(jobWithPassword("OuterSecret1"))) {
      try (RedactionScope inner = RedactionScope.open(jobWithPassword("InnerSecret1"))) {
        assertThat(RedactionScope.redact("OuterSecret1 InnerSecret1"))
            .isEqualTo("OuterSecret1 ***");
      }
      assertThat(RedactionScope.redact("OuterSecret1")).isEqualTo("***");
    }
    assertThat(RedactionScope.redact("OuterSecret1")).isEqualTo("OuterSecret1");
  }

  @Test
  void theOperatorsOwnLogIsMaskedStackTracesIncluded() {
    System.setErr(stream); // as Main installs it; slf4j-simple looks System.err up per line
    try (RedactionScope scope = RedactionScope.open(jobWithPassword("Hunter2Secret"))) {
      LoggerFactory.getLogger(RedactingPrintStreamTest.class).warn("job {} failed",
          "fraud/x", new IllegalStateException("cannot read s3://admin:S3cretPassw0rd@b/k "
              + "with Hunter2Secret"));
    }
    assertThat(printed()).contains("job fraud/x failed",
            "IllegalStateException: cannot read s3://admin:***@b/k with ***",
            "at dev.secureml.operator.logs.RedactingPrintStreamTest")
        .doesNotContain("S3cretPassw0rd", "Hunter2Secret");
  }

  @Test
  void wrappingTwiceWrapsOnce() {
    assertThat(RedactingPrintStream.wrap(stream)).isSameAs(stream);
  }
}
