package dev.secureml.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small matchers the rules are built on. */
class MatchersTest {
  @ParameterizedTest(name = "glob {0} matches {1}: {2}")
  @CsvSource({
      "ml.m5.*, ml.m5.xlarge, true",
      "ml.m5.*, ml.m5d.xlarge, false",
      "ml.*.xlarge, ml.c5.xlarge, true",
      "ml.*.xlarge, ml.c5.2xlarge, false",
      "*, anything, true",
      "ml.m5.large, ml.m5.large, true",
      "ml.m5.large, ml.m5.large2, false",
      "ml.*5*, ml.g5.4xlarge, true",
      "'', ml.m5.large, false"})
  void globsMatchWholeValuesWithStarAsTheOnlyWildcard(String glob, String value, boolean match) {
    assertThat(GlobMatcher.matches(glob, value)).isEqualTo(match);
  }

  @ParameterizedTest(name = "S3 prefix {0} admits {1}: {2}")
  @CsvSource({
      "s3://fraud-data/, s3://fraud-data/train/, true",
      "s3://fraud-data/, s3://fraud-data-evil/x, false",
      "s3://fraud-data, s3://fraud-data-evil, false",
      "s3://fraud-data, s3://fraud-data, true",
      "s3://fraud-data, s3://fraud-data/x, true",
      "s3://fraud-data/train, s3://fraud-data/training/, false",
      "s3://fraud-data/train, s3://fraud-data/train/part-1, true",
      "s3://fraud-data/train, s3://fraud-data/train/, true",
      "s3://fraud-data/train/, s3://fraud-data/train/, true",
      // Without its '/', the URI is a key prefix that also selects train-secrets/.
      "s3://fraud-data/train/, s3://fraud-data/train, false",
      "s3://fraud-data/train, s3://fraud-data/train, false",
      "s3://fraud-data/train/, s3://fraud-data/tra, false",
      "s3://fraud-data/a/b/, s3://fraud-data/a/bc/x, false",
      "s3://fraud-data/a/b/, s3://fraud-data/a/b/c, true"})
  void s3PrefixesCompareBucketAndWholeKeySegments(String prefix, String uri, boolean inside) {
    assertThat(PrefixMatcher.admitsS3(List.of(prefix), S3Uri.parse(uri))).isEqualTo(inside);
  }

  private static final String ECR = "111122223333.dkr.ecr.us-east-1.amazonaws.com";

  @ParameterizedTest(name = "image prefix {0} admits {1}: {2}")
  @CsvSource({
      "ECR/approved/, ECR/approved/xgboost:1, true",
      "ECR/approved/, ECR/approved:1, false",
      "ECR/approved/, ECR/approved-evil/xgboost:1, false",
      "ECR/approved, ECR/approved:1, true",
      "ECR/approved, ECR/approved/deep/model, true",
      "ECR/approved, ECR/approvedx:1, false",
      "ECR, ECR/anything/at/all:1, true",
      "ECR/, ECR/anything:1, true",
      "ECR/approved/, ECR.evil.io/approved/xgboost:1, false",
      "ECR/approved/, ECR:443/approved/xgboost:1, false",
      "ECR/approved/xgboost:1.7-1, ECR/approved/xgboost:1.7-1, true",
      "ECR/approved/xgboost:1.7-1, ECR/approved/xgboost:1.7-2, false",
      "ECR/approved/xgboost:1.7-1, ECR/approved/xgboost, false",
      "ECR/approved/xgboost:1, ECR/approved/xgboost/sub:1, false",
      // With a digest, the digest decides what is pulled, not the pinned tag.
      "ECR/approved/xgboost:1, ECR/approved/xgboost:1@sha256:"
          + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, false",
      "ECR/approved/x@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, "
          + "ECR/approved/x:any@sha256:"
          + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, true"})
  void imagePrefixesCompareRegistryAndWholePathComponents(String prefix, String image,
      boolean inside) {
    assertThat(PrefixMatcher.admitsImage(List.of(prefix.replace("ECR", ECR)),
        ImageReference.parse(image.replace("ECR", ECR)))).isEqualTo(inside);
  }

  @ParameterizedTest(name = "{0} can match an instance type: {1}")
  @CsvSource(delimiter = '|', value = {
      "ml.m5.*|true", "*|true", "ml.*|true", "*.xlarge|true", "ml.*5*|true", "ml.m5.large|true",
      "ml.m5|false", "ml..*|false", "m5.*|false", "ml.m5.xlarge.*|false", "ml.*.*.*|false",
      "*.|false", "ml.m5.|false"})
  void globsThatCannotMatchAnInstanceTypeAreFound(String glob, boolean canMatch) {
    assertThat(InstanceTypeGlobs.problem(glob) == null).isEqualTo(canMatch);
  }

  @ParameterizedTest(name = "{0} has local NVMe storage: {1}")
  @CsvSource({
      "ml.m5d.large, true", "ml.r5d.xlarge, true", "ml.c5d.9xlarge, true",
      "ml.g4dn.xlarge, true", "ml.g5.xlarge, true", "ml.g6.xlarge, true",
      "ml.p3dn.24xlarge, true", "ml.p4d.24xlarge, true", "ml.p4de.24xlarge, true",
      "ml.p5.48xlarge, true", "ml.trn1.2xlarge, true", "ml.trn1n.32xlarge, true",
      "ml.m5.large, false", "ml.p3.2xlarge, false", "ml.c5.xlarge, false",
      "ml.g4ad.xlarge, false"})
  void nvmeFamiliesAreMatchedUpToTheSize(String instanceType, boolean nvme) {
    assertThat(NvmeInstanceTypes.hasLocalNvme(instanceType)).isEqualTo(nvme);
  }
}
