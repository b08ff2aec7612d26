package dev.secureml.operator.local;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Applies a {@link DriftPlan}'s shifts to plain CSV rows (no quoted commas, as the example data)
 * whose columns are named by a header. A shifted value keeps the number of decimals it had, so
 * an integral column stays integral; a value that is empty or not a number is left as it is.
 * Not thread-safe: one per sending thread.
 */
public final class RowShifter {
  private final int[] indexes;
  private final DriftPlan.Shift[] shifts;
  private final SplittableRandom random;

  /**
   * @param columns the rows' column names, in order (the header without the label column)
   * @throws IllegalArgumentException when the plan names a column that is not there
   */
  public RowShifter(DriftPlan plan, List<String> columns, long seed) {
    indexes = new int[plan.shifts().size()];
    shifts = new DriftPlan.Shift[indexes.length];
    for (int i = 0; i < indexes.length; i++) {
      DriftPlan.ColumnShift s = plan.shifts().get(i);
      indexes[i] = columns.indexOf(s.column());
      if (indexes[i] < 0) {
        throw new IllegalArgumentException("drift plan shifts column '" + s.column()
            + "', which the rows do not have; columns: " + String.join(", ", columns));
      }
      shifts[i] = s.shift();
    }
    random = new SplittableRandom(seed);
  }

  public String apply(String row) {
    String[] values = row.split(",", -1);
    for (int i = 0; i < indexes.length; i++) {
      if (indexes[i] < values.length) {
        values[indexes[i]] = shift(values[indexes[i]], shifts[i]);
      }
    }
    return String.join(",", values);
  }

  private String shift(String text, DriftPlan.Shift shift) {
    String value = text.trim();
    BigDecimal original;
    try {
      original = new BigDecimal(value);
    } catch (NumberFormatException e) {
      return text;
    }
    double shifted = shift.apply(original.doubleValue(), random);
    if (!Double.isFinite(shifted)) {
      return text;
    }
    return BigDecimal.valueOf(shifted).setScale(Math.max(0, original.scale()),
        RoundingMode.HALF_UP).toPlainString();
  }
}
