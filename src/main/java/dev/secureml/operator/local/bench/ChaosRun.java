package dev.secureml.operator.local.bench;

import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.controller.OperatorSettings;
import dev.secureml.operator.controller.logs.LogOptions;
import dev.secureml.operator.local.bench.SageMakerAudit.Owner;
import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.local.emulator.CallCounter.OperationCalls;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.local.emulator.FaultInjector;
import dev.secureml.operator.local.emulator.LostAnswers;
import dev.secureml.operator.local.kube.EmbeddedKubernetes;
import dev.secureml.operator.logs.LogForwarderSettings;
import dev.secureml.operator.sagemaker.AwsSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Comparator;
import java.util.function.Consumer;

/**
 * {@code bench --chaos}: the bench workload in one emulator, API server and log sink while AWS
 * throttles and fails calls, the operator restarts ({@link RestartingOperator}) and CRs are
 * deleted and changed under it ({@link ChaosScript}). Then the faults stop and the run waits
 * until everything has converged, and checks for duplicates, orphans, unconverged CRs and lost
 * or repeated log lines ({@link ChaosCheck}).
 */
public final class ChaosRun {
  private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(30);
  private static final int PROBLEMS_SHOWN = 20;

  private final ChaosOptions options;

  public ChaosRun(ChaosOptions options) {
    this.options = options;
  }

  public ChaosReport run(Consumer<String> progress) throws InterruptedException {
    LogForwarderSettings forwarder = LogForwarderSettings.defaults();
    EmulatorOptions emulatorOptions = EmulatorOptions.defaults().withSpeed(options.speed())
        .withThrottleRate(options.throttleRate()).withServerErrorRate(options.serverErrorRate())
        .withSeed(options.seed()).withLogLinesPerSecond(options.logLinesPerSecond())
        // AWS's quotas as well as the random faults, as bench-logs runs them
        .withLogsQuota(forwarder.getLogEventsPerSecond(), forwarder.describeStreamsPerSecond(),
            forwarder.filterReads().perSecond());
    ChaosPlan plan = ChaosPlan.draw(options);
    BenchWorkload workload = BenchWorkload.load(options.namespaces());
    RecordingLogSink sink = new RecordingLogSink();
    try (AwsEmulator emulator = AwsEmulator.start(emulatorOptions);
        EmbeddedKubernetes kube = EmbeddedKubernetes.start("127.0.0.1", 0)) {
      emulator.faults().injectInto(FaultInjector.SERVICES);
      emulator.faults().lostAnswers().loseAfterCommit(LostAnswers.CREATES,
          options.lostAnswerRate());
      KubernetesClient client = kube.client();
      workload.namespaces().forEach(ns -> client.resource(ns).create());
      client.resource(workload.policy()).create();
      Instant start = Instant.now();
      double cpuStart = ProcessStats.cpuSeconds();
      try (StatusWatch watch = StatusWatch.start(client);
          RestartingOperator operator = new RestartingOperator(client,
              awsSettings(emulatorOptions, emulator), operatorSettings(sink), start)) {
        operator.start();
        ChaosScript script = new ChaosScript(options, plan, workload, client, emulator, watch,
            operator);
        progress.accept("chaos: applying " + (options.jobs() + options.endpoints()) + " CRs");
        script.applyAll();
        Map<String, Owner> created = created(client);
        progress.accept("chaos: deleting " + (plan.deletedJobs().size()
            + plan.deletedEndpoints().size()) + " CRs while they run");
        script.deleteWhileRunning();
        progress.accept("chaos: changing " + plan.updatedEndpoints().size() + " endpoints");
        script.changeEndpoints();
        script.restartLater();
        emulator.faults().stop();
        Instant calm = Instant.now();
        progress.accept("chaos: faults stopped after " + operator.restarts().size()
            + " restarts; waiting for convergence");
        ChaosCheck check = new ChaosCheck(created, watch, emulator.inventory(), sink);
        Instant converged = awaitConvergence(check, script, calm.plus(options.timeout()),
            progress);
        ChaosCheck.Result end = check.check(script.deleted(), script.deletedRunning());
        double wall = RestartingOperator.seconds(start, Instant.now());
        double cpu = ProcessStats.cpuSeconds() - cpuStart;
        ClusterCheck cluster = new ClusterCheck(client);
        List<SecureTrainingJob> jobs = cluster.jobs();
        List<ModelEndpoint> endpoints = cluster.endpoints();
        return report(operator, script, emulator, end, converged == null ? null
            : RestartingOperator.seconds(calm, converged), wall, cpu, jobs.size(),
            endpoints.size(), cluster.throttlesSurfaced(jobs, endpoints));
      }
    }
  }

