package dev.secureml.operator.local.bench;

import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.local.bench.ChaosPlan.Moment;
import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.local.emulator.CallCounter.OperationCalls;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The disturbances of a chaos run, in order: apply every CR concurrently (restarting the
 * operator halfway), delete a share of them while they run or roll out (restarting right after
 * some deletions), give a share of the endpoints a new model version (restarting right after),
 * then restart at random later moments. Each step reads the CRs from the watch's cache.
 */
final class ChaosScript {
  /** A new model artifact: a new Model and EndpointConfig, so a blue/green UpdateEndpoint. */
  static final String NEW_MODEL = "s3://fraud-models/artifacts/bench-v2/output/model.tar.gz";
  private static final Set<String> FINISHED = Set.of("Completed", "Failed", "Stopped");
  private static final Set<String> ROLLING_OUT = Set.of("Creating", "Updating");
  private static final Duration TICK = Duration.ofMillis(100);
  // Generous: a restart that gives up waiting fails the run, and an update of an endpoint still
  // rolling out (changed at the deadline) begins only once it is InService.
  private static final Duration AWAIT_CALLS = Duration.ofSeconds(60);
  private static final String CREATE_TRAINING_JOB = "SageMaker.CreateTrainingJob";
  private static final String CREATE_ENDPOINT_CONFIG = "SageMaker.CreateEndpointConfig";
  private static final String UPDATE_ENDPOINT = "SageMaker.UpdateEndpoint";

  private final ChaosOptions options;
  private final ChaosPlan plan;
  private final BenchWorkload workload;
  private final KubernetesClient client;
  private final AwsEmulator emulator;
  private final StatusWatch watch;
  private final RestartingOperator operator;
  private final Map<String, Integer> deletions = new TreeMap<>();
  private final Set<String> deleted = new HashSet<>();
  private final Set<String> updated = new HashSet<>();
  private final Map<String, String> deletedRunning = new TreeMap<>();

  ChaosScript(ChaosOptions options, ChaosPlan plan, BenchWorkload workload,
      KubernetesClient client, AwsEmulator emulator, StatusWatch watch,
      RestartingOperator operator) {
    this.options = options;
    this.plan = plan;
    this.workload = workload;
    this.client = client;
    this.emulator = emulator;
    this.watch = watch;
    this.operator = operator;
  }

  /** Applies every CR concurrently; the create restart comes once a share of them is in. */
  void applyAll() throws InterruptedException {
    List<HasMetadata> objects = new ArrayList<>();
    for (int i = 0; i < options.jobs(); i++) {
      objects.add(workload.job(i));
    }
    for (int i = 0; i < options.endpoints(); i++) {
      objects.add(endpoint(i));
    }
    Collections.shuffle(objects, new Random(options.seed()));
    int first = plan.restartsAt(Moment.CREATE)
        ? (int) Math.round(objects.size() * plan.createRestartAt()) : objects.size();
    BenchWorkload.createConcurrently(client, objects.subList(0, first), options.applyThreads());
    if (first == objects.size()) {
      return;
    }
    ExecutorService rest = Executors.newSingleThreadExecutor();
    try {
      Future<?> applying = rest.submit(() -> BenchWorkload.createConcurrently(client,
          objects.subList(first, objects.size()), options.applyThreads()));
      // Once SageMaker has the first job, the operator is in the thick of creating the rest.
      boolean held = awaitAccepted(CREATE_TRAINING_JOB, 1);
      operator.restart(Moment.CREATE, (watch.jobs().size() + watch.endpoints().size()) + " of "
          + objects.size() + " CRs in the API server, " + accepted(CREATE_TRAINING_JOB)
          + " CreateTrainingJob accepted", held);
      applying.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("applying the chaos workload failed", e.getCause());
    } finally {
      rest.shutdownNow();
    }
  }

  /** Every other endpoint autoscaled, so Application Auto Scaling is called (and fails) too. */
  private ModelEndpoint endpoint(int i) {
    ModelEndpoint ep = workload.endpoint(i);
    if (i % 2 == 1) {
      ModelEndpointSpec.Autoscaling scaling = new ModelEndpointSpec.Autoscaling();
      scaling.minInstances = 1;
      scaling.maxInstances = 2;
      scaling.targetInvocationsPerInstance = 100;
      ep.getSpec().autoscaling = scaling;
    }
    return ep;
  }

  /**
   * Deletes the chosen CRs once their training job runs or their endpoint rolls out (or has
   * already finished); those still waiting for SageMaker go at a deadline regardless.
   */
  void deleteWhileRunning() throws InterruptedException {
    Set<String> jobs = keys(plan.deletedJobs(), "job");
    Set<String> endpoints = keys(plan.deletedEndpoints(), "endpoint");
    int total = jobs.size() + endpoints.size();
    int restartAfter = plan.restartsAt(Moment.DELETE)
        ? Math.max(1, (int) Math.round(total * plan.deleteRestartAt())) : -1;
    // Only for a job SageMaker never gets: under faults and restarts creates can lag a while.
    Instant deadline = Instant.now().plus(max(Duration.ofSeconds(60),
        options.real(Duration.ofSeconds(600))));
    while (!jobs.isEmpty() || !endpoints.isEmpty()) {
      boolean late = Instant.now().isAfter(deadline);
      for (SecureTrainingJob job : watch.jobs()) {
        var s = job.getStatus();
        boolean created = s != null && s.trainingJobName != null;
        if (jobs.contains(key(job)) && (created || late)) {
          if (created) {
            noteIfRunning(s.trainingJobName, key(job));
          }
          delete(job, jobs, !created ? "job not yet created in SageMaker"
              : finished(s.phase) ? "job already " + s.phase : "job running");
          restartIfDue(restartAfter, total);
        }
      }
      for (ModelEndpoint ep : watch.endpoints()) {
        String phase = ep.getStatus() == null ? null : ep.getStatus().phase;
        boolean started = phase != null && !phase.equals("Pending");
        if (endpoints.contains(key(ep)) && (started || late)) {
          delete(ep, endpoints, phase == null ? "endpoint without status"
              : ROLLING_OUT.contains(phase) ? "endpoint rolling out (" + phase + ")"
              : "endpoint " + phase);
          restartIfDue(restartAfter, total);
        }
      }
      Thread.sleep(TICK.toMillis());
    }
  }

