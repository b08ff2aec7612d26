package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec.Retrain;
import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.api.DataQualityMonitorStatus.RetrainStatus;
import dev.secureml.operator.api.Phase;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.api.SecureTrainingJobSpec;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.PerResourceState;
import dev.secureml.operator.controller.ResourceMemory;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * {@code onDrift.retrain}: when a drift episode starts, create one SecureTrainingJob from the
 * template, named {@code <monitor>-retrain-<n>}; never a second while one is in flight, and never
 * two for the same episode (a lost status write finds the job it created by name and label).
 */
final class RetrainTrigger {
  static final String MONITOR_LABEL = DataQualityMonitor.RETRAIN_LABEL;
  static final String MONITOR_UID_LABEL = "secureml.dev/monitor-uid";
  static final String EPISODE_ANNOTATION = "secureml.dev/drift-episode";
  private static final Set<String> FINISHED = Set.of(Phase.COMPLETED.value(),
      Phase.FAILED.value(), Phase.STOPPED.value(), Phase.REJECTED.value());

  private static final int MAX_NAME_TRIES = 5;
  /** Kubernetes label values are at most 63 characters. */
  private static final int MAX_LABEL_VALUE = 63;

  private final EventRecorder events;
  /** The last failure reported per monitor, so it is reported once; forgotten with it. */
  private final ResourceMemory<String> failures;
  /** (namespace, name) -> the job in the informer cache. */
  private final BiFunction<String, String, Optional<SecureTrainingJob>> jobs;

  RetrainTrigger(EventRecorder events,
      BiFunction<String, String, Optional<SecureTrainingJob>> jobs, PerResourceState state) {
    this.events = events;
    this.jobs = jobs;
    this.failures = state.memory();
  }

  static String jobName(DataQualityMonitor monitor, long sequence) {
    return monitor.getMetadata().getName() + "-retrain-" + sequence;
  }

  /** Creates the episode's job when due; status.retrain records it. */
  void maybeRetrain(DataQualityMonitor monitor, DataQualityMonitorStatus status,
      KubernetesClient client) {
    Retrain retrain = monitor.getSpec().onDrift == null ? null : monitor.getSpec().onDrift.retrain;
    if (!due(monitor, status, retrain)) {
      return;
    }
    RetrainStatus done = status.retrain == null ? new RetrainStatus() : status.retrain;
    long episode = status.driftEpisodes;
    Optional<Long> created = create(monitor, retrain, episode,
        (done.jobsCreated == null ? 0 : done.jobsCreated) + 1, client);
    if (created.isEmpty()) {
      return; // reported; the next pass tries again
    }
    failures.forget(monitor.getMetadata().getUid());
    done.jobsCreated = created.get();
    done.lastEpisode = episode;
    done.lastJobName = jobName(monitor, created.get());
    status.retrain = done;
  }

  /** Drifting, with a template, in an episode that has no job yet, and none in flight. */
  private boolean due(DataQualityMonitor monitor, DataQualityMonitorStatus status,
      Retrain retrain) {
    if (retrain == null || retrain.template == null
        || !Conditions.isTrue(status.conditions, Conditions.DRIFT_DETECTED)
        || status.driftEpisodes == null) {
      return false;
    }
    RetrainStatus done = status.retrain == null ? new RetrainStatus() : status.retrain;
    if (done.lastEpisode != null && done.lastEpisode >= status.driftEpisodes) {
      return false; // this episode already has its job
    }
    // One at a time: the next check after that job finishes decides.
    return done.lastJobName == null || jobs.apply(monitor.getMetadata().getNamespace(),
        done.lastJobName).filter(RetrainTrigger::inFlight).isEmpty();
  }

