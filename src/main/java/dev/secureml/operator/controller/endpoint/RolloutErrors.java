package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.api.Phase;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.PollingSchedule;
import dev.secureml.operator.controller.RetryBackoff;
import dev.secureml.operator.controller.TransientRetry;
import dev.secureml.operator.sagemaker.NameConflictException;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import java.time.Duration;
import java.util.Set;

/** A rollout pass that SageMaker or another owner stopped: status, Events, when to retry. */
final class RolloutErrors {
  /** SageMaker refusing these means the spec itself is wrong: not retried for this spec. */
  private static final Set<String> SPEC_REFUSALS = Set.of("CreateModel",
      "CreateEndpointConfig", "CreateEndpoint", "UpdateEndpoint",
      "UpdateEndpointWeightsAndCapacities");

  private final RolloutReport report;
  private final EventRecorder events;
  private final RetryBackoff backoff;
  private final PollingSchedule polling;

  RolloutErrors(RolloutReport report, EventRecorder events, RetryBackoff backoff,
      PollingSchedule polling) {
    this.report = report;
    this.events = events;
    this.backoff = backoff;
    this.polling = polling;
  }

  Duration onAwsError(ModelEndpoint ep, ModelEndpointStatus status, SageMakerCallException e) {
    if (e.kind().passes()) {
      return TransientRetry.after(ep, e, backoff, events);
    }
    boolean specRefused = SPEC_REFUSALS.contains(e.operation());
    status.phase = Phase.ERROR.value();
    report.stalled(ep, status, specRefused ? Reason.SAGEMAKER_VALIDATION : Reason.AWS_ERROR,
        e.getMessage());
    if (specRefused) {
      status.rollout().failed(ep.getMetadata().getGeneration());
      return null; // only a new spec generation tries again
    }
    return polling.max(); // access denied and the like can be fixed outside: look again later
  }

  /**
   * Another owner holds a name this endpoint needs: nothing of theirs is touched. Looked at
   * again now and then, since the other owner may go away.
   */
  Duration onNameConflict(ModelEndpoint ep, ModelEndpointStatus status,
      NameConflictException e) {
    status.phase = Phase.ERROR.value();
    report.stalled(ep, status, Reason.NAME_CONFLICT, e.getMessage());
    return polling.max();
  }
}
