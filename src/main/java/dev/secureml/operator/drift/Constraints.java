package dev.secureml.operator.drift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Baseline constraints, the content of Model Monitor's {@code constraints.json}. */
public record Constraints(List<Feature> features, MonitoringConfig monitoringConfig) {
  /** A String feature with at most this many distinct values gets a domain constraint. */
  public static final int MAX_DOMAIN_SIZE = 20;

  public Constraints {
    features = List.copyOf(features);
  }

  public Optional<Feature> feature(String name) {
    return features.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /**
   * One feature's constraints. {@code isNonNegative} is null when there is no numeric
   * constraint; {@code domains} is empty when there is no domain constraint.
   */
  public record Feature(String name, FeatureType inferredType, double completeness,
      Boolean isNonNegative, List<String> domains) {
    public Feature {
      domains = domains == null ? List.of() : List.copyOf(domains);
    }
  }

  /** How drift between baseline and current distributions is judged. */
  public enum ComparisonMethod { Robust, Simple }

  /** The {@code monitoring_config} section. */
  public record MonitoringConfig(boolean evaluateConstraints, boolean emitMetrics,
      double datatypeCheckThreshold, double domainContentThreshold, boolean performComparison,
      double comparisonThreshold, ComparisonMethod comparisonMethod) {

    /** Enabled everything; thresholds 0.1; Robust comparison. */
    public static MonitoringConfig defaults() {
      return new MonitoringConfig(true, true, 0.1, 0.1, true, 0.1, ComparisonMethod.Robust);
    }

    public MonitoringConfig withComparison(ComparisonMethod method, double threshold) {
      return new MonitoringConfig(evaluateConstraints, emitMetrics, datatypeCheckThreshold,
          domainContentThreshold, performComparison, threshold, method);
    }
  }

  /**
   * Suggests constraints from baseline statistics: the baseline completeness, is_non_negative
   * when a numeric feature's minimum is at least 0, and a domain of every value for String
   * features with at most {@link #MAX_DOMAIN_SIZE} distinct values (counted exactly).
   */
  public static Constraints suggest(Statistics baseline, MonitoringConfig config) {
    List<Feature> features = new ArrayList<>();
    for (Statistics.Feature f : baseline.features()) {
      Boolean nonNegative = null;
      List<String> domains = List.of();
      boolean numericType = f.inferredType() == FeatureType.Integral
          || f.inferredType() == FeatureType.Fractional;
      if (numericType && f.numeric() != null) {
        nonNegative = f.numeric().min() >= 0 ? Boolean.TRUE : null;
      }
      Statistics.Strings s = f.strings();
      if (f.inferredType() == FeatureType.String && s != null && s.exact()
          && s.distinctCount() <= MAX_DOMAIN_SIZE && s.buckets().size() == s.distinctCount()) {
        domains = s.buckets().stream().map(Statistics.ValueCount::value)
            .sorted(Comparator.naturalOrder()).toList();
      }
      features.add(new Feature(f.name(), f.inferredType(), f.completeness(), nonNegative, domains));
    }
    return new Constraints(features, config);
  }
}
