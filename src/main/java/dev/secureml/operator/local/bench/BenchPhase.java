package dev.secureml.operator.local.bench;

import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.controller.OperatorAssembly;
import dev.secureml.operator.controller.OperatorSettings;
import dev.secureml.operator.controller.logs.LogOptions;
import dev.secureml.operator.local.bench.PhaseResult.Memory;
import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.local.emulator.CallCounter.OperationCalls;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.local.kube.EmbeddedKubernetes;
import dev.secureml.operator.sagemaker.AwsSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One phase of a bench run, in a fresh emulator, API server and operator: create the workload
 * concurrently, wait until every job is submitted (and, if asked, until everything has
 * converged), then read the figures from the emulator and the API server.
 */
final class BenchPhase {
  /** A rate that never makes the operator wait: the limit lifted. */
  static final double LIFTED = 1_000_000;
  private static final Duration WATCH_INTERVAL = Duration.ofMillis(500);

  /**
   * @param rate SageMaker calls per second per operation, {@link #LIFTED} for no limit
   * @param awaitConvergence wait until every job Completed and endpoint InService
   * @param measureMemory create the extra cached CRs and measure heap and RSS at the end
   */
  record Plan(String name, BenchOptions.Polling polling, double rate, int burst,
      boolean awaitConvergence, boolean measureMemory) {}

  private final BenchOptions options;
  private final Plan plan;

  BenchPhase(BenchOptions options, Plan plan) {
    this.options = options;
    this.plan = plan;
  }

  PhaseResult run() throws InterruptedException {
    EmulatorOptions emulatorOptions = EmulatorOptions.defaults().withSpeed(options.speed())
        // Log forwarding is measured by bench-logs; here lines would only fill the heap.
        .withLogLinesPerSecond(0);
    BenchWorkload workload = BenchWorkload.load(options.namespaces());
    try (AwsEmulator emulator = AwsEmulator.start(emulatorOptions);
        EmbeddedKubernetes kube = EmbeddedKubernetes.start("127.0.0.1", 0)) {
      KubernetesClient client = kube.client();
      workload.namespaces().forEach(ns -> client.resource(ns).create());
      // The policy exists before the operator starts, so its first list already holds it.
      client.resource(workload.policy()).create();
      // Held only here, so once stopped the operator's caches can be collected and measured.
      AtomicReference<OperatorAssembly> running = new AtomicReference<>(
          OperatorAssembly.create(client, new AwsSettings(emulatorOptions.region(),
              emulator.endpoint(), AwsSettings.DEFAULT_MAX_ATTEMPTS, plan.rate(), plan.burst()),
              operatorSettings(), new SimpleMeterRegistry()));
      Runnable stop = () -> {
        OperatorAssembly operator = running.getAndSet(null);
        if (operator != null) {
          operator.close();
        }
      };
      try {
        running.get().start();
        RestartingOperator.awaitReady(running.get());
        PhaseResult result = measure(workload, emulator, kube);
        return plan.measureMemory() ? result.withMemory(memory(workload, emulator, client,
            stop)) : result;
      } finally {
        stop.run();
      }
    }
  }