  /** A job SageMaker runs as its CR is deleted must be stopped: {@link StopOnDeleteAudit}. */
  private void noteIfRunning(String trainingJobName, String crKey) {
    emulator.inventory().trainingJob(trainingJobName)
        .filter(j -> "InProgress".equals(j.status()))
        .ifPresent(j -> deletedRunning.put(trainingJobName, crKey));
  }

  private void restartIfDue(int restartAfter, int total) throws InterruptedException {
    if (deleted.size() == restartAfter) {
      operator.restart(Moment.DELETE, deleted.size() + " of " + total + " CR deletions made, "
          + "their clean-up in flight", true);
    }
  }

  private void delete(HasMetadata cr, Set<String> pending, String state) {
    client.resources(cr.getClass()).inNamespace(cr.getMetadata().getNamespace())
        .withName(cr.getMetadata().getName()).delete();
    pending.remove(key(cr));
    deleted.add(key(cr));
    deletions.merge(state, 1, Integer::sum);
  }

  /**
   * Gives each chosen endpoint a new model artifact once it is InService (or at a deadline),
   * then restarts the operator while the blue/green updates are under way.
   */
  void changeEndpoints() throws InterruptedException {
    Set<String> chosen = keys(plan.updatedEndpoints(), "endpoint");
    Instant deadline = Instant.now().plus(max(Duration.ofSeconds(10),
        options.real(Duration.ofSeconds(300))));
    long configsBefore = accepted(CREATE_ENDPOINT_CONFIG);
    long updatesBefore = accepted(UPDATE_ENDPOINT);
    while (!chosen.isEmpty()) {
      boolean late = Instant.now().isAfter(deadline);
      for (ModelEndpoint ep : watch.endpoints()) {
        String phase = ep.getStatus() == null ? null : ep.getStatus().phase;
        if (chosen.contains(key(ep)) && ("InService".equals(phase) || late)) {
          client.resources(ModelEndpoint.class).inNamespace(ep.getMetadata().getNamespace())
              .withName(ep.getMetadata().getName())
              .edit(e -> {
                e.getSpec().model.modelDataUrl = NEW_MODEL;
                return e;
              });
          chosen.remove(key(ep));
          updated.add(key(ep));
        }
      }
      Thread.sleep(TICK.toMillis());
    }
    if (plan.restartsAt(Moment.UPDATE)) {
      // a blue/green update began
      boolean held = awaitAccepted(CREATE_ENDPOINT_CONFIG, configsBefore + 1);
      Thread.sleep(plan.updateRestartDelay().toMillis());
      operator.restart(Moment.UPDATE, updated.size() + " endpoint spec changes made; since then "
          + (accepted(CREATE_ENDPOINT_CONFIG) - configsBefore) + " CreateEndpointConfig and "
          + (accepted(UPDATE_ENDPOINT) - updatesBefore) + " UpdateEndpoint accepted", held);
    }
  }

  /** The restarts after the scripted ones, each after its drawn (emulated) delay. */
  void restartLater() throws InterruptedException {
    for (Duration delay : plan.laterRestartDelays()) {
      Thread.sleep(options.real(delay).toMillis());
      long running = watch.jobs().stream().filter(j -> j.getStatus() != null
          && j.getStatus().trainingJobName != null
          && !finished(j.getStatus().phase)).count();
      operator.restart(Moment.LATER, running + " jobs running, "
          + watch.jobsIn("Completed") + " Completed, "
          + watch.endpointsIn("Updating") + " endpoints Updating", true);
    }
  }

  Map<String, Integer> deletions() {
    return Map.copyOf(deletions);
  }

  /** {@code namespace/name} of every CR the run deleted. */
  Set<String> deleted() {
    return Set.copyOf(deleted);
  }

  /** SageMaker job name to {@code namespace/name} of its CR, deleted while the job ran. */
  Map<String, String> deletedRunning() {
    return Map.copyOf(deletedRunning);
  }

  int endpointUpdates() {
    return updated.size();
  }

  private Set<String> keys(Set<Integer> indexes, String prefix) {
    Set<String> keys = new HashSet<>();
    for (int i : indexes) {
      HasMetadata cr = prefix.equals("job") ? workload.job(i) : workload.endpoint(i);
      keys.add(key(cr));
    }
    return keys;
  }

  static String key(HasMetadata cr) {
    return BenchWorkload.key(cr.getMetadata().getNamespace(), cr.getMetadata().getName());
  }

  /**
   * Waits until the emulator has accepted {@code count} calls of an operation, or a while.
   *
   * @return whether it had: false when the wait gave up
   */
  private boolean awaitAccepted(String target, long count) throws InterruptedException {
    Instant deadline = Instant.now().plus(AWAIT_CALLS);
    while (accepted(target) < count && Instant.now().isBefore(deadline)) {
      Thread.sleep(10);
    }
    return accepted(target) >= count;
  }

  private long accepted(String target) {
    return emulator.calls().snapshot().stream().filter(c -> c.target().equals(target))
        .mapToLong(OperationCalls::accepted).sum();
  }

  private static boolean finished(String phase) {
    return phase != null && FINISHED.contains(phase); // Set.of refuses null
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
