package dev.secureml.operator.policy;

import static dev.secureml.operator.policy.ParserMessages.COMPONENTS;
import static dev.secureml.operator.policy.ParserMessages.IMAGE_CREDENTIALS;
import static dev.secureml.operator.policy.ParserMessages.NO_REGISTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The OCI reference grammar for images: what it accepts, and why it refuses the rest. */
class ImageReferenceTest {
  private static final String ECR = "111122223333.dkr.ecr.us-east-1.amazonaws.com";
  private static final String R = ECR + "/approved/";
  private static final String SHA = "sha256:" + "0123456789abcdef".repeat(4);

  static Stream<Arguments> wellFormed() {
    return Stream.of(
        arguments(R + "xgboost:1.7-1", ECR, List.of("approved", "xgboost"), "1.7-1", null),
        arguments(R + "xgboost", ECR, List.of("approved", "xgboost"), null, null),
        arguments(R + "a__b---c.d_e:v1_X", ECR, List.of("approved", "a__b---c.d_e"), "v1_X",
            null),
        arguments(R + "x@" + SHA, ECR, List.of("approved", "x"), null, SHA),
        arguments(R + "x:1@" + SHA, ECR, List.of("approved", "x"), "1", SHA),
        // Host names are case-insensitive: compared in lowercase.
        arguments("111122223333.DKR.ecr.us-east-1.amazonaws.com/approved/x:1", ECR,
            List.of("approved", "x"), "1", null),
        arguments("localhost:5000/team/model", "localhost:5000", List.of("team", "model"), null,
            null),
        arguments("[::1]:5000/model:1", "[::1]:5000", List.of("model"), "1", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellFormed")
  void acceptsWellFormedReferences(String image, String registry, List<String> path, String tag,
      String digest) {
    assertThat(ImageReference.parse(image))
        .isEqualTo(new ImageReference(registry, path, tag, digest));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        arguments("", "image is empty"),
        arguments(R + "../evil/miner:1", "image " + R + "../evil/miner:1 has a '..' path "
            + "component" + COMPONENTS),
        arguments(R + "./xgboost:1", "image " + R + "./xgboost:1 has a '.' path component"
            + COMPONENTS),
        arguments(R + "xgboost/..:1", "image " + R + "xgboost/..:1 has a '..' path component"
            + COMPONENTS),
        arguments(R + "..evil:1", "image " + R + "..evil:1 has a path component with a "
            + "misplaced separator (at its start or end, or two in a row other than '__' and '-' "
            + "runs)" + COMPONENTS),
        arguments(R + "%2e%2e/evil:1", "image " + R + "%2e%2e/evil:1 has a character other "
            + "than lowercase letters, digits, '.', '_' and '-' in its repository path"
            + COMPONENTS),
        arguments(R + "..\\evil:1", "image " + R + "..\\evil:1 has a character other than "
            + "lowercase letters, digits, '.', '_' and '-' in its repository path" + COMPONENTS),
        arguments(ECR + "/\u0430pproved/x:1", "image " + ECR + "/\u0430pproved/x:1 has a "
            + "character other than lowercase letters, digits, '.', '_' and '-' in its "
            + "repository path" + COMPONENTS),
        arguments(ECR + "/approved\uff0f..\uff0fevil:1", "image " + ECR + "/approved\uff0f.."
            + "\uff0fevil:1 has a character other than lowercase letters, digits, '.', '_' and "
            + "'-' in its repository path" + COMPONENTS),
        arguments(R + "XGBoost:1", "image " + R + "XGBoost:1 has uppercase letters in its "
            + "repository path" + COMPONENTS),
        arguments(R + "/xgboost:1", "image " + R + "/xgboost:1 has an empty path component "
            + "('//', or '/' before the tag or at the end)" + COMPONENTS),
        arguments(R, "image " + R + " has an empty path component ('//', or '/' before the tag "
            + "or at the end)" + COMPONENTS),
        arguments(R + "xgboost:1 ", "image " + R + "xgboost:1  contains whitespace (U+0020 at "
            + "position " + (R.length() + 9) + ")"),
        arguments(R + "xgb\toost:1", "image " + R + "xgb\\u0009oost:1 contains whitespace "
            + "(U+0009 at position " + (R.length() + 3) + ")"),
        arguments(R + "xgboost:1\nINFO forged", "image " + R + "xgboost:1\\u000AINFO forged "
            + "contains whitespace (U+000A at position " + (R.length() + 9) + ")"),
        arguments(R + "xgboost\u200b:1", "image " + R + "xgboost\\u200B:1 contains an invisible "
            + "or control character (U+200B at position " + (R.length() + 7) + ")"),
        arguments("approved/xgboost:1", "image approved/xgboost:1" + NO_REGISTRY),
        arguments("xgboost", "image xgboost" + NO_REGISTRY),
        arguments("s3://fraud-data/x", "image s3://fraud-data/x has a scheme (://); images are "
            + "<registry>/<repository>[:tag] such as " + ImageReference.EXAMPLE),
        arguments("local_host.io/x", "image local_host.io/x has a registry that is not a host "
            + "name: letters, digits and '-' in dot-separated labels, optionally with :port"),
        arguments("reg.io:99999/x", "image reg.io:99999/x has a registry port that is not a "
            + "number from 0 to 65535"),
        arguments(R + "x:-1", "image " + R + "x:-1 has a tag that is not 1-128 letters, digits, "
            + "'_', '.' or '-' starting with a letter, digit or '_'"),
        arguments(R + "x:" + "t".repeat(129), "image " + R + "x:" + "t".repeat(129) + " has a "
            + "tag that is not 1-128 letters, digits, '_', '.' or '-' starting with a letter, "
            + "digit or '_'"),
        arguments(R + "x@sha256:abc", "image " + R + "x@sha256:abc has a digest that is not "
            + "algorithm:hex (sha256 with 64 lowercase hex digits)"),
        arguments(R + "x@" + SHA.toUpperCase().replace("SHA", "sha"), "image " + R + "x@"
            + SHA.toUpperCase().replace("SHA", "sha") + " has a digest that is not "
            + "algorithm:hex (sha256 with 64 lowercase hex digits)"),
        arguments(R + "a".repeat(250), "image " + (R + "a".repeat(250)).substring(0, 200)
            + "... is 304 characters long; at most 255 are allowed"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("malformed")
  void refusesMalformedReferencesSayingWhatIsWrong(String image, String message) {
    assertThatThrownBy(() -> ImageReference.parse(image))
        .isInstanceOf(InvalidReferenceException.class).hasMessage(message);
  }

  @Test
  void credentialsAreRefusedWithoutQuotingTheImage() {
    for (String image : List.of("admin:hunter2@" + R + "x:1",
        "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY@" + R + "x:1",
        "admin:hunter2@registry.io")) {
      assertThatThrownBy(() -> ImageReference.parse(image))
          .isInstanceOf(InvalidReferenceException.class).hasMessage(IMAGE_CREDENTIALS);
    }
  }

  @Test
  void imagePrefixesParseWithTheSameGrammar() {
    assertThat(ImagePrefix.parse(R)).isEqualTo(
        new ImagePrefix(ECR, List.of("approved"), true, null, null));
    assertThat(ImagePrefix.parse(ECR)).isEqualTo(ImagePrefix.parse(ECR + "/"));
    assertThatThrownBy(() -> ImagePrefix.parse(R + "../"))
        .hasMessage("image " + R + "../ has a '..' path component" + COMPONENTS);
    assertThatThrownBy(() -> ImagePrefix.parse(R + "x:1/"))
        .hasMessage("image " + R + "x:1/ ends with '/' after a tag or digest");
    assertThatThrownBy(() -> ImagePrefix.parse("approved/"))
        .hasMessage("image approved/" + NO_REGISTRY);
  }
}
