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
 * @param captureDelay how long after a monitoring window ends its run starts: data capture
 *     writes files in batches, so the last records of a window land in S3 a little later
 */
public record OperatorSettings(Set<String> namespaces, Duration pollMin, Duration pollMax,
    boolean useServerSideApply, int reconcileThreads, LogOptions logs, Duration captureDelay) {

  public static OperatorSettings defaults() {
    return new OperatorSettings(Set.of(), Duration.ofSeconds(15), Duration.ofMinutes(5), false,
        10, LogOptions.defaults(), Duration.ofMinutes(2));
  }

  public OperatorSettings withLogs(LogOptions options) {
    return new OperatorSettings(namespaces, pollMin, pollMax, useServerSideApply,
        reconcileThreads, options, captureDelay);
  }

  public OperatorSettings withPolling(Duration min, Duration max) {
    return new OperatorSettings(namespaces, min, max, useServerSideApply, reconcileThreads,
        logs, captureDelay);
  }

  public OperatorSettings withServerSideApply(boolean on) {
    return new OperatorSettings(namespaces, pollMin, pollMax, on, reconcileThreads, logs,
        captureDelay);
  }

  public OperatorSettings withNamespaces(Set<String> watched) {
    return new OperatorSettings(Set.copyOf(watched), pollMin, pollMax, useServerSideApply,
        reconcileThreads, logs, captureDelay);
  }

  public OperatorSettings withCaptureDelay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("captureDelay must not be negative");
    }
    return new OperatorSettings(namespaces, pollMin, pollMax, useServerSideApply,
        reconcileThreads, logs, delay);
  }
}
