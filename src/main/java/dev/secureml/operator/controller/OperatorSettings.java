package dev.secureml.operator.controller;

import java.time.Duration;
import dev.secureml.operator.controller.logs.LogOptions;
import java.util.Set;

/**
 * How the operator runs.
 *
 * @param namespaces namespaces to watch for namespaced resources; empty = all
 * @param pollMin poll interval right after a change in SageMaker
 * @param pollMax poll interval ceiling while nothing changes
 * @param useServerSideApply patch status with server-side apply. Off by default: an apply
 *     sends the whole status, so it would put back the status.logs checkpoints of the copy the
 *     reconcile started from; a JSON-patch diff leaves fields it did not change alone (and the
 *     sandbox's API server has no server-side apply at all)
 * @param logs log forwarding
 */
public record OperatorSettings(Set<String> namespaces, Duration pollMin, Duration pollMax,
    boolean useServerSideApply, int reconcileThreads, LogOptions logs) {

  public static OperatorSettings defaults() {
    return new OperatorSettings(Set.of(), Duration.ofSeconds(15), Duration.ofMinutes(5), false,
        10, LogOptions.defaults());
  }

  public OperatorSettings withLogs(LogOptions options) {
    return new OperatorSettings(namespaces, pollMin, pollMax, useServerSideApply,
        reconcileThreads, options);
  }

  public OperatorSettings withPolling(Duration min, Duration max) {
    return new OperatorSettings(namespaces, min, max, useServerSideApply, reconcileThreads,
        logs);
  }

  public OperatorSettings withServerSideApply(boolean on) {
    return new OperatorSettings(namespaces, pollMin, pollMax, on, reconcileThreads, logs);
  }

  public OperatorSettings withNamespaces(Set<String> watched) {
    return new OperatorSettings(Set.copyOf(watched), pollMin, pollMax, useServerSideApply,
        reconcileThreads, logs);
  }
}
