package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.EndpointRollout;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.api.Phase;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.PollingSchedule;
import dev.secureml.operator.controller.StatusConditions;
import dev.secureml.operator.controller.endpoint.RolloutAction.BlueGreen;
import dev.secureml.operator.controller.endpoint.RolloutAction.Create;
import dev.secureml.operator.controller.endpoint.RolloutAction.HoldFailedUpdate;
import dev.secureml.operator.controller.endpoint.RolloutAction.RecreateFailed;
import dev.secureml.operator.controller.endpoint.RolloutAction.RolledBack;
import dev.secureml.operator.controller.endpoint.RolloutAction.Settle;
import dev.secureml.operator.controller.endpoint.RolloutAction.Stall;
import dev.secureml.operator.controller.endpoint.RolloutAction.StallFailed;
import dev.secureml.operator.controller.endpoint.RolloutAction.UpdateWeights;
import dev.secureml.operator.controller.endpoint.RolloutAction.WaitWhileBusy;
import dev.secureml.operator.sagemaker.EndpointGateway;
import dev.secureml.operator.sagemaker.ResourceOwner;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import java.time.Duration;

/**
 * Carries out a {@link RolloutAction}: the SageMaker calls, the status transitions (on {@code
 * status.rollout}), the conditions and Events. Returns when to look again, or null when only
 * an outside change can move the endpoint.
 */
final class RolloutExecutor {
  private final EndpointGateway gateway;
  private final EndpointDeployer deployer;
  private final RolloutSettler settler;
  private final RolloutReport report;
  private final PollingSchedule polling;

  RolloutExecutor(EndpointGateway gateway, RolloutSettler settler, RolloutReport report,
      PollingSchedule polling) {
    this.gateway = gateway;
    this.deployer = new EndpointDeployer(gateway);
    this.settler = settler;
    this.report = report;
    this.polling = polling;
  }

  Duration execute(ModelEndpoint ep, ModelEndpointStatus status, DesiredHosting desired,
      RolloutAction action) {
    if (action instanceof Create a) {
      return create(ep, status, desired, a);
    } else if (action instanceof WaitWhileBusy a) {
      report.holding(ep, status, a.hold());
      report.inProgress(ep, status, a.reason(), a.message(), a.changed());
      return polling.next(uid(ep), a.changed());
    } else if (action instanceof Stall a) {
      report.stalled(ep, status, a.reason(), a.message());
      return polling.max();
    } else if (action instanceof StallFailed a) {
      status.rollout().failed(a.failedGeneration());
      report.stalled(ep, status, Reason.ENDPOINT_FAILED, a.message());
      return null;
    } else if (action instanceof RecreateFailed a) {
      return recreate(ep, status, a);
    } else if (action instanceof HoldFailedUpdate a) {
      return holdFailedUpdate(ep, status, a);
    } else if (action instanceof BlueGreen a) {
      return blueGreen(ep, status, desired, a);
    } else if (action instanceof UpdateWeights a) {
      servesWhatItServes(ep, status, null);
      deployer.updateCapacities(desired.endpointName(), a.capacities());
      return moving(ep, status, Phase.UPDATING, Reason.UPDATING_WEIGHTS, a.message());
    } else if (action instanceof Settle a) {
      servesWhatItServes(ep, status, null);
      settler.settle(ep, status, desired, a);
      return polling.next(uid(ep), a.changed());
    }
    return null; // AwaitNewSpec: SageMaker refused this spec; only a new generation tries again
  }

  private Duration create(ModelEndpoint ep, ModelEndpointStatus status, DesiredHosting desired,
      Create a) {
    a.retire().forEach(t -> status.rollout().retire(t.endpointConfigName(), t.modelNames()));
    // Names go to status before the calls: a refusal halfway must not leave them unknown.
    status.endpointName = a.endpointName();
    status.rollout().begin(a.endpointConfigName(), a.modelNames(), a.generation());
    deployer.create(desired.plan(), ResourceOwner.of(ep.getMetadata()));
    status.rollout().tagsApplied(a.tags());
    return moving(ep, status, Phase.CREATING, Reason.CREATING, a.message());
  }

  private Duration recreate(ModelEndpoint ep, ModelEndpointStatus status, RecreateFailed a) {
    gateway.deleteEndpoint(a.endpointName());
    status.phase = Phase.DELETING.value();
    status.rollout().cleared();
    report.inProgress(ep, status, Reason.RECREATING, a.message(), true);
    return polling.next(uid(ep), true);
  }

  private Duration holdFailedUpdate(ModelEndpoint ep, ModelEndpointStatus status,
      HoldFailedUpdate a) {
    servesWhatItServes(ep, status, a.rolledBack());
    settler.collect(ep, status, a.garbage());
    status.phase = Phase.UPDATE_FAILED.value();
    report.stalled(ep, status, Reason.UPDATE_FAILED, a.message());
    return polling.max();
  }

  private Duration blueGreen(ModelEndpoint ep, ModelEndpointStatus status,
      DesiredHosting desired, BlueGreen a) {
    EndpointRollout r = status.rollout();
    servesWhatItServes(ep, status, a.rolledBack());
    r.retire(a.retire().endpointConfigName(), a.retire().modelNames());
    // SageMaker refuses some updates of autoscaled variants: deregister now, and the InService
    // pass after the update registers the new variants again.
    settler.removeAutoscaling(desired.endpointName(), r);
    r.begin(a.endpointConfigName(), a.modelNames(), a.generation());
    try {
      deployer.update(desired.plan(), ResourceOwner.of(ep.getMetadata()));
    } catch (SageMakerCallException e) {
      if (e.kind().passes()) {
        // The update did not start: the next pass must not take the old config still serving
        // for a rollback. It asks again for the same (content-named) config.
        r.settledOn(status.endpointConfigName, status.modelNames);
      }
      throw e;
    }
    return moving(ep, status, Phase.UPDATING, Reason.UPDATING, a.message());
  }

  /**
   * InService: whatever was asked for, the endpoint now targets what it serves. A rollback
   * noticed first retires the config SageMaker refused and marks its generation failed.
   */
  private void servesWhatItServes(ModelEndpoint ep, ModelEndpointStatus status,
      RolledBack rolledBack) {
    if (rolledBack != null) {
      status.rollout().rolledBack();
      report.warning(ep, Reason.UPDATE_ROLLED_BACK, rolledBack.message());
    }
    status.rollout().settledOn(status.endpointConfigName, status.modelNames);
  }

  /** A create or an update started: in that phase until SageMaker says otherwise. */
  private Duration moving(ModelEndpoint ep, ModelEndpointStatus status, Phase phase,
      Reason reason, String message) {
    status.phase = phase.value();
    report.inProgress(ep, status, reason, message, true);
    return polling.next(uid(ep), true);
  }

  private static String uid(ModelEndpoint ep) {
    return ep.getMetadata().getUid();
  }
}
