package dev.secureml.operator.local.sandbox;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.LogForwarding;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** What the sandbox shows of one resource: its phase and its kstatus conditions. */
record ResourceState(String kind, String namespace, String name, String phase, boolean ready,
    boolean stalled, String reason, String message, boolean observed, boolean logsDrained) {

  static ResourceState of(HasMetadata obj) {
    List<Condition> conditions = List.of();
    String phase = null;
    Long observedGeneration = null;
    boolean logsDrained = true;
    if (obj instanceof SecureTrainingJob job && job.getStatus() != null) {
      conditions = job.getStatus().conditions;
      phase = job.getStatus().phase;
      observedGeneration = job.getStatus().observedGeneration;
      logsDrained = logsDrained(job);
    } else if (obj instanceof ModelEndpoint endpoint && endpoint.getStatus() != null) {
      conditions = endpoint.getStatus().conditions;
      phase = endpoint.getStatus().phase;
      observedGeneration = endpoint.getStatus().observedGeneration;
    } else if (obj instanceof CompliancePolicy policy && policy.getStatus() != null) {
      conditions = policy.getStatus().conditions;
      observedGeneration = policy.getStatus().observedGeneration;
      phase = Conditions.isTrue(conditions, Conditions.READY) ? "Ready"
          : Conditions.find(conditions, Conditions.READY).map(Condition::getReason).orElse(null);
    }
    boolean ready = Conditions.isTrue(conditions, Conditions.READY);
    boolean stalled = Conditions.isTrue(conditions, Conditions.STALLED);
    // The condition that explains the state best: Stalled, else Reconciling, else Ready.
    Condition main = Conditions.find(conditions, stalled ? Conditions.STALLED
            : Conditions.isTrue(conditions, Conditions.RECONCILING) ? Conditions.RECONCILING
            : Conditions.READY).orElse(null);
    boolean observed = observedGeneration != null
        && Objects.equals(observedGeneration, obj.getMetadata().getGeneration());
    return new ResourceState(obj.getKind(), obj.getMetadata().getNamespace(),
        obj.getMetadata().getName(), phase == null ? "Pending" : phase, ready, stalled,
        main == null ? "" : main.getReason(), main == null ? "" : main.getMessage(), observed,
        logsDrained);
  }

  /** A job that ran in SageMaker has settled for the sandbox once its logs are all forwarded. */
  private static boolean logsDrained(SecureTrainingJob job) {
    var status = job.getStatus();
    if (status.trainingJobName == null || !LogForwarding.enabled(job.getSpec().logs)
        || !Set.of("Completed", "Failed", "Stopped").contains(status.phase)) {
      return true;
    }
    return status.logs != null && !status.logs.streams.isEmpty()
        && status.logs.streams.stream().allMatch(s -> Boolean.TRUE.equals(s.finished));
  }

  /** Settled: the operator has seen the current spec and it is Ready or Stalled. */
  boolean settled() {
    return observed && (ready || stalled) && logsDrained;
  }

  String qualifiedName() {
    return namespace == null ? name : namespace + "/" + name;
  }
}
