package dev.secureml.operator.drift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * Streaming statistics of one feature in bounded memory: type counts, Welford mean and
 * variance, min/max, a KLL sketch of the numeric values, and counts of distinct values up to a
 * cap (after which an HLL sketch estimates the distinct count; a feature that has only seen
 * numbers by then drops its value counts). Not thread-safe.
 */
final class FeatureAccumulator {
  static final int KLL_K = 200;
  static final int HLL_LG_K = 12;

  private final String name;
  private final int distinctCap;
  private long present;
  private long integral;
  private long fractional;
  private long strings;
  // Welford over the numeric values
  private long n;
  private double mean;
  private double m2;
  private double sum;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private KllDoublesSketch kll;
  private final HashMap<String, long[]> counts = new HashMap<>();
  private HllSketch hll;

  FeatureAccumulator(String name, int distinctCap) {
    this.name = name;
    this.distinctCap = distinctCap;
  }

  /** Adds one present value (callers skip null and empty values: those are missing). */
  void accept(String value) {
    present++;
    FeatureType type = FeatureType.classify(value);
    switch (type) {
      case Integral -> {
        integral++;
        number(Long.parseLong(value.charAt(0) == '+' ? value.substring(1) : value));
      }
      case Fractional -> {
        fractional++;
        number(FeatureType.parseDouble(value));
      }
      default -> strings++;
    }
    count(value);
  }

  private void number(double x) {
    n++;
    sum += x;
    double delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
    if (x < min) {
      min = x;
    }
    if (x > max) {
      max = x;
    }
    if (kll == null) {
      kll = KllDoublesSketch.newHeapInstance(KLL_K);
    }
    kll.update(x);
  }

  private void count(String value) {
    long[] c = counts.get(value);
    if (c != null) {
      c[0]++;
    } else if (hll == null && counts.size() < distinctCap) {
      counts.put(value, new long[] {1});
    } else {
      if (hll == null) {
        hll = new HllSketch(HLL_LG_K);
        counts.keySet().forEach(hll::update);
        if (strings == 0) {
          // A numeric feature with this many distinct values: value counts would only be the
          // first values seen, so keep just the distinct-count estimate (a few KiB, not ~1 MiB).
          counts.clear();
        }
      }
      hll.update(value);
    }
  }

  /** The type Model Monitor would infer: any string makes a String, any fraction a Fractional. */
  FeatureType inferredType() {
    if (present == 0) {
      return FeatureType.Unknown;
    }
    if (strings > 0) {
      return FeatureType.String;
    }
    return fractional > 0 ? FeatureType.Fractional : FeatureType.Integral;
  }

  Statistics.Feature result(long itemCount, int bucketCount, int topValues) {
    FeatureType type = inferredType();
    Statistics.Numeric numeric = null;
    if (n > 0) {
      Distribution distribution = Distribution.of(kll);
      numeric = new Statistics.Numeric(n, mean, sum, Math.sqrt(m2 / n), min, max,
          distribution.buckets(min, max, bucketCount), distribution);
    }
    Statistics.Strings stringStats = null;
    if (present > 0) {
      List<Map.Entry<String, long[]>> entries = new ArrayList<>(counts.entrySet());
      entries.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
          .thenComparing(Map.Entry::getKey));
      List<Statistics.ValueCount> top = new ArrayList<>();
      for (int i = 0; i < Math.min(topValues, entries.size()); i++) {
        top.add(new Statistics.ValueCount(entries.get(i).getKey(), entries.get(i).getValue()[0]));
      }
      Map<String, Long> all = new HashMap<>(counts.size() * 2);
      counts.forEach((k, v) -> all.put(k, v[0]));
      long distinct = hll == null ? counts.size() : Math.round(hll.getEstimate());
      stringStats = new Statistics.Strings(distinct, top, hll == null, all);
    }
    return new Statistics.Feature(name, type, present, itemCount - present,
        new Statistics.TypeCounts(integral, fractional, strings), numeric, stringStats);
  }
}
