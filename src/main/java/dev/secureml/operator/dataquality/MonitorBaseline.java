package dev.secureml.operator.dataquality;

import dev.secureml.operator.drift.Constraints;
import dev.secureml.operator.drift.Statistics;
import java.util.List;

/**
 * The baseline a monitor checks against: the effective statistics and constraints (the spec's
 * thresholds applied) and where they are stored. {@code recordCount} is set when the operator
 * profiled training data; {@code columnNames} name the positional columns of captured rows (the
 * baseline's features without the excluded columns, in order).
 */
public record MonitorBaseline(String fingerprint, Statistics statistics, Constraints constraints,
    String statisticsS3Uri, String constraintsS3Uri, Long recordCount, List<String> columnNames) {
  public MonitorBaseline {
    columnNames = List.copyOf(columnNames);
  }
}
