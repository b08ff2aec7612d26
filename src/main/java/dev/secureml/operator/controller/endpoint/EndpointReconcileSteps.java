package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.PolicyLookup;
import dev.secureml.operator.controller.PollingSchedule;
import dev.secureml.operator.controller.StatusConditions;
import dev.secureml.operator.policy.Decision;
import dev.secureml.operator.policy.PolicyEngine;
import dev.secureml.operator.policy.ResolvedHostingSettings;
import dev.secureml.operator.sagemaker.AppliedSettings;
import dev.secureml.operator.sagemaker.EndpointGateway;
import dev.secureml.operator.sagemaker.EndpointStatusMapper;
import dev.secureml.operator.sagemaker.HostingPlan;
import dev.secureml.operator.sagemaker.HostingPlanner;
import dev.secureml.operator.sagemaker.ResourceOwner;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import dev.secureml.operator.sagemaker.SageMakerNames;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * One pass over a ModelEndpoint, as a list of steps chosen by the state SageMaker reports.
 * Returns when to look again, or null when only an outside change can move it.
 */
final class EndpointReconcileSteps {
  /** States in which SageMaker refuses updates and deletes. */
  private static final Set<String> BUSY = Set.of("Creating", "Updating", "SystemUpdating",
      "RollingBack", "Deleting");

  private final PolicyEngine engine;
  private final PolicyLookup lookup;
  private final EndpointGateway gateway;
  private final EndpointDeployer deployer;
  private final EndpointAutoscaling autoscaling;
  private final EndpointTagSync tags;
  private final EndpointGarbageCollector garbage;
  private final RecordedHostingNames recorded;
  private final ModelSourceResolver sources;
  private final EventRecorder events;
  private final PollingSchedule polling;
  private final StatusConditions conditions;
  /** The hold message last shown per endpoint uid, so a failed source job warns once. */
  private final Map<String, String> warnedHolds = new java.util.concurrent.ConcurrentHashMap<>();

  EndpointReconcileSteps(PolicyEngine engine, PolicyLookup lookup, EndpointGateway gateway,
      EndpointDeployer deployer, EndpointAutoscaling autoscaling, EndpointTagSync tags,
      EndpointGarbageCollector garbage, ModelSourceResolver sources, EventRecorder events,
      PollingSchedule polling, StatusConditions conditions) {
    this.engine = engine;
    this.lookup = lookup;
    this.gateway = gateway;
    this.deployer = deployer;
    this.autoscaling = autoscaling;
    this.tags = tags;
    this.garbage = garbage;
    this.recorded = new RecordedHostingNames(gateway);
    this.sources = sources;
    this.events = events;
    this.polling = polling;
    this.conditions = conditions;
  }

  static boolean isBusy(String endpointStatus) {
    return endpointStatus != null && BUSY.contains(endpointStatus); // Set.of refuses null
  }

