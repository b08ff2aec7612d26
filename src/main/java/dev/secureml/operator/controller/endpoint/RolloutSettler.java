package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.EndpointRollout;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.endpoint.RolloutAction.Garbage;
import dev.secureml.operator.controller.endpoint.RolloutAction.Settle;
import dev.secureml.operator.sagemaker.AutoscalingGateway;
import dev.secureml.operator.sagemaker.EndpointGateway;
import dev.secureml.operator.sagemaker.ResourceOwner;

/**
 * What follows once the endpoint serves the spec: autoscaling and tags in step, retired
 * configs and models deleted, Ready reported.
 */
final class RolloutSettler {
  private final EndpointAutoscaling autoscaling;
  private final EndpointTagSync tags;
  private final EndpointGarbageCollector garbage;
  private final RolloutReport report;

  RolloutSettler(EndpointGateway gateway, AutoscalingGateway autoscaling, RolloutReport report) {
    this.autoscaling = new EndpointAutoscaling(autoscaling);
    this.tags = new EndpointTagSync(gateway);
    this.garbage = new EndpointGarbageCollector(gateway);
    this.report = report;
  }

  void settle(ModelEndpoint ep, ModelEndpointStatus status, DesiredHosting desired, Settle a) {
    String name = desired.endpointName();
    status.rollout().cleared();
    if (a.deployed()) {
      status.deployedGeneration = desired.generation(); // a held variant serves an older spec
    }
    autoscaling.apply(name, a.autoscaling(), status.rollout());
    if (a.autoscaling().calls()) {
      var variants = status.rollout().autoscaledVariants;
      report.normal(ep, Reason.AUTOSCALING, "autoscaling of " + name + " set to "
          + (variants.isEmpty() ? "off" : status.rollout().autoscalingSignature + " for "
          + String.join(", ", variants)));
    }
    if (a.tags() != null) {
      tags.apply(a.tags(), status.rollout());
      report.normal(ep, Reason.TAGS_UPDATED, "tags of endpoint " + name
          + ", its config and models set to " + a.tags().tags());
    }
    collect(ep, status, a.garbage());
    report.holding(ep, status, a.hold());
    report.ready(ep, status, Reason.IN_SERVICE, a.message(), a.changed());
  }

  /** Deletes the garbage that is the endpoint's own; status then forgets the retired names. */
  void collect(ModelEndpoint ep, ModelEndpointStatus status, Garbage g) {
    var sweep = garbage.delete(g, ResourceOwner.of(ep.getMetadata()));
    status.rollout().swept();
    if (!sweep.deleted().isEmpty()) {
      report.normal(ep, Reason.GARBAGE_COLLECTED, "deleted replaced SageMaker resources: "
          + String.join(", ", sweep.deleted()));
    }
    if (!sweep.notOwned().isEmpty()) {
      report.warning(ep, Reason.NOT_OWNED, "left SageMaker resources untouched that are not "
          + "owned by this resource: " + String.join(", ", sweep.notOwned()));
    }
  }

  /** Before an update: the variants it replaces are registered again once it is done. */
  void removeAutoscaling(String endpointName, EndpointRollout rollout) {
    autoscaling.removeAll(endpointName, rollout);
  }
}
