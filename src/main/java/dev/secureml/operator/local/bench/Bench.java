package dev.secureml.operator.local.bench;

import dev.secureml.operator.local.bench.PhaseResult.OperationRow;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench: the same workload in phases, each in a fresh in-process emulator, API server and
 * operator. First with the SageMaker rate limit lifted, to the end (operator overhead, calls per
 * job, staleness, memory), with adaptive and, if asked, fixed-interval polling; then at the
 * configured budget until every job is submitted (does the token bucket pace creates at
 * N / rate, and does any second go over it).
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
    if (options.warmupJobs() > 0) {
      progress.accept("bench: warming up with " + options.warmupJobs() + " jobs (not reported)");
      new BenchPhase(options.withWorkload(options.warmupJobs(), Math.min(options.endpoints(), 5)),
          new BenchPhase.Plan("warm-up", BenchOptions.Polling.ADAPTIVE, BenchPhase.LIFTED,
              (int) BenchPhase.LIFTED, true, false)).run();
    }
    List<BenchPhase.Plan> plans = plans();
    List<PhaseResult> phases = new ArrayList<>();
    for (BenchPhase.Plan plan : plans) {
      progress.accept("bench: phase " + (phases.size() + 1) + "/" + plans.size() + ", "
          + plan.name());
      phases.add(new BenchPhase(options, plan).run());
    }
    return new BenchReport(options, phases, violations(phases));
  }

  /** Lifted to the end (memory measured in the first), then at budget until submitted. */
  private List<BenchPhase.Plan> plans() {
    BenchOptions.Polling first = options.polling() == BenchOptions.Polling.FIXED
        ? BenchOptions.Polling.FIXED : BenchOptions.Polling.ADAPTIVE;
    List<BenchPhase.Plan> plans = new ArrayList<>();
    plans.add(new BenchPhase.Plan("rate limit lifted, " + name(first) + " polling", first,
        BenchPhase.LIFTED, (int) BenchPhase.LIFTED, true, true));
    if (options.polling() == BenchOptions.Polling.BOTH) {
      plans.add(new BenchPhase.Plan("rate limit lifted, fixed polling",
          BenchOptions.Polling.FIXED, BenchPhase.LIFTED, (int) BenchPhase.LIFTED, true, false));
    }
    plans.add(new BenchPhase.Plan("at budget, " + name(first) + " polling", first,
        options.callsPerSecond(), options.burst(), false, false));
    return plans;
  }

  private static String name(BenchOptions.Polling polling) {
    return polling.name().toLowerCase(java.util.Locale.ROOT);
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
    for (PhaseResult full : phases.subList(0, phases.size() - 1)) {
      if (full.convergeSeconds() == null || full.jobsCompleted() != full.jobs()
          || full.endpointsInService() != full.endpoints()) {
        broken.add(full.name() + ": did not converge: " + full.jobsCompleted() + "/"
            + full.jobs() + " jobs Completed, " + full.endpointsInService() + "/"
            + full.endpoints() + " endpoints InService");
      }
    }
    return broken;
  }
}
