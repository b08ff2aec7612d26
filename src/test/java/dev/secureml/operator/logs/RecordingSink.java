package dev.secureml.operator.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps every accepted line; can be told to fail the next few batches, or to reject for good
 * (as an HTTP 4xx would) every batch with a line of a given stream.
 */
final class RecordingSink implements LogSink {
  private final String name;
  private final List<ForwardedLine> accepted = new ArrayList<>();
  private final List<Integer> batchSizes = new ArrayList<>();
  final AtomicInteger failNext = new AtomicInteger();
  final AtomicInteger failures = new AtomicInteger();
  /** Batches with a line of this stream are rejected with {@link #REJECT_STATUS}; null: none. */
  volatile String rejectStream;
  static final int REJECT_STATUS = 401;
  final AtomicInteger rejections = new AtomicInteger();

  RecordingSink(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized void accept(List<ForwardedLine> batch) throws LogSinkException {
    if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      failures.incrementAndGet();
      throw new LogSinkException(name + " is down");
    }
    String rejected = rejectStream;
    if (rejected != null && batch.stream().anyMatch(l -> l.stream().equals(rejected))) {
      rejections.incrementAndGet();
      throw new LogSinkRejectedException(name + " rejected the batch: HTTP " + REJECT_STATUS,
          REJECT_STATUS);
    }
    accepted.addAll(batch);
    batchSizes.add(batch.size());
  }

  synchronized List<ForwardedLine> lines() {
    return List.copyOf(accepted);
  }

  synchronized List<String> messages() {
    return accepted.stream().map(ForwardedLine::message).toList();
  }

  synchronized List<Integer> batchSizes() {
    return List.copyOf(batchSizes);
  }
}
