package dev.secureml.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.drift.Constraints.ComparisonMethod;
import dev.secureml.operator.drift.Constraints.MonitoringConfig;
import dev.secureml.operator.drift.Violation.CheckType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConstraintCheckerTest {

  /** Statistics of one column holding the given values ("" = missing). */
  static Statistics column(String name, List<String> values) {
    StatisticsAccumulator acc = new StatisticsAccumulator();
    for (String v : values) {
      acc.accept(Map.of(name, v));
    }
    return acc.result();
  }

  static List<String> range(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      out.add(Integer.toString(i));
    }
    return out;
  }

  static List<String> repeat(String value, int times) {
    return new ArrayList<>(java.util.Collections.nCopies(times, value));
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static List<Violation> check(Statistics base, Statistics cur, MonitoringConfig config) {
    return new ConstraintChecker().check(base, Constraints.suggest(base, config), cur);
  }

  private static List<Violation> check(Statistics base, Statistics cur) {
    return check(base, cur, MonitoringConfig.defaults());
  }

  @Test
  void sameDataHasNoViolations() {
    Statistics s = StatisticsAccumulatorTest.csv("a,b,c\n1,x,2.5\n2,y,\n3,x,4.5\n");
    assertThat(check(s, s)).isEmpty();
  }

  @Test
  void missingAndExtraColumns() {
    Statistics base = StatisticsAccumulatorTest.csv("a,b\n1,2\n");
    Statistics cur = StatisticsAccumulatorTest.csv("a,c,d\n1,2,3\n");
    List<Violation> v = check(base, cur);
    assertThat(v).extracting(Violation::featureName, Violation::checkType).containsExactly(
        org.assertj.core.groups.Tuple.tuple("b", CheckType.missing_column_check),
        org.assertj.core.groups.Tuple.tuple("c", CheckType.extra_column_check),
        org.assertj.core.groups.Tuple.tuple("d", CheckType.extra_column_check));
    assertThat(v.get(0).description()).isEqualTo("There are missing columns in current dataset."
        + " Number of columns in current dataset: 3, Number of columns in baseline constraints: 2");
  }

  @Test
  void dataTypeCheckOnBothSidesOfTheThreshold() {
    Statistics base = column("n", range(1, 10));
    // 1 of 10 not Integral: 0.1 is not above 0.1
    assertThat(check(base, column("n", concat(range(1, 9), List.of("x"))))).isEmpty();
    // 2 of 10: 0.2 is above 0.1
    List<Violation> v = check(base, column("n", concat(range(1, 8), List.of("x", "2.5"))));
    assertThat(v).extracting(Violation::checkType).contains(CheckType.data_type_check);
    assertThat(v.stream().filter(x -> x.checkType() == CheckType.data_type_check).findFirst()
        .orElseThrow().description()).isEqualTo("Data type match requirement is not met."
        + " Expected data type: Integral, Expected match: 90.0%. Observed: Only 80.0% of data is"
        + " Integral.");
  }

  @Test
  void integersAreAcceptableFractionalValues() {
    Statistics base = column("f", List.of("1.5", "2.5", "3.5"));
    List<Violation> v = check(base, column("f", List.of("1", "2", "3")),
        MonitoringConfig.defaults().withComparison(ComparisonMethod.Robust, 1.0));
    assertThat(v).isEmpty();
  }

  @Test
  void completenessCheckWithAndWithoutTolerance() {
    Statistics base = column("n", range(1, 10));
    Statistics cur = column("n", concat(range(1, 9), List.of("")));
    Constraints c = Constraints.suggest(base, MonitoringConfig.defaults());
    List<Violation> strict = new ConstraintChecker().check(base, c, cur);
    assertThat(strict).extracting(Violation::checkType).containsExactly(CheckType.completeness_check);
    assertThat(strict.get(0).description()).isEqualTo(
        "Data completeness requirement is not met. Expected: 100.0%, Observed: Only 90.0% of data"
            + " is complete.");
    assertThat(new ConstraintChecker(0.15).check(base, c, cur)).isEmpty();
    assertThat(new ConstraintChecker(0.05).check(base, c, cur)).hasSize(1);
  }

  @Test
  void categoricalValuesCheckOnBothSidesOfTheThreshold() {
    Statistics base = column("s", concat(repeat("a", 5), repeat("b", 5)));
    MonitoringConfig noDrift = MonitoringConfig.defaults().withComparison(ComparisonMethod.Simple, 1.0);
    assertThat(check(base, column("s", concat(repeat("a", 9), List.of("c"))), noDrift)).isEmpty();
    List<Violation> v = check(base, column("s", concat(repeat("a", 8), repeat("c", 2))), noDrift);
    assertThat(v).extracting(Violation::checkType)
        .containsExactly(CheckType.categorical_values_check);
    assertThat(v.get(0).description()).contains("Only 80.0% of values are in the domain");
  }

  @Test
  void numericDriftSimpleFlagsWhatRobustExcusesForSmallSamples() {
    // 1..20 vs 5..24: largest CDF gap 4/20 = 0.2; KS critical value 1.358*sqrt(40/400) = 0.429
    Statistics base = column("x", range(1, 20));
    Statistics cur = column("x", range(5, 24));
    List<Violation> simple = check(base, cur,
        MonitoringConfig.defaults().withComparison(ComparisonMethod.Simple, 0.1));
    assertThat(simple).containsExactly(new Violation("x", CheckType.baseline_drift_check,
        "Baseline drift distance: 0.2 exceeds threshold: 0.1"));
    assertThat(check(base, cur,
        MonitoringConfig.defaults().withComparison(ComparisonMethod.Robust, 0.1))).isEmpty();
    // threshold above the distance: nothing either way
    assertThat(check(base, cur,
        MonitoringConfig.defaults().withComparison(ComparisonMethod.Simple, 0.25))).isEmpty();
    assertThat(check(base, cur,
        MonitoringConfig.defaults().withComparison(ComparisonMethod.Simple, 0.2))).isEmpty();
  }

  @Test
  void numericDriftRobustFlagsLargeShifts() {
    // 1..100 vs 41..140: gap 0.4 at x = 40; critical value 1.358*sqrt(200/10000) = 0.192
    List<Violation> v = check(column("x", range(1, 100)), column("x", range(41, 140)));
    assertThat(v).containsExactly(new Violation("x", CheckType.baseline_drift_check,
        "Baseline drift distance: 0.4 exceeds threshold: 0.1 and the Kolmogorov-Smirnov critical"
            + " value: 0.1921 (alpha 0.05)"));
    assertThat(ConstraintChecker.ksCriticalValue(100, 100)).isCloseTo(0.19205,
        org.assertj.core.api.Assertions.within(1e-5));
  }

  @Test
  void categoricalDrift() {
    Statistics base = column("s", concat(repeat("a", 50), repeat("b", 50)));
    // shares 0.5/0.5 -> 0.8/0.2: distance 0.3
    List<Violation> v = check(base, column("s", concat(repeat("a", 80), repeat("b", 20))));
    assertThat(v).extracting(Violation::checkType).containsExactly(CheckType.baseline_drift_check);
    assertThat(v.get(0).description()).startsWith("Baseline drift distance: 0.3 exceeds");
    // 0.5/0.5 -> 0.55/0.45: distance 0.05
    assertThat(check(base, column("s", concat(repeat("a", 55), repeat("b", 45))))).isEmpty();
  }

  @Test
  void driftComparisonCanBeDisabled() {
    Statistics base = column("x", range(1, 100));
    MonitoringConfig off = new MonitoringConfig(true, true, 0.1, 0.1, false, 0.1,
        ComparisonMethod.Simple);
    assertThat(new ConstraintChecker().check(base, Constraints.suggest(base, off),
        column("x", range(41, 140)))).isEmpty();
  }

  @Test
  void baselineReadBackFromJsonGivesTheSameViolations() {
    Statistics base = column("x", range(1, 100));
    Statistics cur = column("x", range(41, 140));
    Constraints c = Constraints.suggest(base, MonitoringConfig.defaults());
    List<Violation> direct = new ConstraintChecker().check(base, c, cur);
    List<Violation> viaJson = new ConstraintChecker().check(
        StatisticsJson.read(StatisticsJson.write(base)),
        ConstraintsJson.read(ConstraintsJson.write(c)), cur);
    assertThat(viaJson).isEqualTo(direct).hasSize(1);
  }
}
