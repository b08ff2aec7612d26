package dev.secureml.operator.local.bench;

import java.util.List;
import java.util.Map;

/**
 * What one phase of a bench run measured. Call counts come from the emulator, write counts
 * from the embedded API server; nothing here is the operator's own account of itself.
 *
 * @param budget SageMaker calls per second per operation the operator was given, 0 = lifted
 * @param burst the token bucket's burst
 * @param createLatencyMs apply -> accepted CreateTrainingJob, p50/p95/p99/max in milliseconds
 * @param submitSeconds first apply -> last CreateTrainingJob accepted
 * @param paceSeconds first -> last CreateTrainingJob accepted: the token bucket's pacing
 * @param expectedSubmitSeconds (jobs - burst) / budget when budgeted, else null
 * @param convergeSeconds first apply -> every job Completed and endpoint InService; null when
 *     the phase did not wait for it or it timed out
 * @param cpuSeconds CPU of the whole process (operator, emulator, API server, bench) meanwhile
 * @param createsPerJobMax the most CreateTrainingJob calls accepted for one job name
 * @param duplicateResources CRs owning more than one SageMaker resource of a type (by tags)
 * @param throttlesSurfaced Throttled/AwsUnavailable Events and conditions on the CRs
 * @param polling how the operator polled in this phase
 * @param staleness SageMaker status change -> the CR shows it; null when not waited for
 * @param memory measured at the end of the phase, or null
 */
public record PhaseResult(String name, String polling, double budget, int burst, int jobs,
    int endpoints, double wallSeconds, double cpuSeconds, Latency createLatencyMs, double submitSeconds,
    double paceSeconds, Double expectedSubmitSeconds, Double convergeSeconds, int jobsCompleted,
    int endpointsInService, List<OperationRow> sageMakerCalls, Map<String, Long> kubeWrites,
    double kubeWritesPerResource, long createsPerJobMax, long jobsWithoutCreate,
    long duplicateResources, long throttlesAtEmulator, long throttlesSurfaced,
    Staleness staleness, Memory memory) {

  /**
   * @param statusChanges status changes the emulator made
   * @param shown how many of them a CR came to show (the rest fell between two polls)
   * @param p50Seconds staleness of the shown ones, in emulated seconds (real x speed)
   */
  public record Staleness(int statusChanges, int shown, double p50Seconds, double p95Seconds) {}

  public record Latency(long p50, long p95, long p99, long max) {}

  /**
   * One SageMaker operation: calls counted by the emulator, per resource of its family (jobs for
   * training operations, endpoints for the rest), against the least that could do. Every call
   * counts against AWS's rate, refused ones (e.g. a Describe answering "not found") too.
   *
   * @param refused calls answered with a client error other than throttling
   * @param minimumPerResource 1 per create, 1 describe per status the emulator went through
   *     (what a poller needs to see every status; fewer means some statuses were never seen);
   *     null when the operation is not needed at all
   * @param perResource all calls of the operation per job or endpoint
   * @param busiestSecond most calls (any outcome) within one calendar second
   * @param secondBudget what the token bucket allows in one second (burst + rate); 0 = lifted
   */
  public record OperationRow(String operation, long calls, long accepted, long refused,
      long throttled, long serverErrors, String per, double perResource, Double minimumPerResource,
      long busiestSecond, long secondBudget) {}

  /** The same figures with the memory measured after the phase. */
  public PhaseResult withMemory(Memory measured) {
    return new PhaseResult(name, polling, budget, burst, jobs, endpoints, wallSeconds,
        cpuSeconds, createLatencyMs, submitSeconds, paceSeconds, expectedSubmitSeconds,
        convergeSeconds, jobsCompleted, endpointsInService, sageMakerCalls, kubeWrites,
        kubeWritesPerResource, createsPerJobMax, jobsWithoutCreate, duplicateResources,
        throttlesAtEmulator, throttlesSurfaced, staleness, measured);
  }

  /**
   * @param cachedResources CRs in the API server (and so in the informer caches)
   * @param heapAfterGcMiB used heap after a full GC: operator, emulator and API server together
   * @param operatorHeapMiB what stopping the operator freed (its caches and state): the
   *     operator's own share of the heap
   * @param rssMiB the process's resident set (VmRSS), with the operator running
   */
  public record Memory(int cachedResources, double heapAfterGcMiB, double operatorHeapMiB,
      double rssMiB) {}
}
