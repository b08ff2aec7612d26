package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secureml.operator.sagemaker.SageMakerNames.Part;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SageMakerNamesTest {
  private static final String UID = "5f1c2d3e-0000-4000-8000-000000000001";
  private static final ResourceOwner OWNER =
      new ResourceOwner("fraud-models", "bank-failure-xgb", UID);

  @Test
  void joinsNamespaceNameAndTwelveHexOfTheUidHash() {
    String name = SageMakerNames.forResource("fraud-models", "bank-failure-xgb", UID);

    // The uid is hashed as "<length>:<uid>;", like every field of a part.
    assertThat(name).isEqualTo("fraud-models-bank-failure-xgb-" + sha256Hex("36:" + UID + ";"));
    assertThat(name).matches("fraud-models-bank-failure-xgb-[0-9a-f]{12}");
    assertThat(SageMakerNames.isValid(name)).isTrue();
    assertThat(SageMakerNames.forResource(OWNER)).isEqualTo(name);
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
    String result = SageMakerNames.forResource("a".repeat(63), "b".repeat(253), UID);

    assertThat(result).hasSize(63);
    assertThat(result).startsWith("a".repeat(50) + "-").matches(".*-[0-9a-f]{12}");
    assertThat(SageMakerNames.isValid(result)).isTrue();
  }

  @Test
  void neverLeavesADashBeforeTheHashWhenCutting() {
    // 49 chars then '-' at index 49: the cut at 50 would end the readable part with '-'.
    String result = SageMakerNames.forResource("n".repeat(49), "model", UID);

    assertThat(result).matches("n{49}-[0-9a-f]{12}");
    assertThat(result).doesNotContain("--");
  }

  @Test
  void dropsTrailingDashesLeftByReplacedDots() {
    String result = SageMakerNames.forResource("x".repeat(44), "a.....b", UID);
    // "xxx...-a....." is cut at 50 and ends with dashes that must go.
    assertThat(result).matches("x{44}-a-[0-9a-f]{12}");
  }

  @Test
  void requiresAllParts() {
    assertThatThrownBy(() -> SageMakerNames.forResource("ns", "job", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SageMakerNames.forResource(null, "job", UID))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SageMakerNames.forPart(OWNER, Part.MODEL, "v", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPartIsTheOwnersNameAndLabelWithAHashOfOwnerKindLabelAndContent() {
    String name = SageMakerNames.forPart(OWNER, Part.MODEL, "AllTraffic", "{\"a\":1}");

    assertThat(name).matches("fraud-models-bank-failure-xgb-AllTraffic-[0-9a-f]{12}");
    assertThat(SageMakerNames.forPart(OWNER, Part.MODEL, "AllTraffic", "{\"a\":1}"))
        .isEqualTo(name);
    assertThat(SageMakerNames.forPart(OWNER, Part.MODEL, "AllTraffic", "{\"a\":2}"))
        .as("other content").isNotEqualTo(name);
    assertThat(SageMakerNames.forPart(new ResourceOwner("fraud-models", "bank-failure-xgb",
        UID + "x"), Part.MODEL, "AllTraffic", "{\"a\":1}")).as("other owner").isNotEqualTo(name);
    assertThat(SageMakerNames.forPart(OWNER, Part.ENDPOINT_CONFIG, "AllTraffic", "{\"a\":1}"))
        .as("other kind").isNotEqualTo(name);
  }

  @Test
  void theSameReadablePartNeverMeansTheSameName() {
    // "a-b" + "c" and "a" + "b-c" read the same; only the uid tells them apart, and does.
    String one = SageMakerNames.forPart(new ResourceOwner("a-b", "c", "u1"), Part.MODEL, "v",
        "x");
    String two = SageMakerNames.forPart(new ResourceOwner("a", "b-c", "u2"), Part.MODEL, "v",
        "x");

    assertThat(one.substring(0, one.length() - 12)).isEqualTo(two.substring(0, two.length() - 12));
    assertThat(one).isNotEqualTo(two);
  }

  @Test
  void fieldsAreHashedUnambiguously() {
    // Without length prefixes, label "ab" + content "c" would hash like label "a" + "bc".
    assertThat(SageMakerNames.hash("ab", "c")).isNotEqualTo(SageMakerNames.hash("a", "bc"));
  }

  @Test
  void aLongOwnerNameLeavesTheLabelTwentyCharacters() {
    ResourceOwner longOwner = new ResourceOwner("n".repeat(63), "m".repeat(253), UID);
    String name = SageMakerNames.forPart(longOwner, Part.MODEL, "v".repeat(63), "content");

    assertThat(name).hasSize(63).matches("n{29}-v{20}-[0-9a-f]{12}");
  }

  @Test
  void aPartWithoutLabelUsesTheWholeRoomForTheOwnerName() {
    String name = SageMakerNames.forPart(new ResourceOwner("n".repeat(63), "m", UID),
        Part.ENDPOINT_CONFIG, null, "content");

    assertThat(name).hasSize(63).matches("n{50}-[0-9a-f]{12}");
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

  private static String sha256Hex(String text) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d).substring(0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
