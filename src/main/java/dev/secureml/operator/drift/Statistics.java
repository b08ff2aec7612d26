package dev.secureml.operator.drift;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Data-set statistics, the content of Model Monitor's {@code statistics.json}. Features keep
 * the order in which they were first seen.
 */
public record Statistics(long itemCount, List<Feature> features) {

  public Statistics {
    features = List.copyOf(features);
  }

  public Optional<Feature> feature(String name) {
    return features.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /**
   * One feature. {@code numeric} is set for Integral and Fractional features, {@code strings}
   * for String features (either may be set for others when known). {@code typeCounts} says how
   * many present values were of each type; a report read back from JSON only knows the type.
   */
  public record Feature(String name, FeatureType inferredType, long numPresent, long numMissing,
      TypeCounts typeCounts, Numeric numeric, Strings strings) {

    /** The share of values present, 1 when there are none at all. */
    public double completeness() {
      long total = numPresent + numMissing;
      return total == 0 ? 1.0 : (double) numPresent / total;
    }
  }

  /** How many present values parsed as an integer, as another number, or as neither. */
  public record TypeCounts(long integral, long fractional, long string) {
    /** Counts as they must have been for a feature of a known type. */
    public static TypeCounts allOf(FeatureType type, long present) {
      return switch (type) {
        case Integral -> new TypeCounts(present, 0, 0);
        case Fractional -> new TypeCounts(0, present, 0);
        case String -> new TypeCounts(0, 0, present);
        case Unknown -> new TypeCounts(0, 0, 0);
      };
    }

    /** The share of {@code present} values that are not acceptable as {@code type}. */
    public double mismatch(FeatureType type, long present) {
      if (present == 0) {
        return 0;
      }
      long matching = switch (type) {
        case Integral -> integral;
        case Fractional -> integral + fractional;
        case String, Unknown -> present;
      };
      return (double) (present - matching) / present;
    }
  }

  /** Numerical statistics over the values that parsed as numbers. */
  public record Numeric(long count, double mean, double sum, double stdDev, double min,
      double max, List<Bucket> buckets, Distribution distribution) {
    public Numeric {
      buckets = List.copyOf(buckets);
    }
  }

  /** One KLL histogram bucket. */
  public record Bucket(double lowerBound, double upperBound, double count) {}

  /**
   * String statistics: distinct count and the most frequent values. {@code exact} is false
   * when the number of distinct values exceeded the tracking cap (distinct count is then an
   * estimate and counts of values first seen after the cap are missing). {@code counts} holds
   * every tracked value (from a report: the buckets only).
   */
  public record Strings(long distinctCount, List<ValueCount> buckets, boolean exact,
      Map<String, Long> counts) {
    public Strings {
      buckets = List.copyOf(buckets);
      counts = Map.copyOf(counts);
    }

    /** The count of one value, 0 when not tracked. */
    public long count(String value) {
      return counts.getOrDefault(value, 0L);
    }
  }

  /** One categorical bucket. */
  public record ValueCount(String value, long count) {}
}
