package dev.secureml.operator.cli;

import dev.secureml.operator.local.emulator.JournalEntry;
import dev.secureml.operator.logs.ForwardedLine;
import dev.secureml.operator.logs.LogSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code bench-logs} measures and how it prints it: a sink that counts lines and their lag
 * from the write time each line carries, and the calls the emulator saw per operation, against
 * the quota, with the two read operations also added up so the total read budget stays in view.
 */
final class BenchLogsFigures {
  private BenchLogsFigures() {}

  /** One CloudWatch Logs operation as the emulator saw it, and its quota. */
  record Operation(String name, List<JournalEntry> calls, double quota) {
    List<JournalEntry> accepted() {
      return calls.stream().filter(JournalEntry::succeeded).toList();
    }
  }

  static void printCalls(PrintWriter out, Operation op, double seconds) {
    List<JournalEntry> accepted = op.accepted();
    out.printf("%s: %d calls, %.2f/s average, %d in the busiest second (quota %.1f),"
        + " %d throttled%s%n", op.name(), accepted.size(), accepted.size() / seconds,
        busiestSecond(accepted), op.quota(), op.calls().size() - accepted.size(),
        streamsPerCall(accepted));
  }

  /** GetLogEvents and FilterLogEvents together: every call that read lines. */
  static void printReads(PrintWriter out, Operation get, Operation filter, double seconds) {
    List<JournalEntry> reads = new ArrayList<>(get.accepted());
    reads.addAll(filter.accepted());
    reads.sort((a, b) -> a.time().compareTo(b.time()));
    out.printf("all reads (GetLogEvents + FilterLogEvents): %d calls, %.2f/s average, %d in the"
        + " busiest second (quotas %.1f + %.1f)%n", reads.size(), reads.size() / seconds,
        busiestSecond(reads), get.quota(), filter.quota());
  }

  static void printErrors(PrintWriter out, MeterRegistry registry) {
    double api = total(registry, "secureml.logs.api.calls", "error");
    double sinks = total(registry, "secureml.logs.sink.errors", null);
    out.printf("throttles absorbed %.0f; errors surfaced %.0f (API %.0f, sinks %.0f)%n",
        total(registry, "secureml.logs.throttles", null), api + sinks, api, sinks);
  }

  static void printLag(PrintWriter out, String what, List<Long> lags) {
    out.printf("%s: p50 %.1f s, p95 %.1f s, max %.1f s%n", what, percentile(lags, 0.50) / 1000.0,
        percentile(lags, 0.95) / 1000.0, percentile(lags, 1.0) / 1000.0);
  }

  static long percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  /** The most calls in any 1,000 ms, which is what a per-second quota counts. */
  static int busiestSecond(List<JournalEntry> calls) {
    int max = 0;
    for (int i = 0, j = 0; i < calls.size(); i++) {
      while (calls.get(i).time().toEpochMilli() - calls.get(j).time().toEpochMilli() >= 1000) {
        j++;
      }
      max = Math.max(max, i - j + 1);
    }
    return max;
  }

  private static String streamsPerCall(List<JournalEntry> calls) {
    long named = calls.stream().filter(c -> c.request() != null
        && c.request().path("logStreamNames").isArray()).count();
    if (named == 0) {
      return "";
    }
    double streams = calls.stream().filter(c -> c.request() != null)
        .mapToInt(c -> c.request().path("logStreamNames").size()).sum();
    return String.format(", %.1f streams a call", streams / named);
  }

  private static double total(MeterRegistry registry, String name, String outcome) {
    return registry.find(name).counters().stream()
        .filter(c -> outcome == null || outcome.equals(c.getId().getTag("outcome")))
        .mapToDouble(Counter::count).sum();
  }

  /**
   * Counts what arrives and how late, from the write time each bench line carries
   * ({@code bench <stream> <number> <epoch ms>}).
   */
  static final class CountingSink implements LogSink {
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final List<Long> lags = Collections.synchronizedList(new ArrayList<>());
    /** Lags of the lines written from {@link #settledFrom} on (epoch ms). */
    private final List<Long> settledLags = Collections.synchronizedList(new ArrayList<>());
    private final long settledFrom;

    /** @param settledFrom lines written from then on also count as written once settled */
    CountingSink(long settledFrom) {
      this.settledFrom = settledFrom;
    }

    @Override
    public String name() {
      return "counting";
    }

    @Override
    public void accept(List<ForwardedLine> batch) {
      long now = System.currentTimeMillis();
      for (ForwardedLine line : batch) {
        String[] parts = line.message().split(" ");
        seen.add(parts[2]);
        long written = Long.parseLong(parts[3]);
        lags.add(now - written);
        if (written >= settledFrom) {
          settledLags.add(now - written);
        }
      }
      accepted.addAndGet(batch.size());
    }

    long accepted() {
      return accepted.get();
    }

    long distinct() {
      return seen.size();
    }

    List<Long> lags() {
      return sorted(lags);
    }

    List<Long> settledLags() {
      return sorted(settledLags);
    }

    private static List<Long> sorted(List<Long> lags) {
      synchronized (lags) {
        List<Long> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        return sorted;
      }
    }
  }
}
