package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
