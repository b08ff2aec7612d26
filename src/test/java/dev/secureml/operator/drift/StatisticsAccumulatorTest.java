package dev.secureml.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatisticsAccumulatorTest {

  static Statistics csv(String text) {
    return new StatisticsAccumulator()
        .addAll(new CsvRecordReader(new BufferedReader(new StringReader(text)), true, "t.csv"))
        .result();
  }

  @Test
  void countsCompletenessAndTypes() {
    Statistics s = csv("i,f,s,mixed,num,empty\n"
        + "1,1.5,a,1,1,\n"
        + "2,,b,x,2.5,\n"
        + ",2.5,a,3,3,\n"
        + "4,3.5,,4,4,\n");
    assertThat(s.itemCount()).isEqualTo(4);
    Statistics.Feature i = s.feature("i").orElseThrow();
    assertThat(i.inferredType()).isEqualTo(FeatureType.Integral);
    assertThat(i.numPresent()).isEqualTo(3);
    assertThat(i.numMissing()).isEqualTo(1);
    assertThat(i.completeness()).isEqualTo(0.75);
    assertThat(s.feature("f").orElseThrow().inferredType()).isEqualTo(FeatureType.Fractional);
    assertThat(s.feature("s").orElseThrow().inferredType()).isEqualTo(FeatureType.String);
    Statistics.Feature mixed = s.feature("mixed").orElseThrow();
    assertThat(mixed.inferredType()).isEqualTo(FeatureType.String);
    assertThat(mixed.typeCounts()).isEqualTo(new Statistics.TypeCounts(3, 0, 1));
    assertThat(mixed.typeCounts().mismatch(FeatureType.Integral, 4)).isEqualTo(0.25);
    assertThat(s.feature("num").orElseThrow().inferredType()).isEqualTo(FeatureType.Fractional);
    Statistics.Feature empty = s.feature("empty").orElseThrow();
    assertThat(empty.inferredType()).isEqualTo(FeatureType.Unknown);
    assertThat(empty.numMissing()).isEqualTo(4);
    assertThat(empty.completeness()).isZero();
  }

  @Test
  void recordsWithoutAColumnCountItAsMissing() {
    StatisticsAccumulator acc = new StatisticsAccumulator();
    acc.accept(Map.of("a", "1"));
    Map<String, String> nulls = new HashMap<>();
    nulls.put("a", null);
    nulls.put("b", "x");
    acc.accept(nulls);
    acc.accept(Map.of("b", "y"));
    Statistics s = acc.result();
    assertThat(s.feature("a").orElseThrow().numMissing()).isEqualTo(2);
    assertThat(s.feature("b").orElseThrow().numPresent()).isEqualTo(2);
    assertThat(s.feature("b").orElseThrow().numMissing()).isEqualTo(1);
  }

  @Test
  void meanSumAndPopulationStdDevByHand() {
    // 2,4,4,4,5,5,7,9: sum 40, mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, var 4, std 2
    Statistics s = csv("x\n2\n4\n4\n4\n5\n5\n7\n9\n");
    Statistics.Numeric x = s.feature("x").orElseThrow().numeric();
    assertThat(x.sum()).isEqualTo(40.0);
    assertThat(x.mean()).isEqualTo(5.0);
    assertThat(x.stdDev()).isCloseTo(2.0, within(1e-12));
    assertThat(x.min()).isEqualTo(2.0);
    assertThat(x.max()).isEqualTo(9.0);
    assertThat(x.count()).isEqualTo(8);
    // buckets of width 0.7 from 2 to 9; counts from the exact CDF
    assertThat(x.buckets()).hasSize(10);
    assertThat(x.buckets().get(0)).isEqualTo(new Statistics.Bucket(2.0, 2.7, 1.0));
    assertThat(x.buckets().get(9).upperBound()).isEqualTo(9.0);
    assertThat(x.buckets().get(9).count()).isEqualTo(1.0);
    assertThat(x.buckets().stream().mapToDouble(Statistics.Bucket::count).sum())
        .isCloseTo(8.0, within(1e-9));
    assertThat(x.distribution().count()).isEqualTo(8);
  }

  @Test
  void constantColumnHasOneBucket() {
    Statistics.Numeric x = csv("x\n3\n3\n3\n").feature("x").orElseThrow().numeric();
    assertThat(x.buckets()).containsExactly(new Statistics.Bucket(3, 3, 3));
    assertThat(x.stdDev()).isZero();
  }

  @Test
  void categoricalBucketsAndDistinctCount() {
    Statistics.Strings st = csv("s\nb\na\nb\nc\nb\na\n").feature("s").orElseThrow().strings();
    assertThat(st.distinctCount()).isEqualTo(3);
    assertThat(st.exact()).isTrue();
    assertThat(st.buckets()).containsExactly(new Statistics.ValueCount("b", 3),
        new Statistics.ValueCount("a", 2), new Statistics.ValueCount("c", 1));
  }

  @Test
  void distinctCountBeyondTheCapIsEstimated() {
    StatisticsAccumulator acc = new StatisticsAccumulator(100);
    for (int i = 0; i < 5000; i++) {
      acc.accept(Map.of("id", "v" + i));
    }
    Statistics.Strings st = acc.result().feature("id").orElseThrow().strings();
    assertThat(st.exact()).isFalse();
    assertThat(st.counts()).hasSize(100);
    assertThat((double) st.distinctCount()).isCloseTo(5000, within(5000 * 0.05));
  }

  @Test
  void highCardinalityNumbersKeepNoValueCounts() {
    StatisticsAccumulator acc = new StatisticsAccumulator(100);
    for (int i = 0; i < 5000; i++) {
      acc.accept(Map.of("x", Double.toString(i / 7.0)));
    }
    Statistics.Feature x = acc.result().feature("x").orElseThrow();
    assertThat(x.inferredType()).isEqualTo(FeatureType.Fractional);
    assertThat(x.strings().counts()).isEmpty();
    assertThat((double) x.strings().distinctCount()).isCloseTo(5000, within(5000 * 0.05));
    assertThat(x.numeric().count()).isEqualTo(5000);
  }

  @Test
  void largeStreamsKeepTheSketchBoundedAndQuantilesClose() {
    StatisticsAccumulator acc = new StatisticsAccumulator();
    for (int i = 0; i < 200_000; i++) {
      acc.accept(Map.of("u", Integer.toString(i % 1000)));
    }
    Statistics.Numeric u = acc.result().feature("u").orElseThrow().numeric();
    assertThat(u.distribution().count()).isEqualTo(200_000);
    assertThat(u.distribution().levels().stream().mapToInt(l -> l.length).sum()).isLessThan(1000);
    assertThat(u.distribution().cdf(499)).isCloseTo(0.5, within(0.02));
    assertThat(u.mean()).isCloseTo(499.5, within(1e-9));
  }

  @Test
  void lInfinityDistanceByHand() {
    // a = {1,2,3,4}, b = {3,4,5,6}: at x=2 CDF_a=0.5, CDF_b=0; at x=4 1 vs 0.5; max gap 0.5
    Distribution a = Distribution.exact(1, 2, 3, 4);
    Distribution b = Distribution.exact(3, 4, 5, 6);
    assertThat(Distribution.lInfinity(a, b)).isEqualTo(0.5);
    // a = {1,2,3,4}, c = {1,2,3,10,11}: at x=3: 0.75 vs 0.6; at x=4: 1 vs 0.6 -> 0.4
    assertThat(Distribution.lInfinity(a, Distribution.exact(1, 2, 3, 10, 11))).isCloseTo(0.4,
        within(1e-12));
    assertThat(Distribution.lInfinity(a, a)).isZero();
    // disjoint supports
    assertThat(Distribution.lInfinity(a, Distribution.exact(7, 8))).isEqualTo(1.0);
  }

  @Test
  void weightedLevelsCountTwicePerLevel() {
    Distribution d = Distribution.fromLevels(java.util.List.of(new double[] {1}, new double[] {2}));
    assertThat(d.count()).isEqualTo(3);
    assertThat(d.cdf(1)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(d.cdf(0)).isZero();
    assertThat(d.cdf(2)).isEqualTo(1.0);
  }

  @Test
  void recordsWithEverChangingKeysTrackAtMostMaxFeatures() {
    StatisticsAccumulator acc = new StatisticsAccumulator();
    for (int i = 0; i < StatisticsAccumulator.MAX_FEATURES + 250; i++) {
      acc.accept(java.util.Map.of("user-" + i, "1.0"));
    }
    assertThat(acc.result().features()).hasSize(StatisticsAccumulator.MAX_FEATURES);
    assertThat(acc.untrackedColumns()).isEqualTo(250);
    assertThat(acc.itemCount()).isEqualTo(StatisticsAccumulator.MAX_FEATURES + 250);
  }
}
