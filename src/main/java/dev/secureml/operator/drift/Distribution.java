package dev.secureml.operator.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantilesDoublesSketchIterator;

/**
 * A numeric distribution summarised as weighted items, the way a KLL sketch holds it: an item on
 * compactor level h stands for 2^h values. While a sketch has seen fewer than k values every item
 * has weight 1 and the distribution is exact. Immutable.
 */
public final class Distribution {
  private final double[] items;      // sorted ascending
  private final long[] cumulative;   // cumulative[i] = total weight of items[0..i]
  private final List<double[]> levels;

  private Distribution(List<double[]> levels) {
    this.levels = List.copyOf(levels);
    int size = levels.stream().mapToInt(l -> l.length).sum();
    double[] values = new double[size];
    long[] weights = new long[size];
    int at = 0;
    for (int h = 0; h < levels.size(); h++) {
      for (double v : levels.get(h)) {
        values[at] = v;
        weights[at++] = 1L << h;
      }
    }
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    items = new double[size];
    cumulative = new long[size];
    long total = 0;
    for (int i = 0; i < size; i++) {
      items[i] = values[order[i]];
      total += weights[order[i]];
      cumulative[i] = total;
    }
  }

  /** The items a KLL sketch retains, grouped by compactor level. */
  public static Distribution of(KllDoublesSketch sketch) {
    List<List<Double>> byLevel = new ArrayList<>();
    QuantilesDoublesSketchIterator it = sketch.iterator();
    while (it.next()) {
      int level = 63 - Long.numberOfLeadingZeros(it.getWeight());
      while (byLevel.size() <= level) {
        byLevel.add(new ArrayList<>());
      }
      byLevel.get(level).add(it.getQuantile());
    }
    List<double[]> levels = new ArrayList<>();
    for (List<Double> l : byLevel) {
      levels.add(l.stream().mapToDouble(Double::doubleValue).toArray());
    }
    return new Distribution(levels);
  }

  /** From compactor levels (level h holds items of weight 2^h), as a sketch's "data" lists them. */
  public static Distribution fromLevels(List<double[]> levels) {
    return new Distribution(levels);
  }

  /** Exact distribution of the given values (every item weight 1). */
  public static Distribution exact(double... values) {
    return new Distribution(List.of(values.clone()));
  }

  /** The retained items by compactor level: level h has weight 2^h. */
  public List<double[]> levels() {
    List<double[]> copy = new ArrayList<>(levels.size());
    levels.forEach(l -> copy.add(l.clone()));
    return copy;
  }

  /** The number of values summarised (the sum of the weights). */
  public long count() {
    return cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
  }

  public boolean isEmpty() {
    return items.length == 0;
  }

  /** The share of values less than or equal to {@code x} (0 for an empty distribution). */
  public double cdf(double x) {
    return items.length == 0 ? 0 : (double) weightAtMost(x) / count();
  }

  /** The total weight of the items less than or equal to {@code x}. */
  long weightAtMost(double x) {
    int lo = 0;
    int hi = items.length; // first index with items[i] > x
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (items[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == 0 ? 0 : cumulative[lo - 1];
  }

  /**
   * The L-infinity distance between the two CDFs: their largest gap, evaluated at every item
   * either distribution holds (both CDFs are step functions that only move there). For exact
   * distributions this is the two-sample Kolmogorov-Smirnov statistic. The gaps are compared
   * as exact integer fractions, so equal gaps compare equal.
   */
  public static double lInfinity(Distribution a, Distribution b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() && b.isEmpty() ? 0 : 1;
    }
    long n = a.count();
    long m = b.count();
    boolean exact = Math.multiplyHigh(n, m) == 0 && n * m > 0;
    double best = 0;
    long bestExact = 0;
    for (Distribution d : new Distribution[] {a, b}) {
      for (double x : d.items) {
        long wa = a.weightAtMost(x);
        long wb = b.weightAtMost(x);
        if (exact) {
          bestExact = Math.max(bestExact, Math.abs(wa * m - wb * n));
        } else {
          best = Math.max(best, Math.abs((double) wa / n - (double) wb / m));
        }
      }
    }
    return exact ? (double) bestExact / ((double) n * m) : best;
  }

  /** {@code count} equal-width buckets between min and max, counts taken from the CDF. */
  public List<Statistics.Bucket> buckets(double min, double max, int count) {
    List<Statistics.Bucket> buckets = new ArrayList<>();
    long n = count();
    if (n == 0) {
      return buckets;
    }
    if (!(max > min)) {
      buckets.add(new Statistics.Bucket(min, max, n));
      return buckets;
    }
    double width = (max - min) / count;
    double below = 0;
    for (int i = 0; i < count; i++) {
      double lower = min + i * width;
      double upper = i == count - 1 ? max : min + (i + 1) * width;
      double upTo = i == count - 1 ? 1.0 : cdf(upper);
      buckets.add(new Statistics.Bucket(lower, upper, (upTo - below) * n));
      below = upTo;
    }
    return buckets;
  }
}
