package dev.secureml.operator.cli;

import dev.secureml.operator.drift.ConstraintChecker;
import dev.secureml.operator.drift.Constraints;
import dev.secureml.operator.drift.FeatureType;
import dev.secureml.operator.drift.Statistics;
import dev.secureml.operator.drift.StatisticsAccumulator;
import dev.secureml.operator.drift.Violation;
import dev.secureml.operator.drift.ViolationsJson;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Benchmarks the data-quality analyzer on generated records (never stored: each record is made,
 * accumulated and dropped), then checks drift between the baseline and a shifted data set.
 */
@Command(name = "bench-drift", mixinStandardHelpOptions = true,
    description = "Generates records on the fly, measures the statistics accumulator (records/s,"
        + " heap) and prints the violations between a baseline and a shifted data set.")
public class BenchDriftCommand implements Callable<Integer> {
  static final String[] STATES = {"CA", "TX", "NY", "FL", "IL", "PA", "OH", "GA", "NC", "MI"};
  static final double[] BASELINE_MIX = {.30, .20, .15, .10, .05, .05, .05, .04, .03, .03};
  static final double[] SHIFTED_MIX = {.15, .35, .15, .10, .05, .05, .05, .04, .03, .03};

  @Option(names = "--records", defaultValue = "1000000",
      description = "Baseline records to generate (default: ${DEFAULT-VALUE}).")
  long records;

  @Option(names = "--current-records", defaultValue = "100000",
      description = "Records of the shifted current data set (default: ${DEFAULT-VALUE}).")
  long currentRecords;

  @Option(names = "--shift", defaultValue = "0.5",
      description = "Shift of the current 'amount' mean, in standard deviations"
          + " (default: ${DEFAULT-VALUE}).")
  double shift;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Spec
  CommandSpec spec;

  /**
   * One generated record: amount ~ Normal(100 + shift*15, 15), age ~ Uniform{18..90} (missing
   * with probability {@code missingAge}), score ~ Exponential(1), state from {@code mix}.
   */
  static Map<String, String> record(SplittableRandom random, double shiftSd, double missingAge,
      double[] mix) {
    Map<String, String> r = new LinkedHashMap<>(8);
    r.put("amount", Double.toString(100 + 15 * (gaussian(random) + shiftSd)));
    r.put("age", random.nextDouble() < missingAge ? "" : Integer.toString(random.nextInt(18, 91)));
    r.put("score", Double.toString(-Math.log(1 - random.nextDouble())));
    double u = random.nextDouble();
    int i = 0;
    while (i < mix.length - 1 && (u -= mix[i]) >= 0) {
      i++;
    }
    r.put("state", STATES[i]);
    return r;
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller; SplittableRandom has no nextGaussian on Java 17
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    System.gc();
    long usedBefore = heapUsed();
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);

    SplittableRandom random = new SplittableRandom(seed);
    StatisticsAccumulator baseline = new StatisticsAccumulator();
    long start = System.nanoTime();
    for (long i = 0; i < records; i++) {
      baseline.accept(record(random, 0, 0.01, BASELINE_MIX));
    }
    Statistics baselineStats = baseline.result();
    double seconds = (System.nanoTime() - start) / 1e9;
    long peakPools = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    System.gc();
    long usedAfter = heapUsed();

    out.printf(Locale.ROOT, "bench-drift: %d records x 4 features (amount Fractional, age"
        + " Integral, score Fractional, state String), generated on the fly, seed %d%n",
        records, seed);
    out.printf(Locale.ROOT, "accumulate: %.2f s, %,.0f records/s (generation included)%n",
        seconds, records / seconds);
    out.printf(Locale.ROOT, "heap: %.1f MiB used before (after System.gc()); %.1f MiB after,"
        + " accumulator still live, after System.gc() (retained: %+.1f MiB); peak during the run"
        + " %.1f MiB (sum of the heap pools' MemoryPoolMXBean peak usage, reset before the run;"
        + " includes garbage not yet collected)%n", mib(usedBefore), mib(usedAfter),
        mib(usedAfter - usedBefore), mib(peakPools));
    for (Statistics.Feature f : baselineStats.features()) {
      if (f.numeric() != null && f.inferredType() != FeatureType.String) {
        out.printf(Locale.ROOT, "  %-6s %-10s present %d missing %d mean %.3f std_dev %.3f"
            + " min %.3f max %.3f%n", f.name(), f.inferredType(), f.numPresent(), f.numMissing(),
            f.numeric().mean(), f.numeric().stdDev(), f.numeric().min(), f.numeric().max());
      } else {
        out.printf(Locale.ROOT, "  %-6s %-10s present %d missing %d distinct %d%n", f.name(),
            f.inferredType(), f.numPresent(), f.numMissing(), f.strings().distinctCount());
      }
    }

    StatisticsAccumulator current = new StatisticsAccumulator();
    for (long i = 0; i < currentRecords; i++) {
      current.accept(record(random, shift, 0.05, SHIFTED_MIX));
    }
    Constraints constraints = Constraints.suggest(baselineStats,
        Constraints.MonitoringConfig.defaults());
    List<Violation> violations = new ConstraintChecker().check(baselineStats, constraints,
        current.result());
    out.printf(Locale.ROOT, "drift check: %d current records, amount shifted by %.2f sd, state"
        + " mix CA 30%%->15%% TX 20%%->35%%, age missing 1%%->5%%; %s comparison, threshold %s%n",
        currentRecords, shift, constraints.monitoringConfig().comparisonMethod(),
        constraints.monitoringConfig().comparisonThreshold());
    out.println(ViolationsJson.write(violations));
    return 0;
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
