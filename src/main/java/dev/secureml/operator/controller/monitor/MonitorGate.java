package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.api.DataQualityMonitorSpec.MonitorEngine;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.Phase;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.policy.Decision;
import dev.secureml.operator.policy.ResolvedMonitorSettings;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a monitor may run now: (its spec, the policy's verdict, its endpoint as the informer
 * holds it) -> a verdict. No I/O. The schedule is judged first, on its own: a monitor whose
 * schedule cannot run is not worth a policy evaluation.
 */
final class MonitorGate {
  /** Endpoint states in which it exists and captures traffic. */
  private static final Set<String> SERVING = Set.of(Phase.IN_SERVICE.value(),
      Phase.UPDATING.value(), Phase.SYSTEM_UPDATING.value(), Phase.ROLLING_BACK.value());

  /** Whether the monitor runs, waits for its endpoint, or is refused. */
  sealed interface Verdict {}

  /**
   * Only an outside change (the spec, a policy, the endpoint's capture) helps: {@code phase}
   * (Rejected or Error) and Stalled with {@code reason}.
   */
  record Refused(Phase phase, Reason reason, String message) implements Verdict {}

  /** The endpoint is missing or not serving yet; its informer wakes the monitor. */
  record AwaitEndpoint(String message) implements Verdict {}

  /** Run on the data this SageMaker endpoint captures to {@code captureS3Uri}. */
  record Admitted(String endpointName, String captureS3Uri) implements Verdict {}

  /** The spec's schedule, or why it cannot run (then {@code schedule} is null). */
  record ScheduleCheck(MonitorSchedule schedule, Refused refusal) {}

  private MonitorGate() {}

  static ScheduleCheck schedule(DataQualityMonitorSpec spec) {
    MonitorSchedule schedule;
    try {
      schedule = MonitorSchedule.parse(spec.schedule);
    } catch (IllegalArgumentException e) {
      return new ScheduleCheck(null, rejected(Reason.INVALID_SCHEDULE,
          "spec.schedule: " + e.getMessage()));
    }
    if (spec.engine == MonitorEngine.ModelMonitor && schedule.cronExpression().isEmpty()) {
      return new ScheduleCheck(null, rejected(Reason.INVALID_SCHEDULE, "spec.schedule: '"
          + spec.schedule + "' cannot run on Model Monitor, which runs hourly at most: use "
          + "hourly, daily, 'every Nh' with N dividing 24, or a cron(...) expression, or "
          + "engine Builtin"));
    }
    return new ScheduleCheck(schedule, null);
  }

  /** For a monitor whose schedule passed {@link #schedule}. */
  static Verdict decide(DataQualityMonitor m, Decision<ResolvedMonitorSettings> policy,
      Optional<ModelEndpoint> endpoint) {
    String ref = m.getSpec().endpointRef;
    if (!policy.allowed()) {
      return rejected(Reason.POLICY_VIOLATION, policy.summary());
    }
    if (endpoint.isEmpty()) {
      return new AwaitEndpoint("ModelEndpoint " + ref + " does not exist in namespace "
          + m.getMetadata().getNamespace());
    }
    ModelEndpoint ep = endpoint.get();
    var capture = ep.getSpec() == null ? null : ep.getSpec().dataCapture;
    if (capture == null || Boolean.FALSE.equals(capture.enabled)) {
      return new Refused(Phase.ERROR, Reason.DATA_CAPTURE_DISABLED, "ModelEndpoint " + ref
          + " does not capture data: set its spec.dataCapture (enabled, destinationS3Uri)");
    }
    if (ep.getStatus() == null || ep.getStatus().endpointName == null
        || !serving(ep.getStatus().sageMakerStatus)) {
      return new AwaitEndpoint("waiting for ModelEndpoint " + ref + " to be InService");
    }
    return new Admitted(ep.getStatus().endpointName, capture.destinationS3Uri);
  }

  /**
   * Whether an endpoint in this SageMaker state captures traffic. Null while the endpoint
   * controller has named the endpoint but not yet described it (Set.of refuses null).
   */
  static boolean serving(String sageMakerStatus) {
    return sageMakerStatus != null && SERVING.contains(sageMakerStatus);
  }

  private static Refused rejected(Reason reason, String message) {
    return new Refused(Phase.REJECTED, reason, message);
  }
}
