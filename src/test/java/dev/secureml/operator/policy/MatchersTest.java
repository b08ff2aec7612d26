package dev.secureml.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

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
      "s3://fraud-data/train, s3://fraud-data/train/part-1, true"})
  void s3PrefixesArePathSafe(String prefix, String uri, boolean inside) {
    assertThat(PrefixMatcher.inside(prefix, uri, PrefixMatcher.S3_BOUNDARIES)).isEqualTo(inside);
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
