package dev.secureml.operator.controller.logs;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.logs.ForwardedLine;
import dev.secureml.operator.logs.LogEventFilter;
import dev.secureml.operator.logs.LogSink;
import dev.secureml.operator.logs.LogSourceKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns log lines that look like errors or tracebacks into Warning Events on their resource,
 * de-duplicated and rate-limited by {@link LogEventFilter} so a chatty job cannot flood the API
 * server. Events are a courtesy: this sink always accepts.
 */
public final class EventLogSink implements LogSink {
  private final LogEventFilter filter;
  private final EventRecorder events;
  /** Forwarded lines name their resource but not its uid, which Events should carry. */
  private final Map<String, String> uids = new ConcurrentHashMap<>();

  public EventLogSink(LogEventFilter filter, EventRecorder events) {
    this.filter = filter;
    this.events = events;
  }

  /** Remembers a tracked resource's uid for the Events about it. */
  public void remember(LogSourceKey key) {
    uids.put(id(key.kind(), key.namespace(), key.name()), key.uid());
  }

  public void forget(LogSourceKey key) {
    uids.remove(id(key.kind(), key.namespace(), key.name()));
  }

  private static String id(String kind, String namespace, String name) {
    return kind + "/" + namespace + "/" + name;
  }

  @Override
  public String name() {
    return "events";
  }

  @Override
  public void accept(List<ForwardedLine> batch) {
    Map<LogSourceKey, List<ForwardedLine>> byResource = new LinkedHashMap<>();
    for (ForwardedLine line : batch) {
      byResource.computeIfAbsent(new LogSourceKey(line.kind(), line.namespace(), line.name(),
          uids.get(id(line.kind(), line.namespace(), line.name()))), k -> new ArrayList<>())
          .add(line);
    }
    byResource.forEach((key, lines) -> {
      for (var event : filter.offer(key, lines)) {
        events.warning(reference(key), Reason.of(event.reason()).orElse(Reason.LOG_ERROR),
            event.message());
      }
    });
  }

  static HasMetadata reference(LogSourceKey key) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(CompliancePolicy.GROUP + "/" + CompliancePolicy.VERSION)
        .withKind(key.kind())
        .withNewMetadata().withName(key.name()).withNamespace(key.namespace())
        .withUid(key.uid()).endMetadata()
        .build();
  }
}
