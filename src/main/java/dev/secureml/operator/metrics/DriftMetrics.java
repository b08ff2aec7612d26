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
  private final MeterRegistry registry;
  private final Map<String, Map<String, Gauge>> distanceGauges = new HashMap<>();
  private final Map<String, Map<String, AtomicReference<Double>>> distances = new HashMap<>();
  private final Map<String, Gauge> detectedGauges = new HashMap<>();
  private final Map<String, AtomicReference<Double>> detected = new HashMap<>();
  private final Map<String, Set<Meter.Id>> counters = new ConcurrentHashMap<>();

  public DriftMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The last run's distances and verdict; features missing from {@code byFeature} go. */
  public synchronized void record(String namespace, String monitor,
      Map<String, Double> byFeature, boolean driftDetected) {
    String key = namespace + "/" + monitor;
    Map<String, AtomicReference<Double>> values = distances.computeIfAbsent(key,
        k -> new HashMap<>());
    Map<String, Gauge> gauges = distanceGauges.computeIfAbsent(key, k -> new HashMap<>());
    for (String gone : Set.copyOf(values.keySet())) {
      if (!byFeature.containsKey(gone)) {
        values.remove(gone);
        registry.remove(gauges.remove(gone));
      }
    }
    byFeature.forEach((feature, distance) -> values.computeIfAbsent(feature, f -> {
      AtomicReference<Double> holder = new AtomicReference<>(distance);
      gauges.put(f, Gauge.builder("secureml.drift.distance", holder, AtomicReference::get)
          .description("L-infinity distance of a feature's distribution from the baseline "
              + "in the last monitoring run")
          .tags(Tags.of("namespace", namespace, "monitor", monitor, "feature", f))
          .register(registry));
      return holder;
    }).set(distance));
    detected.computeIfAbsent(key, k -> {
      AtomicReference<Double> holder = new AtomicReference<>(0.0);
      detectedGauges.put(k, Gauge.builder("secureml.drift.detected", holder,
              AtomicReference::get)
          .description("1 while the last monitoring run found violations")
          .tags(Tags.of("namespace", namespace, "monitor", monitor))
          .register(registry));
      return holder;
    }).set(driftDetected ? 1.0 : 0.0);
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
    Map<String, Gauge> gauges = distanceGauges.remove(key);
    if (gauges != null) {
      gauges.values().forEach(registry::remove);
    }
    distances.remove(key);
    Gauge flag = detectedGauges.remove(key);
    if (flag != null) {
      registry.remove(flag);
    }
    detected.remove(key);
  }
}
