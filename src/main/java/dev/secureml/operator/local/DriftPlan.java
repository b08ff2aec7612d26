package dev.secureml.operator.local;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * A change in the traffic sent to an endpoint, so that a data-quality monitor has drift to find:
 * once the plan has started, the chosen columns of every row are shifted and all other columns
 * are sent as they are. It starts when both {@code afterRequests} requests have been sent and
 * {@code afterTime} has passed since the first one; the factories set one of the two.
 */
public record DriftPlan(long afterRequests, Duration afterTime, List<ColumnShift> shifts) {

  public DriftPlan {
    Objects.requireNonNull(afterTime, "afterTime");
    if (afterRequests < 0 || afterTime.isNegative()) {
      throw new IllegalArgumentException("afterRequests and afterTime must not be negative");
    }
    shifts = List.copyOf(shifts);
    if (shifts.isEmpty()) {
      throw new IllegalArgumentException("a drift plan shifts at least one column");
    }
    Set<String> seen = new HashSet<>();
    for (ColumnShift s : shifts) {
      if (!seen.add(s.column())) {
        throw new IllegalArgumentException("column " + s.column() + " is shifted twice");
      }
    }
  }

  /** Shifts every request after the first {@code requests}. */
  public static DriftPlan afterRequests(long requests, ColumnShift... shifts) {
    return new DriftPlan(requests, Duration.ZERO, List.of(shifts));
  }

  /** Shifts every request sent {@code time} or longer after the first. */
  public static DriftPlan after(Duration time, ColumnShift... shifts) {
    return new DriftPlan(0, time, List.of(shifts));
  }

  /** The shifted columns, in plan order. */
  public List<String> columns() {
    return shifts.stream().map(ColumnShift::column).toList();
  }

  /** For people: {@code tier1_capital_ratio x0.5, npl_ratio x4}. */
  public String describe() {
    return shifts.stream().map(ColumnShift::describe).collect(Collectors.joining(", "));
  }

  /** One column and how its values change. */
  public record ColumnShift(String column, Shift shift) {
    public ColumnShift {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(shift, "shift");
    }

    public static ColumnShift multiply(String column, double factor) {
      return new ColumnShift(column, new Multiply(factor));
    }

    public static ColumnShift add(String column, double offset) {
      return new ColumnShift(column, new Add(offset));
    }

    /** Replaces the values with uniform draws from [min, max). */
    public static ColumnShift uniform(String column, double min, double max) {
      return new ColumnShift(column, new Uniform(min, max));
    }

    public String describe() {
      return column + " " + shift.describe();
    }
  }

  /** How one numeric value changes. */
  public sealed interface Shift permits Multiply, Add, Uniform {
    double apply(double value, RandomGenerator random);

    String describe();
  }

  public record Multiply(double factor) implements Shift {
    @Override
    public double apply(double value, RandomGenerator random) {
      return value * factor;
    }

    @Override
    public String describe() {
      return "x" + plain(factor);
    }
  }

  public record Add(double offset) implements Shift {
    @Override
    public double apply(double value, RandomGenerator random) {
      return value + offset;
    }

    @Override
    public String describe() {
      return (offset < 0 ? "" : "+") + plain(offset);
    }
  }

  public record Uniform(double min, double max) implements Shift {
    public Uniform {
      if (!(min < max)) {
        throw new IllegalArgumentException("uniform range needs min < max, was " + min + ".."
            + max);
      }
    }

    @Override
    public double apply(double value, RandomGenerator random) {
      return random.nextDouble(min, max);
    }

    @Override
    public String describe() {
      return String.format(Locale.ROOT, "replaced by uniform %s..%s", plain(min), plain(max));
    }
  }

  private static String plain(double x) {
    return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
  }
}