  Duration reconcile(ModelEndpoint ep, ModelEndpointStatus status) {
    Long gen = ep.getMetadata().getGeneration();
    String uid = ep.getMetadata().getUid();
    // Policy first: a reference it refuses (another namespace, not a name) is never looked up.
    Decision<ResolvedHostingSettings> decision = engine.evaluateModelEndpoint(ep,
        lookup.namespace(ep.getMetadata().getNamespace()), lookup.policies());
    conditions.compliance(status.conditions, decision, gen);
    if (!decision.allowed()) {
      status.phase = "Rejected";
      stalledOnce(ep, status, "PolicyViolation", decision.summary());
      return null;
    }
    ResolvedHostingSettings settings = decision.settings();

    var resolution = sources.resolve(ep);
    if (resolution instanceof ModelSourceResolver.Waiting w) {
      status.phase = "WaitingForTrainingJob";
      conditions.inProgress(status.conditions, "WaitingForTrainingJob", w.message(), gen);
      return null; // the training job's informer wakes us
    }
    if (resolution instanceof ModelSourceResolver.Failed f) {
      status.phase = "Error";
      stalledOnce(ep, status, "TrainingJobFailed", f.message());
      return null;
    }
    var models = ((ModelSourceResolver.Resolved) resolution).models();
    var hold = ((ModelSourceResolver.Resolved) resolution).hold();
    ResourceOwner owner = ResourceOwner.of(ep.getMetadata());
    // The recorded name wins: an endpoint created under an earlier naming keeps its name.
    String endpointName = status.endpointName != null ? status.endpointName
        : SageMakerNames.forResource(owner);
    HostingPlan plan = HostingPlanner.plan(ep, endpointName, models, settings);
    Map<String, String> desiredTags = AppliedSettings.tags(settings.tags(), owner);
    status.appliedPolicy = AppliedSettings.of(settings, owner);

    var described = gateway.describeEndpoint(endpointName);
    if (described.isEmpty()) {
      if (ep.getMetadata().getGeneration().equals(status.failedGeneration)) {
        return null; // SageMaker refused this spec; only a new generation tries again
      }
      return create(ep, status, plan, desiredTags, owner);
    }
    DescribeEndpointResponse d = described.get();
    // Checked every pass (remembered once owned): status may name what another owner holds.
    gateway.endpoints().requireOwned(endpointName, d.endpointArn(), owner);
    String previousPhase = status.phase;
    String previousConfig = status.endpointConfigName;
    EndpointStatusMapper.apply(d, status);
    status.endpointName = endpointName;
    status.phase = EndpointStatusMapper.phaseOf(d);
    if (status.endpointConfigName != null
        && status.endpointConfigName.equals(status.targetEndpointConfigName)) {
      status.modelNames = status.targetModelNames;
    } else if (!Objects.equals(status.endpointConfigName, previousConfig)
        || (status.modelNames.isEmpty() && status.endpointConfigName != null)) {
      status.modelNames = modelsServedBy(status.endpointConfigName);
    }
    boolean changed = !Objects.equals(previousPhase, status.phase);
    if (isBusy(status.phase)) {
      String msg = noting(ep, status, hold, "SageMaker endpoint " + endpointName + " is "
          + status.phase);
      conditions.inProgress(status.conditions, status.phase, msg, gen);
      if (changed) {
        events.normal(ep, status.phase, msg);
      }
      return polling.next(uid, changed);
    }
    if ("Failed".equals(status.phase)) {
      return failed(ep, status, plan);
    }
    if (!"InService".equals(status.phase)) {
      // OutOfService, UpdateRollbackFailed: not healthy, and not ours to push updates into.
      stalledOnce(ep, status, status.phase, "SageMaker endpoint " + endpointName + " is "
          + status.phase + (status.failureReason == null ? "" : ": " + status.failureReason));
      return polling.max();
    }
    plan = recorded.preferServing(plan, status.endpointConfigName, owner);
    return inService(ep, status, plan, desiredTags, hold, changed, owner);
  }

  void forget(String uid) {
    warnedHolds.remove(uid);
    recorded.forget(uid);
  }

  /** Ground truth from SageMaker: the models a config serves (status may not know them). */
  private List<String> modelsServedBy(String config) {
    return gateway.describeEndpointConfig(config)
        .map(c -> c.productionVariants().stream().map(v -> v.modelName()).distinct().toList())
        .orElse(List.of());
  }

  private Duration create(ModelEndpoint ep, ModelEndpointStatus status, HostingPlan plan,
      Map<String, String> desiredTags, ResourceOwner owner) {
    retireUnlessPlanned(status, plan, status.targetEndpointConfigName, status.targetModelNames);
    retireUnlessPlanned(status, plan, status.endpointConfigName, status.modelNames);
    // Names go to status before the calls: a refusal halfway must not leave them unknown.
    status.endpointName = plan.endpointName();
    status.targetEndpointConfigName = plan.endpointConfigName();
    status.targetModelNames = plan.modelNames();
    status.targetGeneration = ep.getMetadata().getGeneration();
    deployer.create(plan, owner);
    status.appliedTags = new LinkedHashMap<>(desiredTags);
    status.phase = "Creating";
    String msg = "creating SageMaker endpoint " + plan.endpointName() + " with config "
        + plan.endpointConfigName();
    conditions.inProgress(status.conditions, "Creating", msg, ep.getMetadata().getGeneration());
    events.normal(ep, "Creating", msg);
    return polling.next(ep.getMetadata().getUid(), true);
  }

