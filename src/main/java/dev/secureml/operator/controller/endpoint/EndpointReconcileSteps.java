package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.api.Phase;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.PolicyLookup;
import dev.secureml.operator.controller.StatusConditions;
import dev.secureml.operator.policy.Decision;
import dev.secureml.operator.policy.PolicyEngine;
import dev.secureml.operator.policy.ResolvedHostingSettings;
import dev.secureml.operator.sagemaker.AppliedSettings;
import dev.secureml.operator.sagemaker.EndpointStatusMapper;
import dev.secureml.operator.sagemaker.HostingPlan;
import dev.secureml.operator.sagemaker.HostingPlanner;
import dev.secureml.operator.sagemaker.ResourceOwner;
import dev.secureml.operator.sagemaker.SageMakerNames;
import java.time.Duration;

/**
 * One pass over a ModelEndpoint: check policy, resolve the model sources, plan, then the
 * rollout ({@link RolloutPass}). Returns when to look again, or null when only an outside
 * change can move it.
 */
final class EndpointReconcileSteps {
  private final PolicyEngine engine;
  private final PolicyLookup lookup;
  private final ModelSourceResolver sources;
  private final RolloutPass rollout;
  private final StatusConditions conditions;

  EndpointReconcileSteps(PolicyEngine engine, PolicyLookup lookup, ModelSourceResolver sources,
      RolloutPass rollout, StatusConditions conditions) {
    this.engine = engine;
    this.lookup = lookup;
    this.sources = sources;
    this.rollout = rollout;
    this.conditions = conditions;
  }


  Duration reconcile(ModelEndpoint ep, ModelEndpointStatus status) {
    Long gen = ep.getMetadata().getGeneration();
    // Policy first: a reference it refuses (another namespace, not a name) is never looked up.
    Decision<ResolvedHostingSettings> decision = engine.evaluateModelEndpoint(ep,
        lookup.namespace(ep.getMetadata().getNamespace()), lookup.policies());
    conditions.compliance(status.conditions, decision, gen);
    if (!decision.allowed()) {
      status.phase = Phase.REJECTED.value();
      rollout.report().stalled(ep, status, Reason.POLICY_VIOLATION, decision.summary());
      return null;
    }
    var resolution = sources.resolve(ep);
    if (resolution instanceof ModelSourceResolver.Waiting w) {
      status.phase = Phase.WAITING_FOR_TRAINING_JOB.value();
      rollout.report().inProgress(ep, status, Reason.WAITING_FOR_TRAINING_JOB, w.message(), false);
      return null; // the training job's informer wakes us
    }
    if (resolution instanceof ModelSourceResolver.Failed f) {
      status.phase = Phase.ERROR.value();
      rollout.report().stalled(ep, status, Reason.TRAINING_JOB_FAILED, f.message());
      return null;
    }
    var resolved = (ModelSourceResolver.Resolved) resolution;
    DesiredHosting desired = desired(ep, status, decision.settings(), resolved);
    return rollout.run(ep, status, desired).next();
  }

  static DesiredHosting desired(ModelEndpoint ep, ModelEndpointStatus status,
      ResolvedHostingSettings settings, ModelSourceResolver.Resolved resolved) {
    ResourceOwner owner = ResourceOwner.of(ep.getMetadata());
    // The recorded name wins: an endpoint created under an earlier naming keeps its name.
    String endpointName = status.endpointName != null ? status.endpointName
        : SageMakerNames.forResource(owner);
    HostingPlan plan = HostingPlanner.plan(ep, endpointName, resolved.models(), settings);
    status.appliedPolicy = AppliedSettings.of(settings, owner);
    return new DesiredHosting(plan, AppliedSettings.tags(settings.tags(), owner),
        ep.getSpec().autoscaling, resolved.hold(), ep.getMetadata().getGeneration());
  }
}
