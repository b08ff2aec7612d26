package dev.secureml.operator.local.emulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every request the emulator answered, in arrival order, for tests to assert on. */
public final class Journal {
  /** The Logs service's wire prefix, accepted as an alias for "Logs." in look-ups. */
  private static final String LOGS_WIRE_PREFIX = "Logs_20140328.";

  private final List<JournalEntry> entries = new CopyOnWriteArrayList<>();

  void record(JournalEntry entry) {
    entries.add(entry);
  }

  /** A snapshot of all entries so far. */
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

  public void clear() {
    entries.clear();
  }
}
