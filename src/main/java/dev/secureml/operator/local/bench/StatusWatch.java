package dev.secureml.operator.local.bench;

import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.local.emulator.AwsEmulator.StatusChange;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches SecureTrainingJobs and ModelEndpoints as a user's kubectl would: counts them by phase
 * from its own cache (listing thousands of CRs every half second would load the API server the
 * operator is being measured against), and notes when each job first showed each phase, so
 * status staleness (SageMaker changed -> the CR shows it) can be measured against the
 * emulator's own transition times.
 */
final class StatusWatch implements AutoCloseable {
  private final Map<String, Map<String, Instant>> firstSeen = new ConcurrentHashMap<>();
  private final Map<String, Instant> jobsGone = new ConcurrentHashMap<>();
  private final SharedIndexInformer<SecureTrainingJob> informer;
  private final SharedIndexInformer<ModelEndpoint> endpoints;

  private StatusWatch(KubernetesClient client) {
    this.endpoints = client.resources(ModelEndpoint.class).inAnyNamespace().inform();
    this.informer = client.resources(SecureTrainingJob.class).inAnyNamespace()
        .inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(SecureTrainingJob job) {
            note(job);
          }

          @Override
          public void onUpdate(SecureTrainingJob old, SecureTrainingJob job) {
            note(job);
          }

          @Override
          public void onDelete(SecureTrainingJob job, boolean unknownFinalState) {
            jobsGone.putIfAbsent(ChaosScript.key(job), Instant.now());
          }
        });
  }

  static StatusWatch start(KubernetesClient client) {
    return new StatusWatch(client);
  }

  long jobsIn(String phase) {
    return informer.getStore().list().stream()
        .filter(j -> j.getStatus() != null && phase.equals(j.getStatus().phase)).count();
  }

  long endpointsIn(String phase) {
    return endpoints.getStore().list().stream()
        .filter(e -> e.getStatus() != null && phase.equals(e.getStatus().phase)).count();
  }

  /** The jobs as the watch's cache holds them now. */
  List<SecureTrainingJob> jobs() {
    return informer.getStore().list();
  }

  /** When the job of this {@code namespace/name} left the API server, as the watch saw it. */
  Optional<Instant> jobGone(String key) {
    return Optional.ofNullable(jobsGone.get(key));
  }

  /** The endpoints as the watch's cache holds them now. */
  List<ModelEndpoint> endpoints() {
    return endpoints.getStore().list();
  }

  private void note(SecureTrainingJob job) {
    var status = job.getStatus();
    if (status == null || status.trainingJobName == null || status.phase == null) {
      return;
    }
    Instant now = Instant.now();
    firstSeen.computeIfAbsent(status.trainingJobName, k -> new ConcurrentHashMap<>())
        .putIfAbsent(status.phase, now);
  }

  /**
   * Staleness of every status change the emulator made that a CR came to show.
   *
   * @param speed the emulator's time factor: the result is in emulated milliseconds
   */
  PhaseResult.Staleness staleness(Map<String, List<StatusChange>> history, double speed) {
    List<Long> emulatedMillis = new ArrayList<>();
    int changes = 0;
    for (Map.Entry<String, List<StatusChange>> job : history.entrySet()) {
      Map<String, Instant> seen = firstSeen.getOrDefault(job.getKey(), Map.of());
      for (StatusChange change : job.getValue()) {
        changes++;
        Instant shown = seen.get(change.secondaryStatus());
        if (shown != null) {
          long real = Math.max(0, Duration.between(change.at(), shown).toMillis());
          emulatedMillis.add(Math.round(real * speed));
        }
      }
    }
    Collections.sort(emulatedMillis);
    return new PhaseResult.Staleness(changes, emulatedMillis.size(),
        CallAnalysis.percentile(emulatedMillis, 0.50) / 1000.0,
        CallAnalysis.percentile(emulatedMillis, 0.95) / 1000.0);
  }

  @Override
  public void close() {
    informer.close();
    endpoints.close();
  }
}
