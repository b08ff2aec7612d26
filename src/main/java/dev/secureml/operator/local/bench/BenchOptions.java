package dev.secureml.operator.local.bench;

import static dev.secureml.operator.local.bench.OptionChecks.atLeast;
import static dev.secureml.operator.local.bench.OptionChecks.atMost;
import static dev.secureml.operator.local.bench.OptionChecks.positive;

import java.time.Duration;

/**
 * What one bench run does.
 *
 * @param jobs SecureTrainingJobs to create
 * @param endpoints ModelEndpoints to create (explicit image and model artifact)
 * @param namespaces namespaces the resources are spread over, round robin
 * @param speed the emulator's time factor; the operator's poll intervals are divided by it too,
 *     so polls per SageMaker status change stay what they would be at speed 1
 * @param callsPerSecond the operator's SageMaker budget per operation in the budgeted phase
 * @param burst the token bucket's burst in the budgeted phase
 * @param polling adaptive (the operator's default), a fixed interval, or both side by side
 * @param fixedInterval the fixed poll interval, in emulated time (ACK polls every 30 s)
 * @param cached extra CRs (policy-rejected jobs) created before the heap is measured
 * @param applyThreads threads that create the CRs through the Kubernetes client
 * @param warmupJobs jobs of an unreported first run, so the JIT has compiled the hot paths
 *     before anything is measured and the phases' order does not bias them; 0 = none
 * @param timeout how long to wait for every resource to converge
 */
public record BenchOptions(int jobs, int endpoints, int namespaces, double speed,
    double callsPerSecond, int burst, Polling polling, Duration fixedInterval, int cached,
    int applyThreads, int warmupJobs, Duration timeout) {

  /** How the operator decides when to describe a running SageMaker resource again. */
  public enum Polling { ADAPTIVE, FIXED, BOTH }

  /** The same options for a smaller workload. */
  BenchOptions withWorkload(int jobCount, int endpointCount) {
    return new BenchOptions(jobCount, endpointCount, namespaces, speed, callsPerSecond, burst,
        polling, fixedInterval, 0, applyThreads, 0, timeout);
  }

  public BenchOptions {
    atLeast("--jobs", jobs, 1);
    atLeast("--endpoints", endpoints, 0);
    atLeast("--namespaces", namespaces, 1);
    atLeast("--cached", cached, 0);
    atLeast("--apply-threads", applyThreads, 1);
    atLeast("--warmup-jobs", warmupJobs, 0);
    atLeast("--burst", burst, 1);
    positive("--speed", speed);
    positive("--rate", callsPerSecond);
    positive("--poll-interval", fixedInterval);
    positive("--timeout", timeout);
    atMost("--timeout", timeout, ChaosOptions.MAX_TIMEOUT);
  }
}
