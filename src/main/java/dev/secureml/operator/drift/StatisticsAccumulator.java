package dev.secureml.operator.drift;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Computes {@link Statistics} over a stream of records in bounded memory: per feature a few
 * counters, a KLL sketch (k = 200) and at most {@code distinctCap} tracked values. A value that is
 * null, empty, or absent from a record counts as missing. At most {@link #MAX_FEATURES} features
 * are tracked: JSON records whose keys vary (an id used as a key) would otherwise grow without
 * bound; further columns are counted, not tracked. Not thread-safe.
 */
public final class StatisticsAccumulator implements Consumer<Map<String, String>> {
  /** Default number of distinct values tracked exactly per feature. */
  public static final int DEFAULT_DISTINCT_CAP = 10_000;
  /** Histogram buckets per numeric feature. */
  public static final int BUCKETS = 10;
  /** Categorical buckets (most frequent values) per string feature. */
  public static final int TOP_VALUES = 100;
  /** Features tracked at most; columns beyond are only counted. */
  public static final int MAX_FEATURES = 1_000;

  private final int distinctCap;
  private final Map<String, FeatureAccumulator> features = new LinkedHashMap<>();
  private long itemCount;
  private final java.util.Set<String> untracked = new java.util.HashSet<>();

  public StatisticsAccumulator() {
    this(DEFAULT_DISTINCT_CAP);
  }

  public StatisticsAccumulator(int distinctCap) {
    if (distinctCap < 1) {
      throw new IllegalArgumentException("distinctCap must be positive");
    }
    this.distinctCap = distinctCap;
  }

  /** Adds one record. */
  @Override
  public void accept(Map<String, String> record) {
    itemCount++;
    for (Map.Entry<String, String> e : record.entrySet()) {
      FeatureAccumulator f = features.get(e.getKey());
      if (f == null) {
        if (features.size() >= MAX_FEATURES) {
          if (untracked.size() < MAX_FEATURES) {
            untracked.add(e.getKey()); // a sample, to say how many at least
          }
          continue;
        }
        f = new FeatureAccumulator(e.getKey(), distinctCap);
        features.put(e.getKey(), f);
      }
      String value = e.getValue();
      if (value != null && !value.isEmpty()) {
        f.accept(value);
      }
    }
  }

  /** Adds every remaining record of {@code records}. */
  public StatisticsAccumulator addAll(Iterator<Map<String, String>> records) {
    records.forEachRemaining(this);
    return this;
  }

  public long itemCount() {
    return itemCount;
  }

  /** Distinct columns seen beyond {@link #MAX_FEATURES} (counted up to that many again). */
  public int untrackedColumns() {
    return untracked.size();
  }

  /** The statistics of everything added so far; the accumulator can go on after this. */
  public Statistics result() {
    List<Statistics.Feature> out = new ArrayList<>(features.size());
    for (FeatureAccumulator f : features.values()) {
      out.add(f.result(itemCount, BUCKETS, TOP_VALUES));
    }
    return new Statistics(itemCount, out);
  }
}