  private PhaseResult measure(BenchWorkload workload, AwsEmulator emulator,
      EmbeddedKubernetes kube) throws InterruptedException {
    KubernetesClient client = kube.client();
    emulator.journal().clear();
    emulator.calls().clear();
    kube.writes().clear();
    List<HasMetadata> objects = new ArrayList<>();
    for (int i = 0; i < options.jobs(); i++) {
      objects.add(workload.job(i));
    }
    for (int i = 0; i < options.endpoints(); i++) {
      objects.add(workload.endpoint(i));
    }
    // Arrival order as many clients would produce it, the same in every run.
    Collections.shuffle(objects, new Random(42));
    StatusWatch watch = StatusWatch.start(client);
    double cpuStart = ProcessStats.cpuSeconds();
    Instant start = Instant.now();
    Map<String, Instant> applied = BenchWorkload.createConcurrently(client, objects,
        options.applyThreads());
    Instant converged = awaitDone(emulator, watch, start.plus(options.timeout()));
    Instant end = Instant.now();
    double cpu = ProcessStats.cpuSeconds() - cpuStart;
    watch.close();
    ClusterCheck cluster = new ClusterCheck(client);
    PhaseResult.Staleness staleness = converged == null ? null
        : watch.staleness(emulator.trainingJobStatusHistory(), options.speed());
    List<SecureTrainingJob> jobs = cluster.jobs();
    List<ModelEndpoint> endpoints = cluster.endpoints();
    CallAnalysis calls = new CallAnalysis(emulator);
    Instant lastCreate = calls.lastCreate();
    Map<String, Long> writes = kube.writes().snapshot();
    long writeTotal = writes.values().stream().mapToLong(Long::longValue).sum();
    List<HasMetadata> owners = new ArrayList<>(jobs);
    owners.addAll(endpoints);
    String polling = plan.polling() == BenchOptions.Polling.FIXED
        ? "fixed " + options.fixedInterval().toSeconds() + " s" : "adaptive";
    return new PhaseResult(plan.name(), polling, plan.rate() >= LIFTED ? 0 : plan.rate(),
        plan.burst(),
        options.jobs(), options.endpoints(), seconds(start, end), cpu,
        calls.createLatency(applied),
        lastCreate == null ? Double.NaN : seconds(start, lastCreate),
        lastCreate == null ? Double.NaN : seconds(calls.firstCreate(), lastCreate),
        plan.rate() >= LIFTED ? null
            : Math.max(0, options.jobs() - plan.burst()) / plan.rate(),
        converged == null ? null : seconds(start, converged),
        ClusterCheck.inPhase(jobs, "Completed", ClusterCheck::jobPhase),
        ClusterCheck.inPhase(endpoints, "InService", ClusterCheck::endpointPhase),
        calls.rows(options.jobs(), options.endpoints(), plan.rate() >= LIFTED ? 0 : plan.rate(),
            plan.burst()),
        writes, writeTotal / (double) objects.size(), calls.createsPerJobMax(),
        calls.jobsWithoutCreate(options.jobs()),
        ClusterCheck.duplicateResources(emulator, owners), calls.throttles(),
        cluster.throttlesSurfaced(jobs, endpoints), staleness, null);
  }

  /**
   * Adds the extra cached CRs, waits until the operator has judged them, measures, then stops
   * the operator and measures again: the difference is what the operator itself holds.
   */
  private Memory memory(BenchWorkload workload, AwsEmulator emulator, KubernetesClient client,
      Runnable stopOperator) throws InterruptedException {
    List<HasMetadata> rejected = new ArrayList<>();
    for (int i = 0; i < options.cached(); i++) {
      rejected.add(workload.rejectedJob(i));
    }
    try (StatusWatch watch = StatusWatch.start(client)) {
      BenchWorkload.createConcurrently(client, rejected, options.applyThreads());
      Instant deadline = Instant.now().plus(options.timeout());
      while (watch.jobsIn("Rejected") < options.cached() && Instant.now().isBefore(deadline)) {
        Thread.sleep(WATCH_INTERVAL.toMillis());
      }
    }
    // The journal keeps request bodies for tests; it is the emulator's, not the operator's.
    emulator.journal().clear();
    int total = options.jobs() + options.endpoints() + options.cached();
    double all = ProcessStats.heapAfterGcMiB();
    double rss = ProcessStats.rssMiB();
    stopOperator.run();
    Thread.sleep(1000); // the operator's threads finish what they were doing and let go
    return new Memory(total, all, all - ProcessStats.heapAfterGcMiB(), rss);
  }

  /**
   * Waits until every job is submitted and, when the plan asks, everything has converged.
   *
   * @return when it converged; null when not asked or past the deadline
   */
  private Instant awaitDone(AwsEmulator emulator, StatusWatch watch, Instant deadline)
      throws InterruptedException {
    while (Instant.now().isBefore(deadline)) {
      if (submitted(emulator) >= options.jobs()
          && (!plan.awaitConvergence() || convergedNow(watch))) {
        return plan.awaitConvergence() ? Instant.now() : null;
      }
      Thread.sleep(WATCH_INTERVAL.toMillis());
    }
    return null;
  }

  private boolean convergedNow(StatusWatch watch) {
    return watch.jobsIn("Completed") == options.jobs()
        && watch.endpointsIn("InService") == options.endpoints();
  }

  private static long submitted(AwsEmulator emulator) {
    return emulator.calls().snapshot().stream()
        .filter(c -> c.target().equals("SageMaker.CreateTrainingJob"))
        .mapToLong(OperationCalls::accepted).sum();
  }

  /** The operator's own defaults, with poll intervals in emulated time. */
  private OperatorSettings operatorSettings() {
    OperatorSettings defaults = OperatorSettings.defaults();
    boolean fixed = plan.polling() == BenchOptions.Polling.FIXED;
    Duration min = fixed ? options.fixedInterval() : defaults.pollMin();
    Duration max = fixed ? options.fixedInterval() : defaults.pollMax();
    return defaults.withServerSideApply(false)
        .withPolling(emulated(min), emulated(max))
        .withLogs(LogOptions.defaults().disabled());
  }

  private Duration emulated(Duration d) {
    return BenchTime.real(d, options.speed());
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }
}
