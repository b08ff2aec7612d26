package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.secureml.operator.policy.S3Uri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3LocationTest {

  @Test
  void splitsBucketAndKey() {
    assertThat(S3Location.parseObject("s3://fraud-models/artifacts/job/output/model.tar.gz"))
        .isEqualTo(new S3Location("fraud-models", "artifacts/job/output/model.tar.gz"));
  }

  @Test
  void prefixMayBeJustTheBucket() {
    assertThat(S3Location.parsePrefix("s3://fraud-data")).isEqualTo(new S3Location("fraud-data", ""));
    assertThat(S3Location.parsePrefix("s3://fraud-data/")).isEqualTo(new S3Location("fraud-data", ""));
    assertThat(S3Location.parsePrefix("s3://fraud-data/fdic/").uri()).isEqualTo("s3://fraud-data/fdic/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "fraud-data/key", "S3://fraud-data/key", "https://fraud-data/key",
      "s3:/fraud-data/key", "s3://Fraud-Data/key", "s3://fr/key", "s3://-fraud/key",
      "s3://fraud..data/key", "s3://fraud_data/key", "s3://fraud-data//key", "s3:///key"})
  void rejectsMalformedUris(String uri) {
    assertThatThrownBy(() -> S3Location.parseObject(uri))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The adapters refuse what the policy refuses: one grammar, S3Uri's. */
  @ParameterizedTest
  @ValueSource(strings = {"s3://fraud-models/../exfil-bucket/x", "s3://fraud-data/%2e%2e/x",
      "s3://fraud-data/a\\b", "s3://fraud-data/a b", "s3://fraud-data/x?y", "s3://fraud-data/./x",
      "s3://fraud-data/x\u0000", "s3://fraud-data/\uff0e\uff0e/x", "s3://192.168.1.1/x"})
  void refusesWhatThePolicyRefusesWithTheSameMessage(String uri) {
    Throwable policy = catchThrowable(() -> S3Uri.parse(uri));
    assertThat(policy).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> S3Location.parseObject(uri))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(policy.getMessage());
  }

  @Test
  void neverQuotesCredentials() {
    assertThatThrownBy(() -> S3Location.parsePrefix("s3://admin:S3cretPassw0rd@fraud-data/x/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("S3cretPassw0rd");
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3://fraud-data", "s3://fraud-data/"})
  void objectUriNeedsAKey(String uri) {
    assertThatThrownBy(() -> S3Location.parseObject(uri))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no object key");
  }

  @Test
  void resolvesBelowAFolderWithOrWithoutTrailingSlash() {
    assertThat(S3Location.parsePrefix("s3://fraud-models/monitoring").resolve("a/b.json").uri())
        .isEqualTo("s3://fraud-models/monitoring/a/b.json");
    assertThat(S3Location.parsePrefix("s3://fraud-models/monitoring/").resolve("a/").uri())
        .isEqualTo("s3://fraud-models/monitoring/a/");
    assertThat(S3Location.parsePrefix("s3://fraud-models").resolve("a.json").uri())
        .isEqualTo("s3://fraud-models/a.json");
    assertThatThrownBy(() -> S3Location.parsePrefix("s3://fraud-models").resolve("/a"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> S3Location.parsePrefix(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
