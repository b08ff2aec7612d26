package dev.secureml.operator.drift;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Compares current statistics with a baseline (statistics and constraints) and lists the
 * violations, as a Model Monitor data-quality job does:
 * <ul>
 *   <li>missing_column_check / extra_column_check: columns in only one of the two;
 *   <li>data_type_check: the share of current values not of the baseline type (integers count as
 *       Fractional; anything is a String) is above {@code datatype_check_threshold};
 *   <li>completeness_check: current completeness below the baseline's minus a tolerance;
 *   <li>categorical_values_check: the share of values outside the baseline domain is above
 *       {@code domain_content_threshold};
 *   <li>baseline_drift_check: the L-infinity distance between the baseline and current
 *       distributions ({@link DriftDistances}: KLL sketches for numbers, value frequencies for
 *       strings) is above
 *       {@code comparison_threshold}; the Robust method also requires it to be above the
 *       two-sample Kolmogorov-Smirnov critical value at alpha 0.05,
 *       {@code 1.358 * sqrt((n + m) / (n * m))}, so small samples do not raise alarms.
 * </ul>
 * Data type, completeness and categorical checks run when {@code evaluate_constraints} is
 * enabled; the drift check when {@code perform_comparison} is.
 */
public final class ConstraintChecker {
  /** c(alpha) of the two-sample Kolmogorov-Smirnov test for alpha = 0.05. */
  public static final double KS_C_ALPHA_05 = 1.358;

  private final double completenessTolerance;

  /** Flags any drop in completeness below the baseline's, as Model Monitor does. */
  public ConstraintChecker() {
    this(0.0);
  }

  /** Flags completeness below the baseline's minus {@code completenessTolerance}. */
  public ConstraintChecker(double completenessTolerance) {
    if (completenessTolerance < 0 || completenessTolerance > 1) {
      throw new IllegalArgumentException("completenessTolerance must be within 0..1");
    }
    this.completenessTolerance = completenessTolerance;
  }

  public List<Violation> check(Statistics baseline, Constraints constraints, Statistics current) {
    Constraints.MonitoringConfig config = constraints.monitoringConfig();
    List<Violation> out = new ArrayList<>();
    Set<String> baselineNames = new LinkedHashSet<>();
    constraints.features().forEach(f -> baselineNames.add(f.name()));
    int currentColumns = current.features().size();
    int baselineColumns = baselineNames.size();
    for (Constraints.Feature c : constraints.features()) {
      Optional<Statistics.Feature> now = current.feature(c.name());
      if (now.isEmpty()) {
        out.add(new Violation(c.name(), Violation.CheckType.missing_column_check,
            "There are missing columns in current dataset. Number of columns in current dataset: "
                + currentColumns + ", Number of columns in baseline constraints: "
                + baselineColumns));
        continue;
      }
      Statistics.Feature cur = now.get();
      if (config.evaluateConstraints()) {
        dataType(c, cur, config.datatypeCheckThreshold()).ifPresent(out::add);
        completeness(c, cur).ifPresent(out::add);
        categorical(c, cur, config.domainContentThreshold()).ifPresent(out::add);
      }
      if (config.performComparison()) {
        baseline.feature(c.name()).flatMap(b -> drift(c.inferredType(), b, cur, config))
            .ifPresent(out::add);
      }
    }
    for (Statistics.Feature f : current.features()) {
      if (!baselineNames.contains(f.name())) {
        out.add(new Violation(f.name(), Violation.CheckType.extra_column_check,
            "There are extra columns in current dataset. Number of columns in current dataset: "
                + currentColumns + ", Number of columns in baseline constraints: "
                + baselineColumns));
      }
    }
    return out;
  }

  private static Optional<Violation> dataType(Constraints.Feature c, Statistics.Feature cur,
      double threshold) {
    FeatureType expected = c.inferredType();
    if (expected == FeatureType.String || expected == FeatureType.Unknown || cur.numPresent() == 0) {
      return Optional.empty();
    }
    double mismatch = cur.typeCounts().mismatch(expected, cur.numPresent());
    if (mismatch <= threshold) {
      return Optional.empty();
    }
    return Optional.of(new Violation(c.name(), Violation.CheckType.data_type_check,
        "Data type match requirement is not met. Expected data type: " + expected
            + ", Expected match: " + percent(1 - threshold) + ". Observed: Only "
            + percent(1 - mismatch) + " of data is " + expected + "."));
  }

  private Optional<Violation> completeness(Constraints.Feature c, Statistics.Feature cur) {
    double observed = cur.completeness();
    if (observed >= c.completeness() - completenessTolerance) {
      return Optional.empty();
    }
    return Optional.of(new Violation(c.name(), Violation.CheckType.completeness_check,
        "Data completeness requirement is not met. Expected: " + percent(c.completeness())
            + ", Observed: Only " + percent(observed) + " of data is complete."));
  }

  private static Optional<Violation> categorical(Constraints.Feature c, Statistics.Feature cur,
      double threshold) {
    if (c.domains().isEmpty() || cur.numPresent() == 0 || cur.strings() == null) {
      return Optional.empty();
    }
    long inside = 0;
    for (String value : c.domains()) {
      inside += cur.strings().count(value);
    }
    double outside = (double) (cur.numPresent() - inside) / cur.numPresent();
    if (outside <= threshold) {
      return Optional.empty();
    }
    return Optional.of(new Violation(c.name(), Violation.CheckType.categorical_values_check,
        "Categorical values requirement is not met. Expected: at least " + percent(1 - threshold)
            + " of values in the baseline domain, Observed: Only " + percent(1 - outside)
            + " of values are in the domain."));
  }

  private static Optional<Violation> drift(FeatureType type, Statistics.Feature base,
      Statistics.Feature cur, Constraints.MonitoringConfig config) {
    DriftDistances.Measure measure = DriftDistances.measure(type, base, cur).orElse(null);
    double threshold = config.comparisonThreshold();
    if (measure == null || !(measure.distance() > threshold)) {
      return Optional.empty();
    }
    double distance = measure.distance();
    String description = "Baseline drift distance: " + number(distance) + " exceeds threshold: "
        + number(threshold);
    if (config.comparisonMethod() == Constraints.ComparisonMethod.Robust) {
      double critical = ksCriticalValue(measure.baselineCount(), measure.currentCount());
      if (!(distance > critical)) {
        return Optional.empty();
      }
      description += " and the Kolmogorov-Smirnov critical value: " + number(critical)
          + " (alpha 0.05)";
    }
    return Optional.of(new Violation(base.name(), Violation.CheckType.baseline_drift_check,
        description));
  }

  /** {@code c(0.05) * sqrt((n + m) / (n * m))}. */
  public static double ksCriticalValue(long n, long m) {
    return KS_C_ALPHA_05 * Math.sqrt((double) (n + m) / ((double) n * (double) m));
  }

  static String number(double x) {
    return BigDecimal.valueOf(x).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros()
        .toPlainString();
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
