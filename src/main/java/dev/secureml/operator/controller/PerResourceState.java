package dev.secureml.operator.controller;

import dev.secureml.operator.metrics.ResourcePhaseMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What a controller remembers per resource between reconciles — its polling interval, its retry
 * backoff and its phase gauge — so a deleted resource is forgotten in one call.
 */
public record PerResourceState(PollingSchedule polling, RetryBackoff backoff,
    ResourcePhaseMetrics phases) {

  public static PerResourceState of(OperatorSettings settings, MeterRegistry registry,
      String kind) {
    return new PerResourceState(new PollingSchedule(settings.pollMin(), settings.pollMax()),
        new RetryBackoff(settings.pollMin(), settings.pollMax()),
        new ResourcePhaseMetrics(registry, kind));
  }

  public void forget(String uid) {
    polling.forget(uid);
    backoff.reset(uid);
    phases.forget(uid);
  }
}
