package dev.secureml.operator.controller.logs;

import dev.secureml.operator.api.LogForwarding;
import dev.secureml.operator.api.LogStatus;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.Phase;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.logs.DeclaredSecrets;
import dev.secureml.operator.logs.LogForwarder;
import dev.secureml.operator.logs.LogSourceKey;
import dev.secureml.operator.logs.LogTarget;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;
import java.util.Set;

/**
 * Tells the log forwarder what to read for each resource, from its spec and status: the group and
 * stream prefix SageMaker writes to, whether the source has finished writing, and the secret
 * values the spec declared, which its lines must never show.
 */
public final class LogTracking {
  static final String TRAINING_GROUP = "/aws/sagemaker/TrainingJobs";
  private static final Set<String> FINISHED = Set.of(Phase.COMPLETED.value(),
      Phase.FAILED.value(), Phase.STOPPED.value(), Phase.ERROR.value());

  private final LogForwarder forwarder;
  private final EventLogSink events;
  private final boolean enabled;

  /** @param enabled false turns forwarding off for the whole operator */
  public LogTracking(LogForwarder forwarder, EventLogSink events, boolean enabled) {
    this.forwarder = forwarder;
    this.events = events;
    this.enabled = enabled;
  }

  private void track(LogTarget target) {
    if (!enabled) {
      return;
    }
    events.remember(target.key());
    forwarder.track(target);
  }

  public void trainingJob(SecureTrainingJob job) {
    var status = job.getStatus();
    LogSourceKey key = key(job);
    if (!LogForwarding.enabled(job.getSpec() == null ? null : job.getSpec().logs)) {
      forget(job);
      return;
    }
    if (status == null || status.trainingJobName == null) {
      return; // nothing in SageMaker yet
    }
    track(new LogTarget(key, status.trainingJobName, TRAINING_GROUP,
        status.trainingJobName + "/", status.phase != null && FINISHED.contains(status.phase),
        status.logs, DeclaredSecrets.of(job)));
  }

  public void endpoint(ModelEndpoint endpoint) {
    var status = endpoint.getStatus();
    LogSourceKey key = key(endpoint);
    if (!LogForwarding.enabled(endpoint.getSpec() == null ? null : endpoint.getSpec().logs)) {
      forget(endpoint);
      return;
    }
    if (status == null || status.endpointName == null) {
      return;
    }
    // An endpoint never finishes writing while it exists; deletion untracks it.
    track(new LogTarget(key, status.endpointName,
        "/aws/sagemaker/Endpoints/" + status.endpointName, "", false, status.logs,
        DeclaredSecrets.of(endpoint)));
  }

  public void forget(HasMetadata resource) {
    forwarder.untrack(key(resource));
    events.forget(key(resource));
  }

  public Optional<LogStatus> snapshot(HasMetadata resource) {
    return forwarder.snapshot(key(resource));
  }

  static LogSourceKey key(HasMetadata r) {
    return new LogSourceKey(r.getKind(), r.getMetadata().getNamespace(),
        r.getMetadata().getName(), r.getMetadata().getUid());
  }
}
