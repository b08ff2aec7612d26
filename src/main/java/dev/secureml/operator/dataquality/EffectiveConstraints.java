package dev.secureml.operator.dataquality;

import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.drift.Constraints;
import dev.secureml.operator.drift.Statistics;
import java.util.Objects;
import java.util.Set;

/**
 * A monitor's thresholds written into its baseline constraints, so that whatever checks them
 * (the Builtin engine or a Model Monitor processing job) applies the same limits.
 */
final class EffectiveConstraints {
  private EffectiveConstraints() {}

  /** The spec's thresholds, each unset one at its default. */
  static DataQualityMonitorSpec.Thresholds thresholds(DataQualityMonitorSpec spec) {
    DataQualityMonitorSpec.Thresholds defaults = new DataQualityMonitorSpec.Thresholds();
    DataQualityMonitorSpec.Thresholds given = spec.thresholds == null ? defaults : spec.thresholds;
    DataQualityMonitorSpec.Thresholds out = new DataQualityMonitorSpec.Thresholds();
    out.drift = Objects.requireNonNullElse(given.drift, defaults.drift);
    out.comparisonMethod = Objects.requireNonNullElse(given.comparisonMethod,
        defaults.comparisonMethod);
    out.completeness = Objects.requireNonNullElse(given.completeness, defaults.completeness);
    out.dataType = Objects.requireNonNullElse(given.dataType, defaults.dataType);
    out.categoricalDomain = Objects.requireNonNullElse(given.categoricalDomain,
        defaults.categoricalDomain);
    return out;
  }

  /**
   * The constraints with the thresholds in monitoring_config (comparison threshold and method,
   * data type and domain content thresholds) and each feature's completeness lowered by the
   * allowed drop, never below 0. Whether checks are enabled stays as it was.
   */
  static Constraints apply(Constraints constraints, DataQualityMonitorSpec.Thresholds t) {
    Constraints.MonitoringConfig c = constraints.monitoringConfig();
    Constraints.MonitoringConfig config = new Constraints.MonitoringConfig(
        c.evaluateConstraints(), c.emitMetrics(), t.dataType, t.categoricalDomain,
        c.performComparison(), t.drift,
        Constraints.ComparisonMethod.valueOf(t.comparisonMethod.name()));
    return new Constraints(constraints.features().stream()
        .map(f -> new Constraints.Feature(f.name(), f.inferredType(),
            Math.max(0, f.completeness() - t.completeness), f.isNonNegative(), f.domains()))
        .toList(), config);
  }

  static Statistics withoutColumns(Statistics statistics, Set<String> excluded) {
    return new Statistics(statistics.itemCount(), statistics.features().stream()
        .filter(f -> !excluded.contains(f.name())).toList());
  }

  static Constraints withoutColumns(Constraints constraints, Set<String> excluded) {
    return new Constraints(constraints.features().stream()
        .filter(f -> !excluded.contains(f.name())).toList(), constraints.monitoringConfig());
  }
}
