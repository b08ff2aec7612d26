package dev.secureml.operator.local.emulator;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every request the emulator answered, in arrival order, for tests to assert on. A long-running
 * sandbox keeps only the latest {@link #CAPACITY} entries, so its memory stays bounded.
 */
public final class Journal {
  public static final int CAPACITY = 100_000;
  /** The Logs service's wire prefix, accepted as an alias for "Logs." in look-ups. */
  private static final String LOGS_WIRE_PREFIX = "Logs_20140328.";

  private final Queue<JournalEntry> entries = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final CallCounter calls;

  public Journal() {
    this(new CallCounter());
  }

  /** Every recorded entry is also counted by {@code calls}, which outlives the capacity. */
  Journal(CallCounter calls) {
    this.calls = calls;
  }

  void record(JournalEntry entry) {
    calls.count(entry);
    entries.add(entry);
    if (size.incrementAndGet() > CAPACITY && entries.poll() != null) {
      size.decrementAndGet();
    }
  }

  /** A snapshot of all entries so far, oldest first. */
  public List<JournalEntry> entries() {
    return List.copyOf(entries);
  }

  /**
   * Entries for one operation, e.g. {@code "SageMaker.CreateTrainingJob"}, {@code "S3.PutObject"},
   * {@code "Logs.GetLogEvents"} or the wire form {@code "Logs_20140328.GetLogEvents"}.
   */
  public List<JournalEntry> operations(String target) {
    String wanted = target.startsWith(LOGS_WIRE_PREFIX)
        ? "Logs." + target.substring(LOGS_WIRE_PREFIX.length())
        : target;
    return entries.stream().filter(e -> e.target().equals(wanted)).toList();
  }

  /** Calls per operation and second, kept after old entries drop out and after a clear. */
  public CallCounter calls() {
    return calls;
  }

  public void clear() {
    entries.clear();
    size.set(0);
  }
}