  private static void retireUnlessPlanned(ModelEndpointStatus status, HostingPlan plan,
      String config, List<String> models) {
    if (config != null && !config.equals(plan.endpointConfigName())) {
      EndpointGarbageCollector.retire(status, config, models.stream()
          .filter(m -> !plan.modelNames().contains(m)).toList());
    }
  }

  /** A Failed endpoint can only be deleted: do so when a new spec generation wants another go. */
  private Duration failed(ModelEndpoint ep, ModelEndpointStatus status, HostingPlan plan) {
    Long gen = ep.getMetadata().getGeneration();
    if (status.failedGeneration == null) {
      status.failedGeneration = status.targetGeneration != null ? status.targetGeneration : gen;
    }
    if (!status.failedGeneration.equals(gen)) {
      gateway.deleteEndpoint(plan.endpointName());
      status.phase = "Deleting";
      String msg = "deleting failed endpoint " + plan.endpointName() + " to create it again "
          + "for spec generation " + gen;
      conditions.inProgress(status.conditions, "Recreating", msg, gen);
      events.normal(ep, "Recreating", msg);
      status.failedGeneration = null;
      return polling.next(ep.getMetadata().getUid(), true);
    }
    stalledOnce(ep, status, "EndpointFailed", "SageMaker endpoint " + plan.endpointName()
        + " failed: " + status.failureReason + "; change the spec to try again");
    return null;
  }

  private Duration inService(ModelEndpoint ep, ModelEndpointStatus status, HostingPlan plan,
      Map<String, String> desiredTags, ModelSourceResolver.Hold hold, boolean changed,
      ResourceOwner owner) {
    Long gen = ep.getMetadata().getGeneration();
    String uid = ep.getMetadata().getUid();
    String serving = status.endpointConfigName;
    if (status.targetGeneration != null && status.targetEndpointConfigName != null
        && !status.targetEndpointConfigName.equals(serving)
        && !plan.endpointConfigName().equals(serving)) {
      // We asked for another config and SageMaker is back on the old one: it rolled back.
      EndpointGarbageCollector.retire(status, status.targetEndpointConfigName,
          status.targetModelNames);
      status.failedGeneration = status.targetGeneration != null ? status.targetGeneration : gen;
      events.warning(ep, "UpdateRolledBack", "update of endpoint " + plan.endpointName()
          + " failed and SageMaker rolled back to " + serving + ": " + status.failureReason);
    }
    status.targetEndpointConfigName = serving;
    status.targetModelNames = status.modelNames;
    status.targetGeneration = null;
    if (gen.equals(status.failedGeneration)) {
      collectGarbage(ep, status, owner);
      status.phase = "UpdateFailed";
      stalledOnce(ep, status, "UpdateFailed", "update to spec generation " + gen + " failed ("
          + status.failureReason + "); the endpoint keeps serving " + serving
          + ". It is not retried: change the spec to try again");
      return polling.max();
    }
    if (!plan.endpointConfigName().equals(serving)) {
      EndpointGarbageCollector.retire(status, serving, status.modelNames.stream()
          .filter(m -> !plan.modelNames().contains(m)).toList());
      // SageMaker refuses some updates of autoscaled variants: deregister now, and the InService
      // pass after the update registers the new variants again.
      autoscaling.removeAll(plan.endpointName(), status);
      status.targetEndpointConfigName = plan.endpointConfigName();
      status.targetModelNames = plan.modelNames();
      status.targetGeneration = gen;
      try {
        deployer.update(plan, owner);
      } catch (SageMakerCallException e) {
        if (e.kind().passes()) {
          // The update did not start: the next pass must not take the old config still
          // serving for a rollback. It asks again for the same (content-named) config.
          status.targetEndpointConfigName = serving;
          status.targetModelNames = status.modelNames;
          status.targetGeneration = null;
        }
        throw e;
      }
      status.phase = "Updating";
      String msg = "blue/green update of endpoint " + plan.endpointName() + " from " + serving
          + " to " + plan.endpointConfigName();
      conditions.inProgress(status.conditions, "Updating", msg, gen);
      events.normal(ep, "Updating", msg);
      return polling.next(uid, true);
    }
    if (capacitiesDiffer(plan, status, ep.getSpec().autoscaling != null)) {
      deployer.updateCapacities(plan, status, ep.getSpec().autoscaling != null);
      status.phase = "Updating";
      String msg = "updating weights and instance counts of endpoint " + plan.endpointName()
          + " (no new config)";
      conditions.inProgress(status.conditions, "UpdatingWeights", msg, gen);
      events.normal(ep, "UpdatingWeights", msg);
      return polling.next(uid, true);
    }
    status.failedGeneration = null;
    if (hold == null) {
      status.deployedGeneration = gen; // a held variant does not serve what this spec names
    }
    List<String> variantNames = plan.variants().stream().map(HostingPlan.Variant::variantName)
        .toList();
    if (autoscaling.sync(plan.endpointName(), ep.getSpec().autoscaling, variantNames, status)) {
      events.normal(ep, "Autoscaling", "autoscaling of " + plan.endpointName() + " set to "
          + (status.autoscaledVariants.isEmpty() ? "off" : status.autoscalingSignature
          + " for " + String.join(", ", status.autoscaledVariants)));
    }
    if (tags.sync(desiredTags, status)) {
      events.normal(ep, "TagsUpdated", "tags of endpoint " + plan.endpointName()
          + ", its config and models set to " + desiredTags);
    }
    collectGarbage(ep, status, owner);
    String msg = noting(ep, status, hold, "SageMaker endpoint " + plan.endpointName()
        + " is InService with config " + serving);
    conditions.ready(status.conditions, "InService", msg, gen);
    if (changed) {
      events.normal(ep, "InService", msg);
    }
    return polling.next(uid, changed);
  }

