package dev.secureml.operator.drift;

/** One entry of {@code constraint_violations.json}. */
public record Violation(String featureName, CheckType checkType, String description) {

  /** The check types Model Monitor reports, spelled as in its JSON. */
  public enum CheckType {
    data_type_check, completeness_check, baseline_drift_check, missing_column_check,
    extra_column_check, categorical_values_check
  }
}
