package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.DeletionPolicy;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.PollingSchedule;
import dev.secureml.operator.controller.endpoint.DeletionDecision.DeleteEndpoint;
import dev.secureml.operator.controller.endpoint.DeletionDecision.DeleteParts;
import dev.secureml.operator.controller.endpoint.DeletionDecision.Retain;
import dev.secureml.operator.sagemaker.AutoscalingGateway;
import dev.secureml.operator.sagemaker.EndpointGateway;
import dev.secureml.operator.sagemaker.RateLimitedException;
import dev.secureml.operator.sagemaker.ResourceOwner;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import dev.secureml.operator.sagemaker.SageMakerNames;
import java.time.Duration;

/**
 * One pass of deleting a ModelEndpoint: observe the endpoint, let {@link DeletionDecision}
 * choose the step, carry it out.
 */
final class EndpointCleanup {
  /** @param again when to look again; null when the resource may go */
  record Outcome(DeletionDecision.Step step, Duration again) {}

  private final EndpointGateway gateway;
  private final EndpointAutoscaling autoscaling;
  private final EndpointGarbageCollector garbage;
  private final EventRecorder events;
  private final PollingSchedule polling;

  EndpointCleanup(EndpointGateway gateway, AutoscalingGateway autoscaling, EventRecorder events,
      PollingSchedule polling) {
    this.gateway = gateway;
    this.autoscaling = new EndpointAutoscaling(autoscaling);
    this.garbage = new EndpointGarbageCollector(gateway);
    this.events = events;
    this.polling = polling;
  }

  Outcome run(ModelEndpoint ep, ModelEndpointStatus status) {
    ResourceOwner owner = ResourceOwner.of(ep.getMetadata());
    String name = status.endpointName != null ? status.endpointName
        : SageMakerNames.forResource(owner);
    DeletionDecision.Step step;
    if (ep.getSpec() != null && ep.getSpec().deletionPolicy == DeletionPolicy.Retain) {
      step = DeletionDecision.decide(true, status, name, null, false);
    } else {
      var current = gateway.describeEndpoint(name).orElse(null);
      boolean owned = current != null
          && gateway.endpoints().isOwned(current.endpointArn(), owner);
      step = DeletionDecision.decide(false, status, name, current, owned);
    }
    return new Outcome(step, execute(ep, status, step, owner));
  }

  private Duration execute(ModelEndpoint ep, ModelEndpointStatus status,
      DeletionDecision.Step step, ResourceOwner owner) {
    if (step instanceof Retain r) {
      if (r.endpointName() != null) {
        events.normal(ep, Reason.RETAINED, "deletionPolicy is Retain: endpoint " + r.endpointName()
            + ", its configs and models are left as they are");
      }
      return null;
    }
    if (step instanceof DeleteEndpoint d) {
      removeAutoscaling(ep, d.endpointName(), status);
      if (!d.busy()) {
        gateway.deleteEndpoint(d.endpointName());
        events.normal(ep, Reason.DELETING, "deleting SageMaker endpoint " + d.endpointName());
      }
      return polling.min(); // configs and models go once the endpoint is gone
    }
    DeleteParts p = (DeleteParts) step;
    if (!p.foreign()) {
      removeAutoscaling(ep, p.endpointName(), status); // a foreign endpoint's is not ours either
    }
    deleteParts(ep, p, owner);
    return null;
  }

  private void deleteParts(ModelEndpoint ep, DeleteParts p, ResourceOwner owner) {
    var sweep = garbage.delete(p.parts(), owner);
    if (p.foreign()) {
      events.warning(ep, Reason.NOT_OWNED, "left SageMaker endpoint " + p.endpointName()
          + " untouched: it is not owned by this resource");
    }
    if (!sweep.deleted().isEmpty()) {
      events.normal(ep, Reason.DELETED, "deleted endpoint " + p.endpointName() + " and "
          + String.join(", ", sweep.deleted()));
    }
    if (!sweep.notOwned().isEmpty()) {
      events.warning(ep, Reason.NOT_OWNED, "left SageMaker resources untouched that are not owned"
          + " by this resource: " + String.join(", ", sweep.notOwned()));
    }
  }

  /** Best effort: DeleteEndpoint deregisters the targets too, so a failure must not block. */
  private void removeAutoscaling(ModelEndpoint ep, String name, ModelEndpointStatus status) {
    try {
      autoscaling.removeAll(name, status.rollout());
    } catch (RateLimitedException e) {
      throw e; // not a failure: the cleanup runs again at its turn
    } catch (SageMakerCallException e) {
      events.warning(ep, Reason.AUTOSCALING_CLEANUP_FAILED, e.getMessage()
          + "; continuing: deleting the endpoint removes its scalable targets");
    }
  }
}
