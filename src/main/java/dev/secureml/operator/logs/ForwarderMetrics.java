package dev.secureml.operator.logs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The forwarder's Micrometer meters, named {@code secureml.logs.*}. */
final class ForwarderMetrics {
  static final String SUCCESS = "success";
  static final String THROTTLED = "throttled";
  static final String NOT_FOUND = "not_found";
  static final String ERROR = "error";

  private final MeterRegistry registry;
  private final List<Meter> gauges = new ArrayList<>();

  ForwarderMetrics(MeterRegistry registry, Supplier<Double> lagSeconds,
      Supplier<Integer> activeStreams, Supplier<Integer> parkedStreams) {
    this.registry = registry;
    gauges.add(Gauge.builder("secureml.logs.lag.seconds", lagSeconds, s -> s.get())
        .description("Oldest unread log event among streams with lines pending, in seconds")
        .strongReference(true)
        .register(registry));
    gauges.add(Gauge.builder("secureml.logs.streams.active", activeStreams,
            s -> s.get().doubleValue())
        .description("Log streams being forwarded that have not finished")
        .strongReference(true)
        .register(registry));
    gauges.add(Gauge.builder("secureml.logs.streams.parked", parkedStreams,
            s -> s.get().doubleValue())
        .description("Log streams waiting at their checkpoint because a sink rejected them")
        .strongReference(true)
        .register(registry));
  }

  void forwarded(String kind, List<ForwardedLine> batch) {
    long bytes = 0;
    for (ForwardedLine line : batch) {
      bytes += line.message().getBytes(StandardCharsets.UTF_8).length;
    }
    Counter.builder("secureml.logs.lines.forwarded").tag("kind", kind)
        .description("Log lines all sinks accepted").register(registry).increment(batch.size());
    Counter.builder("secureml.logs.bytes.forwarded").tag("kind", kind)
        .description("UTF-8 bytes of forwarded (redacted) messages").baseUnit("bytes")
        .register(registry).increment(bytes);
  }

  void call(String operation, String outcome) {
    Counter.builder("secureml.logs.api.calls").tag("operation", operation)
        .tag("outcome", outcome).description("CloudWatch Logs calls made by the forwarder")
        .register(registry).increment();
    if (THROTTLED.equals(outcome)) {
      Counter.builder("secureml.logs.throttles").tag("operation", operation)
          .description("CloudWatch Logs calls throttled; the forwarder paused and retried")
          .register(registry).increment();
    }
  }

  void sinkError(String sink) {
    Counter.builder("secureml.logs.sink.errors").tag("sink", sink)
        .description("Batches a sink did not accept; they are offered again")
        .register(registry).increment();
  }

  void sinkRejected(String sink, int status) {
    Counter.builder("secureml.logs.sink.rejections").tag("sink", sink)
        .tag("status", String.valueOf(status))
        .description("Batches a sink rejected for good; their streams are parked and retried "
            + "slowly")
        .register(registry).increment();
  }

  void checkpointSaveFailed() {
    Counter.builder("secureml.logs.checkpoint.save.errors")
        .description("Checkpoint saves that failed; each is retried on its own")
        .register(registry).increment();
  }

  /** Gauges refer to the forwarder; drop them so a closed forwarder is not reported. */
  void close() {
    gauges.forEach(registry::remove);
  }
}