  private void collectGarbage(ModelEndpoint ep, ModelEndpointStatus status,
      ResourceOwner owner) {
    EndpointGarbageCollector.Sweep sweep = garbage.collect(status, owner);
    if (!sweep.deleted().isEmpty()) {
      events.normal(ep, "GarbageCollected", "deleted replaced SageMaker resources: "
          + String.join(", ", sweep.deleted()));
    }
    if (!sweep.notOwned().isEmpty()) {
      events.warning(ep, "NotOwned", "left SageMaker resources untouched that are not owned by"
          + " this resource: " + String.join(", ", sweep.notOwned()));
    }
  }

  private static boolean capacitiesDiffer(HostingPlan plan, ModelEndpointStatus status,
      boolean autoscaled) {
    for (var wanted : plan.capacities()) {
      var actual = status.variants.stream().filter(v -> v.name.equals(wanted.name()))
          .findFirst().orElse(null);
      if (actual == null) {
        return false; // a new variant needs a new config, handled above
      }
      boolean weight = actual.desiredWeight == null
          || Math.abs(actual.desiredWeight - wanted.weight()) > 1e-6;
      // With autoscaling on, Application Auto Scaling owns the instance count.
      boolean count = !autoscaled && !Objects.equals(actual.desiredInstanceCount,
          wanted.instanceCount());
      if (weight || count) {
        return true;
      }
    }
    return false;
  }

  /**
   * The condition message, plus why a variant keeps its deployed model. A failed training job
   * raises one Warning when it first shows in the conditions, not one per pass.
   */
  private String noting(ModelEndpoint ep, ModelEndpointStatus status,
      ModelSourceResolver.Hold hold, String message) {
    String uid = ep.getMetadata().getUid();
    if (hold == null) {
      warnedHolds.remove(uid);
      return message;
    }
    // Shown in the conditions (survives a restart) or warned by this process (survives passes
    // whose conditions say Updating and the like, and lost status writes).
    boolean shown = Conditions.find(status.conditions, Conditions.READY)
        .map(Condition::getMessage).filter(m -> m != null && m.endsWith(hold.message()))
        .isPresent() || hold.message().equals(warnedHolds.get(uid));
    if (hold.sourceFailed() && !shown) {
      events.warning(ep, "TrainingJobFailed", "endpoint " + status.endpointName + " keeps "
          + hold.message());
    }
    warnedHolds.put(uid, hold.message());
    return message + "; " + hold.message();
  }

  /** Stalled, with a Warning Event only when the reason or message is new. */
  private void stalledOnce(ModelEndpoint ep, ModelEndpointStatus status, String reason,
      String message) {
    if (conditions.stalledAnew(status.conditions, reason, message,
        ep.getMetadata().getGeneration())) {
      events.warning(ep, reason, message);
    }
  }
}
