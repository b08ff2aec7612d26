package dev.secureml.operator.local.bench;

import dev.secureml.operator.local.emulator.FaultInjector;
import java.util.List;
import java.util.Map;

/**
 * What a chaos run did and found. Every finding comes from the emulator's tables and the API
 * server, never from the operator's own counters.
 *
 * @param sageMakerBudget SageMaker calls per second per operation the operator had; 0 = lifted
 * @param restarts each operator restart: when, in the middle of what, how long it was down
 * @param deletions CRs deleted, by what they were doing at the time
 * @param endpointUpdates endpoints given a new model version (blue/green updates)
 * @param faults faults the emulator injected, per service, code and HTTP status
 * @param lostAnswers post-commit faults: creates carried out but answered HTTP 500, per
 *     operation ({@code SageMaker.CreateTrainingJob})
 * @param alreadyExists "already exists" answers the emulator gave to creates, per operation:
 *     the retries after lost answers (and after restarts) that must adopt
 * @param stopsOnDelete training jobs whose CR was deleted while SageMaker ran them, and what
 *     became of them
 * @param calls calls the emulator answered, per operation (S3 and SageMaker Runtime left out)
 * @param jobsSurviving SecureTrainingJobs not deleted
 * @param endpointsSurviving ModelEndpoints not deleted
 * @param duplicates CRs owning more than one training job, endpoint or monitoring resource
 * @param orphans live SageMaker resources, scalable targets and scaling policies of deleted
 *     CRs, and jobs deleted while running that ran on unstopped
 * @param unreferenced models and configs a surviving endpoint no longer serves
 * @param unconverged surviving CRs not Completed / InService with their latest spec (by the CR
 *     and by SageMaker), and deleted CRs still in the API server
 * @param logs training log lines of the surviving jobs, written against received
 * @param convergeSeconds from the last fault (the faults stopped after the last restart) until
 *     everything converged; null when it did not within the timeout
 * @param throttlesSurfaced Throttled/AwsUnavailable Events and conditions on the CRs at the end
 * @param problems the first findings in words, for a reader to start from
 * @param violations the goals missed; empty when the run passed
 */
public record ChaosReport(ChaosOptions options, double sageMakerBudget, List<Restart> restarts,
    Map<String, Integer> deletions, int endpointUpdates, List<FaultInjector.Count> faults,
    Map<String, Long> lostAnswers, Map<String, Long> alreadyExists, StopsOnDelete stopsOnDelete,
    List<OperationCalls> calls, int jobsSurviving, int endpointsSurviving, long duplicates,
    long orphans, long unreferenced, long unconverged, LogTally logs, Double convergeSeconds,
    double wallSeconds, double cpuSeconds, long throttlesSurfaced, List<String> problems,
    List<String> violations) {

  /**
   * @param moment create, delete, update or later
   * @param atSeconds from the start of the run to the stop
   * @param situation what was in flight
   * @param stopSeconds how long the graceful stop took
   * @param downSeconds from the stop until the new operator was ready
   * @param situationHeld whether what the restart awaited (e.g. a first CreateTrainingJob
   *     accepted) came before it: false when it gave up waiting and restarted regardless
   */
  public record Restart(String moment, double atSeconds, String situation, double stopSeconds,
      double downSeconds, boolean situationHeld) {}

  /**
   * @param deletedRunning jobs whose CR was deleted while SageMaker showed them InProgress
   * @param stopped of those, Stopping or Stopped in SageMaker (a StopTrainingJob accepted)
   * @param finishedFirst of those, Completed or Failed before their CR left the API server
   * @param neverStopped of those, finished after their CR was gone: orphans (in the count)
   */
  public record StopsOnDelete(int deletedRunning, int stopped, int finishedFirst,
      int neverStopped) {}

  /** One operation's calls as the emulator answered them, e.g. Logs.FilterLogEvents. */
  public record OperationCalls(String operation, long calls, long throttled,
      long serverErrors) {}

  ChaosReport withViolations(List<String> missed) {
    return new ChaosReport(options, sageMakerBudget, restarts, deletions, endpointUpdates, faults,
        lostAnswers, alreadyExists, stopsOnDelete, calls, jobsSurviving, endpointsSurviving, duplicates, orphans, unreferenced, unconverged,
        logs, convergeSeconds, wallSeconds, cpuSeconds, throttlesSurfaced, problems,
        List.copyOf(missed));
  }

  public boolean passed() {
    return violations.isEmpty();
  }

  /** Faults injected in all, over every service and kind. */
  public long faultsInjected() {
    return faults.stream().mapToLong(FaultInjector.Count::count).sum();
  }
}
