package dev.secureml.operator.local.bench;

import static dev.secureml.operator.local.bench.OptionChecks.atLeast;
import static dev.secureml.operator.local.bench.OptionChecks.atMost;
import static dev.secureml.operator.local.bench.OptionChecks.fraction;
import static dev.secureml.operator.local.bench.OptionChecks.positive;

import java.time.Duration;

/**
 * What one chaos run does: the bench workload while AWS fails calls, the operator restarts and
 * resources are deleted and changed under it.
 *
 * @param jobs SecureTrainingJobs to create
 * @param endpoints ModelEndpoints to create (every other one autoscaled)
 * @param namespaces namespaces the resources are spread over
 * @param speed the emulator's time factor; poll intervals are divided by it too
 * @param throttleRate share of SageMaker, Application Auto Scaling and CloudWatch Logs calls
 *     answered with ThrottlingException
 * @param serverErrorRate share answered with HTTP 500 or 503
 * @param lostAnswerRate share of the successful creates of owned SageMaker resources answered
 *     with HTTP 500 all the same (done, the answer lost), so the operator must adopt on retry
 * @param seed seeds the faults, the resources chosen for deletion and change, and the moments
 *     of the restarts: the same seed replays the same run as far as thread timing allows
 * @param restarts operator restarts: the first three in the middle of creates, deletes and
 *     endpoint updates (in that order of priority), the rest at random moments after them
 * @param sageMakerRate SageMaker calls per second per operation; 0 lifts the limit
 * @param burst the token bucket's burst when a rate is given
 * @param logLinesPerSecond lines each training container writes per emulated second
 * @param applyThreads threads that create the CRs through the Kubernetes client
 * @param timeout how long the run may take to converge once the faults have stopped
 */
public record ChaosOptions(int jobs, int endpoints, int namespaces, double speed,
    double throttleRate, double serverErrorRate, double lostAnswerRate, long seed, int restarts, double sageMakerRate,
    int burst, double logLinesPerSecond, int applyThreads, Duration timeout) {

  /** Share of the CRs (jobs and endpoints each) deleted while they run or roll out. */
  public static final double DELETE_SHARE = 0.20;
  /** Share of the endpoints given a new model version once InService (blue/green update). */
  public static final double UPDATE_SHARE = 0.10;
  /** The longest --timeout taken: beyond it a run is a mistake (and Instant.plus overflows). */
  public static final Duration MAX_TIMEOUT = Duration.ofHours(24);

  public ChaosOptions {
    atLeast("--jobs", jobs, 1);
    atLeast("--endpoints", endpoints, 0);
    atLeast("--namespaces", namespaces, 1);
    atLeast("--restarts", restarts, 0);
    atLeast("--burst", burst, 1);
    atLeast("--apply-threads", applyThreads, 1);
    positive("--speed", speed);
    fraction("--throttle-rate", throttleRate);
    fraction("--server-error-rate", serverErrorRate);
    fraction("--lost-answer-rate", lostAnswerRate);
    if (throttleRate + serverErrorRate > 1) {
      throw new IllegalArgumentException("--throttle-rate and --server-error-rate together must"
          + " not exceed 1, not " + (throttleRate + serverErrorRate));
    }
    if (sageMakerRate != 0) {
      positive("--rate", sageMakerRate);
    }
    if (!(logLinesPerSecond >= 0) || Double.isInfinite(logLinesPerSecond)) {
      throw new IllegalArgumentException("--log-lines-per-second must be a number >= 0, not "
          + logLinesPerSecond);
    }
    positive("--timeout", timeout);
    atMost("--timeout", timeout, MAX_TIMEOUT);
  }

  /** How many of {@code total} resources a share picks: at least one when there are any. */
  static int share(int total, double share) {
    return total == 0 ? 0 : Math.max(1, (int) Math.round(total * share));
  }

  /** A duration in emulated time as the wall-clock time it takes at this speed. */
  Duration real(Duration emulated) {
    return BenchTime.real(emulated, speed);
  }
}
