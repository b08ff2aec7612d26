package dev.secureml.operator.local.bench;

/**
 * Training log lines written against what the sink received, over one or more streams.
 *
 * @param lost written but never received
 * @param repeated received more than once (each extra time counts)
 * @param repeatedUnderNewId extra receipts under an event id not seen before for that line: a
 *     receiver de-duplicating by event id could not drop them
 */
public record LogTally(long streams, long written, long lost, long repeated,
    long repeatedUnderNewId) {
  static final LogTally NONE = new LogTally(0, 0, 0, 0, 0);

  LogTally plus(LogTally o) {
    return new LogTally(streams + o.streams, written + o.written, lost + o.lost,
        repeated + o.repeated, repeatedUnderNewId + o.repeatedUnderNewId);
  }
}