  /**
   * Creates the job under the first free name from {@code first} on and returns its sequence
   * number; empty, after reporting why, when none could be created. A name taken by something
   * else (say, a job left from an earlier monitor of the same name) is skipped, not fought
   * over.
   */
  private Optional<Long> create(DataQualityMonitor monitor, Retrain retrain, long episode,
      long first, KubernetesClient client) {
    for (long sequence = first; sequence < first + MAX_NAME_TRIES; sequence++) {
      String candidate = jobName(monitor, sequence);
      try {
        client.resource(build(monitor, retrain, candidate, episode)).create();
        events.normal(monitor, Reason.RETRAIN_STARTED, "drift episode " + episode
            + ": created SecureTrainingJob " + candidate);
        return Optional.of(sequence);
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          reportFailure(monitor, "cannot create SecureTrainingJob " + candidate + ": "
              + (e.getStatus() != null && e.getStatus().getMessage() != null
                  ? e.getStatus().getMessage() : e.getMessage()));
          return Optional.empty();
        }
        SecureTrainingJob existing = client.resources(SecureTrainingJob.class)
            .inNamespace(monitor.getMetadata().getNamespace()).withName(candidate).get();
        if (existing != null && isOurs(existing, monitor)) {
          // Created by an earlier pass whose status write was lost: count it, do not repeat.
          return Optional.of(sequence);
        }
      }
    }
    reportFailure(monitor, "cannot create a SecureTrainingJob: names " + jobName(monitor, first)
        + " to " + jobName(monitor, first + MAX_NAME_TRIES - 1)
        + " are all taken by resources this monitor did not create");
    return Optional.empty();
  }

  private void reportFailure(DataQualityMonitor monitor, String message) {
    if (!failures.put(monitor.getMetadata().getUid(), message).filter(message::equals)
        .isPresent()) {
      events.warning(monitor, Reason.RETRAIN_FAILED, message);
    }
  }

  private static boolean isOurs(SecureTrainingJob job, DataQualityMonitor monitor) {
    var labels = job.getMetadata().getLabels();
    return labels != null
        && monitor.getMetadata().getUid().equals(labels.get(MONITOR_UID_LABEL));
  }

  /** The monitor a retraining job belongs to, from its owner reference. */
  static java.util.Optional<String> monitorOf(SecureTrainingJob job) {
    var owners = job.getMetadata().getOwnerReferences();
    return owners == null ? java.util.Optional.empty() : owners.stream()
        .filter(o -> DataQualityMonitor.KIND.equals(o.getKind()))
        .map(o -> o.getName()).findFirst();
  }

  static boolean inFlight(SecureTrainingJob job) {
    var s = job.getStatus();
    if (s == null) {
      return true;
    }
    // No phase yet (a status holding only conditions) is not finished; Set.of refuses null.
    boolean finished = s.phase != null && FINISHED.contains(s.phase);
    return !finished && !Conditions.isTrue(s.conditions, Conditions.STALLED);
  }

  private static SecureTrainingJob build(DataQualityMonitor monitor, Retrain retrain,
      String name, long episode) {
    Map<String, String> labels = new LinkedHashMap<>(retrain.labels);
    if (monitor.getMetadata().getName().length() <= MAX_LABEL_VALUE) {
      labels.put(MONITOR_LABEL, monitor.getMetadata().getName());
    }
    labels.put(MONITOR_UID_LABEL, monitor.getMetadata().getUid());
    SecureTrainingJob job = new SecureTrainingJob();
    job.setMetadata(new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(monitor.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(Map.of(EPISODE_ANNOTATION, Long.toString(episode)))
        // Owned by the monitor (as a CronJob owns its Jobs), but not blocking its deletion.
        .withOwnerReferences(new OwnerReferenceBuilder()
            .withApiVersion(monitor.getApiVersion())
            .withKind(monitor.getKind())
            .withName(monitor.getMetadata().getName())
            .withUid(monitor.getMetadata().getUid())
            .withController(false)
            .withBlockOwnerDeletion(false)
            .build())
        .build());
    // A deep copy through JSON: the template belongs to the monitor's spec.
    job.setSpec(Serialization.unmarshal(Serialization.asJson(retrain.template),
        SecureTrainingJobSpec.class));
    return job;
  }
}
