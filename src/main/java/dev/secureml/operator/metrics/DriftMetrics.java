package dev.secureml.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Data-quality monitoring metrics, per monitor ({@code namespace}, {@code monitor} tags):
 * <ul>
 *   <li>{@code secureml_drift_distance{feature}} — L-infinity distance of the feature's current
 *       distribution from the baseline's, from the last run;
 *   <li>{@code secureml_drift_detected} — 1 while the last run had violations, else 0;
 *   <li>{@code secureml_monitor_violations_total{check}} — violations found, by check type;
 *   <li>{@code secureml_monitor_executions_total{status}} — runs by outcome.
 * </ul>
 * A feature that is no longer reported loses its gauge, and a deleted monitor all its series,
 * so dashboards do not show stale distances and deleted monitors do not pile up series.
 */
public class DriftMetrics {
  /** A gauge and the value it reads. */
  private record Series(AtomicReference<Double> value, Gauge gauge) {}

  private final MeterRegistry registry;
  /** Per monitor ("namespace/name"): per feature, the distance gauge. */
  private final Map<String, Map<String, Series>> distances = new HashMap<>();
  private final Map<String, Series> detected = new HashMap<>();
  private final Map<String, Set<Meter.Id>> counters = new ConcurrentHashMap<>();

  public DriftMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The last run's distances and verdict; features missing from {@code byFeature} go. */
  public synchronized void record(String namespace, String monitor,
      Map<String, Double> byFeature, boolean driftDetected) {
    String key = namespace + "/" + monitor;
    Map<String, Series> features = distances.computeIfAbsent(key, k -> new HashMap<>());
    features.entrySet().removeIf(e -> {
      boolean gone = !byFeature.containsKey(e.getKey());
      if (gone) {
        registry.remove(e.getValue().gauge());
      }
      return gone;
    });
    byFeature.forEach((feature, distance) -> features.computeIfAbsent(feature,
        f -> series("secureml.drift.distance", "L-infinity distance of a feature's "
            + "distribution from the baseline in the last monitoring run",
            Tags.of("namespace", namespace, "monitor", monitor, "feature", f)))
        .value().set(distance));
    detected.computeIfAbsent(key, k -> series("secureml.drift.detected",
            "1 while the last monitoring run found violations",
            Tags.of("namespace", namespace, "monitor", monitor)))
        .value().set(driftDetected ? 1.0 : 0.0);
  }

  private Series series(String name, String description, Tags tags) {
    AtomicReference<Double> value = new AtomicReference<>(0.0);
    return new Series(value, Gauge.builder(name, value, AtomicReference::get)
        .description(description).tags(tags).register(registry));
  }

  public void violations(String namespace, String monitor, String check, long count) {
    if (count > 0) {
      counter("secureml.monitor.violations", "Data-quality violations found, by check",
          namespace, monitor, "check", check).increment(count);
    }
  }

  public void execution(String namespace, String monitor, String status) {
    counter("secureml.monitor.executions", "Data-quality monitoring runs, by outcome",
        namespace, monitor, "status", status).increment();
  }

  private Counter counter(String name, String description, String namespace, String monitor,
      String tag, String value) {
    Counter c = Counter.builder(name).description(description)
        .tags(Tags.of("namespace", namespace, "monitor", monitor, tag, value))
        .register(registry);
    counters.computeIfAbsent(namespace + "/" + monitor, k -> ConcurrentHashMap.newKeySet())
        .add(c.getId());
    return c;
  }

  /** Removes every series of a deleted monitor. */
  public synchronized void forget(String namespace, String monitor) {
    String key = namespace + "/" + monitor;
    Set<Meter.Id> ids = counters.remove(key);
    if (ids != null) {
      ids.forEach(registry::remove);
    }
    Map<String, Series> features = distances.remove(key);
    if (features != null) {
      features.values().forEach(f -> registry.remove(f.gauge()));
    }
    Series flag = detected.remove(key);
    if (flag != null) {
      registry.remove(flag.gauge());
    }
  }
}
