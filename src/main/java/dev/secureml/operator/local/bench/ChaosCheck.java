package dev.secureml.operator.local.bench;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.local.bench.SageMakerAudit.Owner;
import dev.secureml.operator.local.emulator.EmulatorInventory;
import dev.secureml.operator.sagemaker.SageMakerNames;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where a chaos run stands: the CRs as the API server shows them, SageMaker as the emulator
 * holds it ({@link SageMakerAudit}), and the surviving jobs' log lines against what the sink
 * received. Run again and again until everything has converged, then once more for the report.
 */
final class ChaosCheck {
  static final String TRAINING_GROUP = "/aws/sagemaker/TrainingJobs";

  /**
   * @param crs surviving CRs not converged and deleted CRs still present: why, by CR
   */
  record Result(SageMakerAudit.Findings sageMaker, Map<String, String> crs, LogTally logs,
      StopOnDeleteAudit.Result stops) {
    /** Orphans: SageMaker's, and jobs that ran on unstopped after their CR was gone. */
    long orphans() {
      return sageMaker.orphans().size() + stops.neverStopped().size();
    }

    /**
     * Duplicates, repeated lines and jobs never stopped never go away, so they do not hold the
     * wait up.
     */
    boolean converged() {
      return crs.isEmpty() && sageMaker.orphans().isEmpty()
          && sageMaker.unreferenced().isEmpty() && sageMaker.unsettled().isEmpty()
          && logs.lost() == 0;
    }

    /** CRs not converged by their status or by what SageMaker holds, each counted once. */
    long unconverged() {
      Set<String> refs = new HashSet<>(crs.keySet());
      refs.addAll(sageMaker.unsettled().keySet());
      return refs.size();
    }

    /** Every finding as a sentence. */
    Stream<String> problems() {
      return Stream.of(sageMaker.duplicates().stream(), sageMaker.orphans().stream(),
          stops.neverStopped().stream(),
          sageMaker.unreferenced().stream(),
          Stream.concat(crs.entrySet().stream(), sageMaker.unsettled().entrySet().stream())
              .map(e -> e.getKey() + ": " + e.getValue())).flatMap(s -> s);
    }
  }

  private final Map<String, Owner> created;
  private final StatusWatch watch;
  private final EmulatorInventory inventory;
  private final RecordingLogSink sink;

  /** @param created every CR the run created, by uid (alive and model as applied) */
  ChaosCheck(Map<String, Owner> created, StatusWatch watch, EmulatorInventory inventory,
      RecordingLogSink sink) {
    this.created = created;
    this.watch = watch;
    this.inventory = inventory;
    this.sink = sink;
  }

  /**
   * @param deleted {@code namespace/name} of the CRs the run deleted
   * @param deletedRunning SageMaker job name to its CR's {@code namespace/name}, for the jobs
   *     deleted while SageMaker ran them
   */
  Result check(Set<String> deleted, Map<String, String> deletedRunning) {
    Map<String, String> crs = new TreeMap<>();
    Map<String, ModelEndpoint> endpoints = new HashMap<>();
    Set<String> survivingJobs = new HashSet<>();
    Set<String> present = new HashSet<>();
    for (SecureTrainingJob job : watch.jobs()) {
      String key = ChaosScript.key(job);
      present.add(job.getMetadata().getUid());
      var status = job.getStatus();
      String phase = status == null ? null : status.phase;
      if (deleted.contains(key)) {
        crs.put("deleted SecureTrainingJob " + key, "still there (" + phase + ")");
      } else {
        survivingJobs.add(status != null && status.trainingJobName != null
            ? status.trainingJobName : SageMakerNames.forResource(job.getMetadata()
                .getNamespace(), job.getMetadata().getName(), job.getMetadata().getUid()));
        if (!"Completed".equals(phase)) {
          crs.put("SecureTrainingJob " + key, "phase " + phase + why(status == null ? null
              : status.conditions));
        }
      }
    }
    for (ModelEndpoint ep : watch.endpoints()) {
      String key = ChaosScript.key(ep);
      present.add(ep.getMetadata().getUid());
      endpoints.put(ep.getMetadata().getUid(), ep);
      var status = ep.getStatus();
      String phase = status == null ? null : status.phase;
      Long generation = ep.getMetadata().getGeneration();
      if (deleted.contains(key)) {
        crs.put("deleted ModelEndpoint " + key, "still there (" + phase + ")");
      } else if (!"InService".equals(phase) || !generation.equals(status.deployedGeneration)
          || !generation.equals(status.observedGeneration)) {
        crs.put("ModelEndpoint " + key, "phase " + phase + " at generation " + generation
            + (status == null ? "" : ", deployed " + status.deployedGeneration
                + why(status.conditions)));
      }
    }
    Map<String, Owner> owners = new HashMap<>();
    for (Owner o : created.values()) {
      boolean alive = !deleted.contains(BenchWorkload.key(o.namespace(), o.name()));
      if (alive && !present.contains(o.uid())) {
        crs.put(o.ref(), "disappeared without being deleted");
      }
      ModelEndpoint ep = endpoints.get(o.uid());
      String model = ep == null ? o.modelDataUrl() : ep.getSpec().model.modelDataUrl;
      owners.put(o.uid(), new Owner(o.kind(), o.namespace(), o.name(), o.uid(), alive, model));
    }
    return new Result(SageMakerAudit.check(inventory, owners), crs, logs(survivingJobs),
        StopOnDeleteAudit.check(deletedRunning, inventory, watch::jobGone));
  }

  /** The Stalled condition's reason and message, else Ready's: what the CR says is wrong. */
  private static String why(List<Condition> conditions) {
    if (conditions == null) {
      return "";
    }
    Optional<Condition> stalled = Conditions.find(conditions, Conditions.STALLED)
        .filter(c -> Conditions.TRUE.equals(c.getStatus()));
    return stalled.or(() -> Conditions.find(conditions, Conditions.READY))
        .map(c -> " (" + c.getReason() + ": " + c.getMessage() + ")").orElse("");
  }

  /** Every stream of a surviving job, as the emulator wrote it, against the sink. */
  private LogTally logs(Set<String> survivingJobs) {
    LogTally total = LogTally.NONE;
    for (Map.Entry<String, List<Long>> stream : inventory.logLines(TRAINING_GROUP).entrySet()) {
      String job = stream.getKey().substring(0, Math.max(0, stream.getKey().indexOf('/')));
      if (survivingJobs.contains(job)) {
        total = total.plus(sink.tally(stream.getKey(), stream.getValue()));
      }
    }
    return total;
  }
}
