package dev.secureml.operator.controller;

import dev.secureml.operator.metrics.ResourcePhaseMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a controller remembers per resource between reconciles — its polling interval, its retry
 * backoff, its phase gauge and any {@link #memory() memory} its steps ask for — so a deleted
 * resource is forgotten in one call and nothing grows with resources that are gone.
 */
public final class PerResourceState {
  private final PollingSchedule polling;
  private final RetryBackoff backoff;
  private final ResourcePhaseMetrics phases;
  private final List<ResourceMemory<?>> memories = new CopyOnWriteArrayList<>();

  public PerResourceState(PollingSchedule polling, RetryBackoff backoff,
      ResourcePhaseMetrics phases) {
    this.polling = polling;
    this.backoff = backoff;
    this.phases = phases;
  }

  public static PerResourceState of(OperatorSettings settings, MeterRegistry registry,
      String kind) {
    return new PerResourceState(new PollingSchedule(settings.pollMin(), settings.pollMax()),
        new RetryBackoff(settings.pollMin(), settings.pollMax()),
        new ResourcePhaseMetrics(registry, kind));
  }

  public PollingSchedule polling() {
    return polling;
  }

  public RetryBackoff backoff() {
    return backoff;
  }

  public ResourcePhaseMetrics phases() {
    return phases;
  }

  /** A new per-resource memory, forgotten with the rest when the resource is deleted. */
  public <V> ResourceMemory<V> memory() {
    ResourceMemory<V> memory = new ResourceMemory<>();
    memories.add(memory);
    return memory;
  }

  /** How many resources any memory still holds something for (0 once all are deleted). */
  public int remembered() {
    return memories.stream().mapToInt(ResourceMemory::size).max().orElse(0);
  }

  public void forget(String uid) {
    polling.forget(uid);
    backoff.reset(uid);
    phases.forget(uid);
    memories.forEach(m -> m.forget(uid));
  }
}
