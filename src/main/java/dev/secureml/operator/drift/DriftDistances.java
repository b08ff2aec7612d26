package dev.secureml.operator.drift;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The drift distance of each feature: the L-infinity distance between the baseline and current
 * distributions (KLL sketches for Integral and Fractional features, value frequencies for String
 * features) that {@link ConstraintChecker}'s baseline_drift_check compares with its threshold.
 */
public final class DriftDistances {
  private DriftDistances() {}

  /** A feature's distance and the number of values on each side it was measured over. */
  public record Measure(double distance, long baselineCount, long currentCount) {}

  /**
   * The distance of every constrained feature that both statistics describe with a non-empty
   * distribution, in the constraints' feature order.
   */
  public static Map<String, Double> of(Statistics baseline, Constraints constraints,
      Statistics current) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Constraints.Feature c : constraints.features()) {
      Optional<Statistics.Feature> base = baseline.feature(c.name());
      Optional<Statistics.Feature> cur = current.feature(c.name());
      if (base.isPresent() && cur.isPresent()) {
        measure(c.inferredType(), base.get(), cur.get())
            .ifPresent(m -> out.put(c.name(), m.distance()));
      }
    }
    return out;
  }

  /**
   * The distance between two statistics of a feature of the given (baseline) type; empty for
   * Unknown types and when either side has no distribution or no values.
   */
  public static Optional<Measure> measure(FeatureType type, Statistics.Feature base,
      Statistics.Feature cur) {
    Measure measure;
    if (type == FeatureType.Integral || type == FeatureType.Fractional) {
      if (base.numeric() == null || cur.numeric() == null
          || base.numeric().distribution() == null || cur.numeric().distribution() == null) {
        return Optional.empty();
      }
      Distribution a = base.numeric().distribution();
      Distribution b = cur.numeric().distribution();
      measure = new Measure(Distribution.lInfinity(a, b), a.count(), b.count());
    } else if (type == FeatureType.String) {
      if (base.strings() == null || cur.strings() == null) {
        return Optional.empty();
      }
      long n = base.numPresent();
      long m = cur.numPresent();
      measure = new Measure(n == 0 || m == 0 ? 0 : categorical(base.strings(), n, cur.strings(), m),
          n, m);
    } else {
      return Optional.empty();
    }
    if (measure.baselineCount() == 0 || measure.currentCount() == 0) {
      return Optional.empty();
    }
    return Optional.of(measure);
  }

  /**
   * The L-infinity distance between two categorical frequency distributions: the largest
   * difference in a value's share, over the values either side knows.
   */
  public static double categorical(Statistics.Strings a, long n, Statistics.Strings b, long m) {
    Set<String> values = new LinkedHashSet<>();
    a.buckets().forEach(v -> values.add(v.value()));
    b.buckets().forEach(v -> values.add(v.value()));
    double max = 0;
    for (String v : values) {
      // a / n - b / m as (a*m - b*n) / (n*m), so that equal gaps compare equal
      max = Math.max(max, Math.abs((double) a.count(v) * m - (double) b.count(v) * n));
    }
    return max / ((double) n * m);
  }
}
