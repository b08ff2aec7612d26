package dev.secureml.operator.drift;

import static dev.secureml.operator.drift.ConstraintCheckerTest.range;
import static dev.secureml.operator.drift.ConstraintCheckerTest.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftDistancesTest {

  /** Statistics of two columns, n (numbers) and s (strings), of equal length. */
  private static Statistics data(List<String> numbers, List<String> strings) {
    StatisticsAccumulator acc = new StatisticsAccumulator();
    for (int i = 0; i < Math.max(numbers.size(), strings.size()); i++) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("n", i < numbers.size() ? numbers.get(i) : "");
      row.put("s", i < strings.size() ? strings.get(i) : "");
      acc.accept(row);
    }
    return acc.result();
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> out = new ArrayList<>();
    for (List<String> p : parts) {
      out.addAll(p);
    }
    return out;
  }

  @Test
  void numericAndCategoricalDistancesByHand() {
    // n: baseline 1..10, current 8..11. CDFs at 7: 0.7 vs 0, the largest gap.
    // s: baseline a x6, b x2, c x2 (n=10); current a x2, b x2 (m=4).
    //    shares: a 0.6 vs 0.5, b 0.2 vs 0.5, c 0.2 vs 0 -> largest gap 0.3.
    Statistics base = data(range(1, 10),
        concat(repeat("a", 6), repeat("b", 2), repeat("c", 2)));
    Statistics cur = data(range(8, 11), concat(repeat("a", 2), repeat("b", 2)));
    Constraints constraints = Constraints.suggest(base, Constraints.MonitoringConfig.defaults());

    Map<String, Double> distances = DriftDistances.of(base, constraints, cur);

    assertThat(distances).containsOnlyKeys("n", "s");
    assertThat(distances.get("n")).isCloseTo(0.7, within(1e-12));
    assertThat(distances.get("s")).isCloseTo(0.3, within(1e-12));
    assertThat(DriftDistances.of(base, constraints, base)).containsEntry("n", 0.0)
        .containsEntry("s", 0.0);
  }

  @Test
  void theCheckerReportsTheSameDistance() {
    Statistics base = data(range(1, 10), repeat("a", 10));
    Statistics cur = data(range(8, 11), repeat("a", 4));
    Constraints constraints = Constraints.suggest(base,
        Constraints.MonitoringConfig.defaults().withComparison(Constraints.ComparisonMethod.Simple,
            0.1));

    List<Violation> violations = new ConstraintChecker().check(base, constraints, cur);

    assertThat(violations).filteredOn(v -> v.checkType() == Violation.CheckType.baseline_drift_check)
        .singleElement()
        .satisfies(v -> assertThat(v.featureName()).isEqualTo("n"))
        .satisfies(v -> assertThat(v.description()).startsWith("Baseline drift distance: "
            + ConstraintChecker.number(DriftDistances.of(base, constraints, cur).get("n"))
            + " exceeds"));
  }

  @Test
  void skipsFeaturesMissingOnEitherSideOrWithoutValues() {
    Statistics base = data(range(1, 4), repeat("", 4));
    Statistics cur = new StatisticsAccumulator().addAll(List.<Map<String, String>>of(
        Map.of("s", "x"), Map.of("s", "y"), Map.of("extra", "1")).iterator()).result();
    Constraints constraints = Constraints.suggest(base, Constraints.MonitoringConfig.defaults());

    // n is not in the current data; s has no values in the baseline; extra has no constraint
    assertThat(DriftDistances.of(base, constraints, cur)).isEmpty();
  }

  @Test
  void measureKeepsTheSampleSizes() {
    Statistics base = data(range(1, 10), List.of());
    Statistics cur = data(range(1, 5), List.of());
    assertThat(DriftDistances.measure(FeatureType.Integral, base.feature("n").orElseThrow(),
        cur.feature("n").orElseThrow())).hasValueSatisfying(m -> {
          assertThat(m.baselineCount()).isEqualTo(10);
          assertThat(m.currentCount()).isEqualTo(5);
          assertThat(m.distance()).isCloseTo(0.5, within(1e-12));
        });
    assertThat(DriftDistances.measure(FeatureType.Unknown, base.feature("n").orElseThrow(),
        cur.feature("n").orElseThrow())).isEmpty();
  }
}
