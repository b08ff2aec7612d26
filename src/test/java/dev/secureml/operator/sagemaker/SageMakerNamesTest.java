package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SageMakerNamesTest {
  private static final String UID = "5f1c2d3e-0000-4000-8000-000000000001";

  @Test
  void joinsNamespaceNameAndSixHexOfTheUidHash() {
    String name = SageMakerNames.forResource("fraud-models", "bank-failure-xgb", UID);

    // sha256("5f1c2d3e-0000-4000-8000-000000000001") starts with these six hex digits.
    assertThat(name).isEqualTo("fraud-models-bank-failure-xgb-" + sha256Prefix(UID));
    assertThat(name).matches("fraud-models-bank-failure-xgb-[0-9a-f]{6}");
    assertThat(SageMakerNames.isValid(name)).isTrue();
  }

  @Test
  void isDeterministicAndDependsOnTheUid() {
    String a = SageMakerNames.forResource("ns", "job", UID);
    assertThat(SageMakerNames.forResource("ns", "job", UID)).isEqualTo(a);
    assertThat(SageMakerNames.forResource("ns", "job", UID + "x")).isNotEqualTo(a);
  }

  @Test
  void replacesDotsAndUnderscores() {
    String name = SageMakerNames.forResource("team.a", "job_v1.2", UID);
    assertThat(name).startsWith("team-a-job-v1-2-");
    assertThat(SageMakerNames.isValid(name)).isTrue();
  }

  @Test
  void cutsLongNamesToSixtyThreeCharactersKeepingTheHash() {
    String namespace = "a".repeat(63);
    String name = "b".repeat(253);
    String result = SageMakerNames.forResource(namespace, name, UID);

    assertThat(result).hasSize(63);
    assertThat(result).startsWith("a".repeat(56)).endsWith("-" + sha256Prefix(UID));
    assertThat(SageMakerNames.isValid(result)).isTrue();
  }

  @Test
  void neverLeavesADashBeforeTheHashWhenCutting() {
    // 55 chars then '-' at index 55: the cut at 56 would end the base with '-'.
    String namespace = "n".repeat(55);
    String result = SageMakerNames.forResource(namespace, "model", UID);

    assertThat(result).isEqualTo("n".repeat(55) + "-" + sha256Prefix(UID));
    assertThat(result).doesNotContain("--");
    assertThat(SageMakerNames.isValid(result)).isTrue();
  }

  @Test
  void dropsTrailingDashesLeftByReplacedDots() {
    String namespace = "x".repeat(50);
    String result = SageMakerNames.forResource(namespace, "a.....b", UID);
    // base "xxx...-a....." is cut at 56 -> ends with dashes that must go.
    assertThat(result).isEqualTo("x".repeat(50) + "-a-" + sha256Prefix(UID));
    assertThat(SageMakerNames.isValid(result)).isTrue();
  }

  @Test
  void requiresAllParts() {
    assertThatThrownBy(() -> SageMakerNames.forResource("ns", "job", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SageMakerNames.forResource(null, "job", UID))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void contentNamesJoinTheBaseAndSixHexOfTheContentHash() {
    String base = SageMakerNames.forResource("fraud-models", "bank-failure-drift", UID);

    String name = SageMakerNames.forContent(base, "{\"a\":1}");

    assertThat(name).isEqualTo(base + "-" + sha256Prefix("{\"a\":1}"));
    assertThat(SageMakerNames.forContent(base, "{\"a\":1}")).isEqualTo(name);
    assertThat(SageMakerNames.forContent(base, "{\"a\":2}")).isNotEqualTo(name);
  }

  @Test
  void contentNamesCutTheBaseToKeepTheHash() {
    String base = SageMakerNames.forResource("n".repeat(63), "m".repeat(200), UID);

    String name = SageMakerNames.forContent(base, "content");

    assertThat(base).hasSize(63);
    assertThat(name).hasSize(63).isEqualTo(base.substring(0, 56) + "-" + sha256Prefix("content"));
    assertThat(SageMakerNames.isValid(name)).isTrue();
  }

  @Test
  void contentNamesNeverLeaveADashBeforeTheHash() {
    String name = SageMakerNames.forContent("a".repeat(55) + "-b.c", "x");

    assertThat(name).isEqualTo("a".repeat(55) + "-" + sha256Prefix("x"));
    assertThat(SageMakerNames.isValid(name)).isTrue();
    assertThatThrownBy(() -> SageMakerNames.forContent(null, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
      "a, true",
      "job-1, true",
      "a--b, true",
      "-a, false",
      "a-, false",
      "a_b, false",
      "a.b, false",
      "'', false"})
  void validatesAgainstSageMakersPattern(String candidate, boolean valid) {
    assertThat(SageMakerNames.isValid(candidate)).isEqualTo(valid);
  }

  @Test
  void rejectsNamesLongerThanSixtyThree() {
    assertThat(SageMakerNames.isValid("a".repeat(63))).isTrue();
    assertThat(SageMakerNames.isValid("a".repeat(64))).isFalse();
    assertThat(SageMakerNames.isValid(null)).isFalse();
  }

  private static String sha256Prefix(String text) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return String.format("%02x%02x%02x", d[0], d[1], d[2]);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
