package dev.secureml.operator.local.bench;

import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.logs.ForwardedLine;
import dev.secureml.operator.logs.LogSink;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A log sink that remembers every training-job line it accepted, by stream and timestamp (unique
 * within a training container's stream), with how often and under which event ids. One instance
 * outlives the operator's restarts, as a log pipeline outlives the operator's pod. Endpoint lines
 * are only counted: an endpoint writes for as long as it lives, so "all of them" is never done.
 */
final class RecordingLogSink implements LogSink {
  /** How one line arrived: how many times, under which event ids. */
  private static final class Delivery {
    int times;
    final Set<String> eventIds = new HashSet<>(2);
  }

  private final Map<String, Map<Long, Delivery>> byStream = new HashMap<>();
  private final AtomicLong otherLines = new AtomicLong();

  @Override
  public String name() {
    return "chaos-recorder";
  }

  @Override
  public synchronized void accept(List<ForwardedLine> batch) {
    for (ForwardedLine line : batch) {
      if (!SecureTrainingJob.KIND.equals(line.kind())) {
        otherLines.incrementAndGet();
        continue;
      }
      Delivery d = byStream.computeIfAbsent(line.stream(), s -> new HashMap<>())
          .computeIfAbsent(line.timestampMillis(), t -> new Delivery());
      d.times++;
      d.eventIds.add(line.eventId());
    }
  }

  /**
   * What arrived of the lines written to one stream.
   *
   * @param written the stream's line timestamps, as the emulator holds them
   */
  synchronized LogTally tally(String stream, List<Long> written) {
    Map<Long, Delivery> arrived = byStream.getOrDefault(stream, Map.of());
    long lost = 0;
    long repeated = 0;
    long newIds = 0;
    for (Long ts : written) {
      Delivery d = arrived.get(ts);
      if (d == null) {
        lost++;
      } else {
        repeated += d.times - 1;
        newIds += d.eventIds.size() - 1;
      }
    }
    return new LogTally(1, written.size(), lost, repeated, newIds);
  }

  /** Lines of other kinds (endpoints) accepted. */
  long otherLines() {
    return otherLines.get();
  }
}
