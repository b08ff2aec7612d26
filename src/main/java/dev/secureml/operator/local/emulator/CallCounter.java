package dev.secureml.operator.local.emulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts every answered call per operation and per second: accepted, throttled, server errors
 * and other refusals. Bounded: per operation it keeps totals and the last {@link #SECONDS_KEPT}
 * seconds in a ring, so a long sandbox run costs the same memory as a short one.
 */
public final class CallCounter {
  public static final int SECONDS_KEPT = 3600;

  private final Map<String, Ring> rings = new ConcurrentHashMap<>();

  void count(JournalEntry entry) {
    rings.computeIfAbsent(entry.target(), t -> new Ring())
        .add(entry.time().getEpochSecond(), Outcome.of(entry));
  }

  /** Per operation ({@code SageMaker.CreateTrainingJob}), sorted by name. */
  public List<OperationCalls> snapshot() {
    List<OperationCalls> calls = new ArrayList<>();
    rings.forEach((target, ring) -> calls.add(ring.snapshot(target)));
    calls.sort(Comparator.comparing(OperationCalls::target));
    return calls;
  }

  public void clear() {
    rings.clear();
  }

  enum Outcome {
    ACCEPTED, THROTTLED, SERVER_ERROR, REFUSED;

    static Outcome of(JournalEntry entry) {
      if (entry.succeeded()) {
        return ACCEPTED;
      }
      if (entry.httpStatus() >= 500) {
        return SERVER_ERROR;
      }
      String code = entry.errorCode();
      return code.startsWith("Throttl") || code.equals("RequestLimitExceeded")
          || code.equals("TooManyRequestsException") ? THROTTLED : REFUSED;
    }
  }

  /**
   * What one operation received.
   *
   * @param busiestSecond the most calls accepted within one calendar second
   * @param busiestSecondAll the most calls of any outcome within one calendar second
   */
  public record OperationCalls(String target, long accepted, long throttled, long serverErrors,
      long refused, long busiestSecond, long busiestSecondAll) {

    public long total() {
      return accepted + throttled + serverErrors + refused;
    }
  }

  /** Totals plus a ring of per-second counts; one lock per operation keeps it consistent. */
  private static final class Ring {
    private final long[] second = new long[SECONDS_KEPT];
    private final long[][] counts = new long[SECONDS_KEPT][Outcome.values().length];
    private final long[] totals = new long[Outcome.values().length];

    synchronized void add(long epochSecond, Outcome outcome) {
      int slot = (int) Math.floorMod(epochSecond, (long) SECONDS_KEPT);
      if (second[slot] != epochSecond) {
        second[slot] = epochSecond;
        java.util.Arrays.fill(counts[slot], 0);
      }
      counts[slot][outcome.ordinal()]++;
      totals[outcome.ordinal()]++;
    }

    synchronized OperationCalls snapshot(String target) {
      long busiest = 0;
      long busiestAll = 0;
      for (long[] slot : counts) {
        busiest = Math.max(busiest, slot[Outcome.ACCEPTED.ordinal()]);
        long all = 0;
        for (long c : slot) {
          all += c;
        }
        busiestAll = Math.max(busiestAll, all);
      }
      return new OperationCalls(target, totals[0], totals[1], totals[2], totals[3], busiest,
          busiestAll);
    }
  }
}