  /** Every CR the run created, by uid, read back once all are applied (none deleted yet). */
  private static Map<String, Owner> created(KubernetesClient client) {
    Map<String, Owner> owners = new HashMap<>();
    ClusterCheck cluster = new ClusterCheck(client);
    for (SecureTrainingJob j : cluster.jobs()) {
      owners.put(j.getMetadata().getUid(), new Owner(j.getKind(), j.getMetadata().getNamespace(),
          j.getMetadata().getName(), j.getMetadata().getUid(), true, null));
    }
    for (ModelEndpoint e : cluster.endpoints()) {
      owners.put(e.getMetadata().getUid(), new Owner(e.getKind(), e.getMetadata().getNamespace(),
          e.getMetadata().getName(), e.getMetadata().getUid(), true,
          e.getSpec().model.modelDataUrl));
    }
    return owners;
  }

  /** @return when everything had converged, or null at the deadline */
  private static Instant awaitConvergence(ChaosCheck check, ChaosScript script,
      Instant deadline, Consumer<String> progress) throws InterruptedException {
    Instant nextNote = Instant.now().plus(PROGRESS_INTERVAL);
    while (Instant.now().isBefore(deadline)) {
      ChaosCheck.Result now = check.check(script.deleted(), script.deletedRunning());
      if (now.converged()) {
        return Instant.now();
      }
      if (Instant.now().isAfter(nextNote)) {
        nextNote = Instant.now().plus(PROGRESS_INTERVAL);
        progress.accept("chaos: waiting for " + now.unconverged() + " CRs, "
            + now.orphans() + " orphans, "
            + now.sageMaker().unreferenced().size() + " replaced parts and "
            + now.logs().lost() + " of " + now.logs().written() + " log lines; e.g. "
            + now.problems().findFirst().orElse("(log lines only)"));
      }
      Thread.sleep(CHECK_INTERVAL.toMillis());
    }
    return null;
  }

  private ChaosReport report(RestartingOperator operator, ChaosScript script,
      AwsEmulator emulator, ChaosCheck.Result end, Double convergeSeconds, double wall,
      double cpu, int jobs, int endpoints, long surfaced) {
    var sm = end.sageMaker();
    List<String> problems = end.problems().limit(PROBLEMS_SHOWN).toList();
    LostAnswers lost = emulator.faults().lostAnswers();
    StopOnDeleteAudit.Result stops = end.stops();
    ChaosReport draft = new ChaosReport(options, options.sageMakerRate(), operator.restarts(),
        script.deletions(), script.endpointUpdates(), emulator.faults().injected(),
        lost.lost(), lost.alreadyExists(), new ChaosReport.StopsOnDelete(stops.deletedRunning(),
            stops.stopped(), stops.finishedFirst(), stops.neverStopped().size()),
        calls(emulator), jobs, endpoints, sm.duplicates().size(), end.orphans(),
        sm.unreferenced().size(), end.unconverged(), end.logs(), convergeSeconds, wall, cpu,
        surfaced, problems, List.of());
    return draft.withViolations(ChaosVerdict.violations(draft));
  }

  private static List<ChaosReport.OperationCalls> calls(AwsEmulator emulator) {
    return emulator.calls().snapshot().stream()
        .filter(c -> FaultInjector.SERVICES.contains(c.target().substring(0,
            c.target().indexOf('.'))))
        .sorted(Comparator.comparing(OperationCalls::target))
        .map(c -> new ChaosReport.OperationCalls(c.target(), c.total(), c.throttled(),
            c.serverErrors()))
        .toList();
  }

  private AwsSettings awsSettings(EmulatorOptions emulatorOptions, AwsEmulator emulator) {
    boolean lifted = options.sageMakerRate() == 0;
    return new AwsSettings(emulatorOptions.region(), emulator.endpoint(),
        AwsSettings.DEFAULT_MAX_ATTEMPTS, lifted ? BenchPhase.LIFTED : options.sageMakerRate(),
        lifted ? (int) BenchPhase.LIFTED : options.burst());
  }

  /** Defaults, poll intervals in emulated time, every log line to the recording sink. */
  private OperatorSettings operatorSettings(RecordingLogSink sink) {
    OperatorSettings defaults = OperatorSettings.defaults();
    return defaults.withServerSideApply(false)
        .withPolling(options.real(defaults.pollMin()), options.real(defaults.pollMax()))
        .withLogs(LogOptions.defaults().withStdoutJson(false).withExtraSinks(List.of(sink)));
  }
}
