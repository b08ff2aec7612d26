package dev.secureml.operator.policy;

import static dev.secureml.operator.policy.ParserMessages.DOTS;
import static dev.secureml.operator.policy.ParserMessages.ENCODED;
import static dev.secureml.operator.policy.ParserMessages.KEY_CHARS;
import static dev.secureml.operator.policy.ParserMessages.S3_CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The strict S3 URI grammar: what it accepts, and the exact reason for what it refuses. */
class S3UriTest {

  @ParameterizedTest(name = "{0} is bucket {1}, key {2}")
  @CsvSource({
      "s3://fraud-data, fraud-data, ''",
      "s3://fraud-data/, fraud-data, ''",
      "s3://fraud-data/fdic/train/, fraud-data, fdic/train/",
      "s3://fraud-models/artifacts/model.tar.gz, fraud-models, artifacts/model.tar.gz",
      "s3://fraud.data.v2/date=2024-01-01/part-0.csv, fraud.data.v2, date=2024-01-01/part-0.csv",
      // A '%' that encodes nothing dangerous stays a literal character, as in Hive's paths.
      "s3://fraud-data/ts=2024-01-01T00%3A00/, fraud-data, ts=2024-01-01T00%3A00/",
      "s3://fraud-data/données/été/, fraud-data, données/été/",
      "s3://fraud-data/users/alice@bank.com/, fraud-data, users/alice@bank.com/",
      "s3://my-ap-abc123-s3alias/x, my-ap-abc123-s3alias, x"})
  void acceptsWellFormedUris(String uri, String bucket, String key) {
    assertThat(S3Uri.parse(uri)).isEqualTo(new S3Uri(bucket, key));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        arguments("", "S3 URI is empty"),
        arguments("fraud-data/x/", "S3 URI fraud-data/x/ is not an s3:// URI; write "
            + "s3://bucket/key"),
        arguments(" s3://fraud-data/x/", "S3 URI  s3://fraud-data/x/ contains whitespace "
            + "(U+0020 at position 0)"),
        arguments("S3://fraud-data/x/", "S3 URI S3://fraud-data/x/ is not an s3:// URI; the "
            + "scheme is lowercase s3://"),
        arguments("https://fraud-data.s3.amazonaws.com/x/", "S3 URI "
            + "https://fraud-data.s3.amazonaws.com/x/ is not an s3:// URI; write s3://bucket/key"),
        arguments("s3://fraud-models/../exfil-bucket/", "S3 URI "
            + "s3://fraud-models/../exfil-bucket/ has a '..'" + DOTS),
        arguments("s3://fraud-data/fdic/./train/", "S3 URI s3://fraud-data/fdic/./train/ has a "
            + "'.'" + DOTS),
        arguments("s3://fraud-data/fdic/.../x", "S3 URI s3://fraud-data/fdic/.../x has a '...'"
            + DOTS),
        arguments("s3://fraud-data/fdic/..", "S3 URI s3://fraud-data/fdic/.. has a '..'" + DOTS),
        arguments("s3://fraud-data/fdic/%2e%2e/exfil/", "S3 URI s3://fraud-data/fdic/%2e%2e/"
            + "exfil/ has the percent-encoded character %2e" + ENCODED),
        arguments("s3://fraud-data/fdic%2Fexfil/", "S3 URI s3://fraud-data/fdic%2Fexfil/ has "
            + "the percent-encoded character %2F" + ENCODED),
        arguments("s3://fraud-data/fdic/%252e%252e/", "S3 URI s3://fraud-data/fdic/%252e%252e/ "
            + "has the percent-encoded character %25" + ENCODED),
        arguments("s3://fraud-data/x%5c..%5cy/", "S3 URI s3://fraud-data/x%5c..%5cy/ has the "
            + "percent-encoded character %5c" + ENCODED),
        arguments("s3://fraud-data/x/%0a/", "S3 URI s3://fraud-data/x/%0a/ has the "
            + "percent-encoded character %0a" + ENCODED),
        arguments("s3://fraud-data//fdic/", "S3 URI s3://fraud-data//fdic/ has an empty segment "
            + "('//') in its key"),
        arguments("s3://fraud-data/fdic//", "S3 URI s3://fraud-data/fdic// has an empty segment "
            + "('//') in its key"),
        arguments("s3://fraud-data/fdic\\..\\exfil/", "S3 URI s3://fraud-data/fdic\\..\\exfil/ "
            + "has a backslash in its key; use '/' between segments"),
        arguments("s3://fraud-data/x/?versionId=1", "S3 URI s3://fraud-data/x/?versionId=1 has "
            + "'?' (a query or fragment); S3 URIs have neither"),
        arguments("s3://fraud-data/x/#top", "S3 URI s3://fraud-data/x/#top has '#' (a query or "
            + "fragment); S3 URIs have neither"),
        arguments("s3://fraud-data/x/ ", "S3 URI s3://fraud-data/x/  contains whitespace "
            + "(U+0020 at position 18)"),
        arguments("s3://fraud-data/x/\t", "S3 URI s3://fraud-data/x/\\u0009 contains whitespace "
            + "(U+0009 at position 18)"),
        arguments("s3://fraud-data/x\n/", "S3 URI s3://fraud-data/x\\u000A/ contains whitespace "
            + "(U+000A at position 17)"),
        arguments("s3://fraud-data/x\u0000/", "S3 URI s3://fraud-data/x\\u0000/ contains an "
            + "invisible or control character (U+0000 at position 17)"),
        arguments("s3://fraud-data/x\u200b/", "S3 URI s3://fraud-data/x\\u200B/ contains an "
            + "invisible or control character (U+200B at position 17)"),
        arguments("s3://fraud-data/x\u202e/", "S3 URI s3://fraud-data/x\\u202E/ contains an "
            + "invisible or control character (U+202E at position 17)"),
        arguments("s3://fraud-data/\uff0e\uff0e/exfil/", "S3 URI s3://fraud-data/\uff0e\uff0e/"
            + "exfil/ has the character '\uff0e' (U+FF0E)" + KEY_CHARS),
        arguments("s3://fraud-data/x\u2215..\u2215y", "S3 URI s3://fraud-data/x\u2215..\u2215y "
            + "has the character '\u2215' (U+2215)" + KEY_CHARS),
        arguments("s3://fraud-data/a|b", "S3 URI s3://fraud-data/a|b has the character '|' "
            + "(U+007C)" + KEY_CHARS),
        arguments("s3://fraud-data/" + "k".repeat(1025), "S3 URI s3://fraud-data/"
            + "k".repeat(184) + "... has a key longer than 1024 bytes"),
        arguments("s3://fraud-data:443/x/", "S3 URI has ':' after s3:// (a port or "
            + "credentials); S3 URIs are s3://bucket/key"),
        arguments("s3:///x", "S3 URI s3:///x names no bucket"),
        arguments("s3://Fraud-Data/x/", "S3 URI s3://Fraud-Data/x/ has a bucket name with "
            + "characters other than lowercase letters, digits, '.' and '-'"),
        arguments("s3://fraud_data/x/", "S3 URI s3://fraud_data/x/ has a bucket name with "
            + "characters other than lowercase letters, digits, '.' and '-'"),
        arguments("s3://fr/x", "S3 URI s3://fr/x has a bucket name of 2 characters; 3-63 are "
            + "allowed"),
        arguments("s3://-fraud/x", "S3 URI s3://-fraud/x has a bucket name that does not begin "
            + "and end with a letter or digit"),
        arguments("s3://fraud..data/x", "S3 URI s3://fraud..data/x has '..' in its bucket name"),
        arguments("s3://192.168.0.1/x/", "S3 URI s3://192.168.0.1/x/ has a bucket name "
            + "formatted as an IP address"),
        arguments("s3://xn--fraud/x", "S3 URI s3://xn--fraud/x has a bucket name with a prefix "
            + "S3 reserves (xn--, sthree-, amzn-s3-demo-)"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("malformed")
  void refusesMalformedUrisSayingWhatIsWrong(String uri, String message) {
    assertThatThrownBy(() -> S3Uri.parse(uri)).isInstanceOf(InvalidReferenceException.class)
        .hasMessage(message);
  }

  private static final String COLON =
      "S3 URI has ':' after s3:// (a port or credentials); S3 URIs are s3://bucket/key";

  static Stream<Arguments> credentials() {
    return Stream.of(
        arguments("s3://admin:S3cretPassw0rd@fraud-data/x/", S3_CREDENTIALS),
        arguments("s3://AKIAIOSFODNN7EXAMPLE@fraud-data/x/", S3_CREDENTIALS),
        // The password's '/' ends the bucket part early: still refused, still not quoted.
        arguments("s3://admin:pa/ss@fraud-data/x/", COLON),
        arguments("s3://admin:hunter2:/x/", COLON));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("credentials")
  void credentialsAreRefusedWithoutQuotingTheUri(String uri, String message) {
    assertThatThrownBy(() -> S3Uri.parse(uri)).isInstanceOf(InvalidReferenceException.class)
        .hasMessage(message);
  }

  @Test
  void segmentsAndFolderIgnoreTheTrailingSlash() {
    assertThat(S3Uri.parse("s3://b-1/a/b/").segments()).containsExactly("a", "b");
    assertThat(S3Uri.parse("s3://b-1/a/b").segments()).containsExactly("a", "b");
    assertThat(S3Uri.parse("s3://b-1/").segments()).isEmpty();
    assertThat(S3Uri.parse("s3://b-1/a/").folder()).isTrue();
    assertThat(S3Uri.parse("s3://b-1/a").folder()).isFalse();
  }

  @Test
  void resolvingCannotClimbOutOfTheFolder() {
    S3Uri folder = S3Uri.parse("s3://fraud-models/monitoring");
    assertThat(folder.resolve("a/b.json").uri()).isEqualTo("s3://fraud-models/monitoring/a/b.json");
    for (String relative : List.of("../exfil/x", "/x", "a//b", "a\\..\\b")) {
      assertThatThrownBy(() -> folder.resolve(relative))
          .isInstanceOf(InvalidReferenceException.class);
    }
  }
}
