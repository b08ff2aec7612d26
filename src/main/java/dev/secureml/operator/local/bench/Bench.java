package dev.secureml.operator.local.bench;

import dev.secureml.operator.local.bench.PhaseResult.OperationRow;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench: the same workload twice, each time in a fresh in-process emulator, API server and
 * operator. First with the SageMaker rate limit lifted, to the end (operator overhead, calls per
 * job, memory); then at the configured budget until every job is submitted (does the token
 * bucket pace creates at N / rate, and does any second go over it).
 */
public final class Bench {
  private final BenchOptions options;

  public Bench(BenchOptions options) {
    this.options = options;
  }

  public BenchReport run() throws InterruptedException {
    return run(message -> { });
  }

  /** As {@link #run()}, telling {@code progress} as each phase starts. */
  public BenchReport run(java.util.function.Consumer<String> progress)
      throws InterruptedException {
    progress.accept("bench: phase 1/2, SageMaker rate limit lifted, until all converge");
    PhaseResult lifted = new BenchPhase(options, new BenchPhase.Plan("rate limit lifted",
        BenchPhase.LIFTED, (int) BenchPhase.LIFTED, true, true)).run();
    progress.accept("bench: phase 2/2, at " + options.callsPerSecond()
        + " calls/s per operation, until all jobs are submitted");
    PhaseResult budgeted = new BenchPhase(options, new BenchPhase.Plan("at budget",
        options.callsPerSecond(), options.burst(), false, false)).run();
    List<PhaseResult> phases = List.of(lifted, budgeted);
    return new BenchReport(options, phases, violations(phases));
  }

  /** Every invariant the bench holds the operator to, as sentences; empty when all hold. */
  static List<String> violations(List<PhaseResult> phases) {
    List<String> broken = new ArrayList<>();
    for (PhaseResult p : phases) {
      String at = p.name() + ": ";
      if (p.createsPerJobMax() > 1) {
        broken.add(at + "a job was created " + p.createsPerJobMax() + " times in SageMaker");
      }
      if (p.jobsWithoutCreate() > 0) {
        broken.add(at + p.jobsWithoutCreate() + " jobs never reached CreateTrainingJob");
      }
      if (p.duplicateResources() > 0) {
        broken.add(at + p.duplicateResources() + " resources own duplicate SageMaker resources");
      }
      if (p.throttlesSurfaced() > 0) {
        broken.add(at + p.throttlesSurfaced() + " throttling reports reached the resources");
      }
      for (OperationRow row : p.sageMakerCalls()) {
        if (row.secondBudget() > 0 && row.busiestSecond() > row.secondBudget()) {
          broken.add(at + row.operation() + " made " + row.busiestSecond()
              + " calls in one second, over its budget of " + row.secondBudget());
        }
      }
    }
    PhaseResult full = phases.get(0);
    if (full.convergeSeconds() == null || full.jobsCompleted() != full.jobs()
        || full.endpointsInService() != full.endpoints()) {
      broken.add(full.name() + ": did not converge: " + full.jobsCompleted() + "/" + full.jobs()
          + " jobs Completed, " + full.endpointsInService() + "/" + full.endpoints()
          + " endpoints InService");
    }
    return broken;
  }
}
