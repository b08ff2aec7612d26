package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.EndpointRollout;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.endpoint.EndpointObservation.Observed;
import dev.secureml.operator.controller.endpoint.RolloutAction.AwaitNewSpec;
import dev.secureml.operator.controller.endpoint.RolloutAction.BlueGreen;
import dev.secureml.operator.controller.endpoint.RolloutAction.Create;
import dev.secureml.operator.controller.endpoint.RolloutAction.Garbage;
import dev.secureml.operator.controller.endpoint.RolloutAction.HoldFailedUpdate;
import dev.secureml.operator.controller.endpoint.RolloutAction.RecreateFailed;
import dev.secureml.operator.controller.endpoint.RolloutAction.Retirement;
import dev.secureml.operator.controller.endpoint.RolloutAction.RolledBack;
import dev.secureml.operator.controller.endpoint.RolloutAction.Settle;
import dev.secureml.operator.controller.endpoint.RolloutAction.Stall;
import dev.secureml.operator.controller.endpoint.RolloutAction.StallFailed;
import dev.secureml.operator.controller.endpoint.RolloutAction.UpdateWeights;
import dev.secureml.operator.controller.endpoint.RolloutAction.WaitWhileBusy;
import dev.secureml.operator.sagemaker.EndpointStatusMapper;
import dev.secureml.operator.sagemaker.HostingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The endpoint rollout as a decision: (what SageMaker reports, as recorded in status by {@link
 * EndpointObservation}; the rollout bookkeeping; what the spec wants) -> one {@link
 * RolloutAction}. No calls, no clock, no Events: the same inputs give the same action.
 */
final class RolloutDecision {
  private RolloutDecision() {}

  static RolloutAction decide(Observed observed, ModelEndpointStatus status,
      DesiredHosting desired) {
    if (observed.absent()) {
      return status.rollout().hasFailed(desired.generation()) ? new AwaitNewSpec()
          : create(status, desired);
    }
    String state = status.phase;
    String endpoint = "SageMaker endpoint " + desired.endpointName();
    if (EndpointStatusMapper.isTransitional(state)) {
      return new WaitWhileBusy(Reason.ofSageMakerState(state),
          noting(endpoint + " is " + state, desired), desired.hold(), observed.phaseChanged());
    }
    if (EndpointStatusMapper.FAILED.equals(state)) {
      return failed(status, desired);
    }
    if (!EndpointStatusMapper.IN_SERVICE.equals(state)) {
      // SageMaker's own word: a state newer than the vocabulary shows as phase Unknown.
      String reported = status.sageMakerStatus == null ? state : status.sageMakerStatus;
      return new Stall(Reason.ofSageMakerState(reported), endpoint + " is " + reported
          + (status.failureReason == null ? "" : ": " + status.failureReason));
    }
    return inService(observed, status, desired);
  }

  /** Names an earlier try recorded that this plan does not reuse are retired first. */
  private static Create create(ModelEndpointStatus status, DesiredHosting desired) {
    HostingPlan plan = desired.plan();
    EndpointRollout r = status.rollout();
    List<Retirement> retire = Stream.of(
            new Retirement(r.targetEndpointConfigName, r.targetModelNames),
            new Retirement(status.endpointConfigName, status.modelNames))
        .filter(t -> t.endpointConfigName() != null
            && !t.endpointConfigName().equals(plan.endpointConfigName()))
        .map(t -> new Retirement(t.endpointConfigName(), notIn(t.modelNames(),
            plan.modelNames())))
        .toList();
    return new Create(plan.endpointName(), plan.endpointConfigName(), plan.modelNames(),
        desired.generation(), retire, desired.tags(), "creating SageMaker endpoint "
        + plan.endpointName() + " with config " + plan.endpointConfigName());
  }

  /** A Failed endpoint can only be deleted: done when a new spec generation wants another go. */
  private static RolloutAction failed(ModelEndpointStatus status, DesiredHosting desired) {
    EndpointRollout r = status.rollout();
    long gen = desired.generation();
    long failedGeneration = r.failedGeneration != null ? r.failedGeneration
        : r.targetGeneration != null ? r.targetGeneration : gen;
    if (failedGeneration != gen) {
      return new RecreateFailed(desired.endpointName(), "deleting failed endpoint "
          + desired.endpointName() + " to create it again for spec generation " + gen);
    }
    return new StallFailed(failedGeneration, "SageMaker endpoint " + desired.endpointName()
        + " failed: " + status.failureReason + "; change the spec to try again");
  }

  private static RolloutAction inService(Observed observed, ModelEndpointStatus status,
      DesiredHosting desired) {
    HostingPlan plan = desired.plan();
    String serving = status.endpointConfigName;
    long gen = desired.generation();
    RolledBack rolledBack = rolledBack(status, desired);
    Long failedGeneration = rolledBack != null ? Long.valueOf(rolledBack.generation())
        : status.rollout().failedGeneration;
    if (failedGeneration != null && failedGeneration == gen) {
      return new HoldFailedUpdate(rolledBack, garbage(status, rolledBack), "update to spec "
          + "generation " + gen + " failed (" + status.failureReason + "); the endpoint keeps "
          + "serving " + serving + ". It is not retried: change the spec to try again");
    }
    if (!plan.endpointConfigName().equals(serving)) {
      return new BlueGreen(rolledBack, new Retirement(serving, notIn(status.modelNames,
          plan.modelNames())), plan.endpointConfigName(), plan.modelNames(), gen,
          "blue/green update of endpoint " + plan.endpointName() + " from " + serving + " to "
          + plan.endpointConfigName());
    }
    var capacities = VariantCapacities.update(plan, status.variants,
        desired.autoscaling() != null);
    if (capacities != null) {
      return new UpdateWeights(capacities, "updating weights and instance counts of endpoint "
          + plan.endpointName() + " (no new config)");
    }
    return new Settle(desired.hold() == null,
        EndpointAutoscaling.change(desired.autoscaling(), desired.variantNames(), status.rollout()),
        EndpointTagSync.change(desired.tags(), status), garbage(status, null), desired.hold(),
        noting("SageMaker endpoint " + plan.endpointName() + " is InService with config "
            + serving, desired), observed.phaseChanged());
  }

  /** We asked for another config and SageMaker is back on the old one: it rolled back. */
  private static RolledBack rolledBack(ModelEndpointStatus status, DesiredHosting desired) {
    EndpointRollout r = status.rollout();
    String serving = status.endpointConfigName;
    if (r.targetGeneration == null || r.targetEndpointConfigName == null
        || r.targetEndpointConfigName.equals(serving)
        || desired.plan().endpointConfigName().equals(serving)) {
      return null;
    }
    return new RolledBack(r.targetEndpointConfigName, r.targetModelNames, r.targetGeneration,
        "update of endpoint " + desired.endpointName() + " failed and SageMaker rolled back to "
        + serving + ": " + status.failureReason);
  }

  /**
   * The retired names (plus a rolled-back target) that the endpoint no longer serves. Once the
   * endpoint is InService it targets what it serves, so that is all that is in use.
   */
  private static Garbage garbage(ModelEndpointStatus status, RolledBack rolledBack) {
    List<String> configs = new ArrayList<>(status.rollout().retiredEndpointConfigs);
    List<String> models = new ArrayList<>(status.rollout().retiredModels);
    if (rolledBack != null) {
      addNew(configs, List.of(rolledBack.endpointConfigName()));
      addNew(models, rolledBack.modelNames());
    }
    configs.removeIf(c -> c.equals(status.endpointConfigName));
    return new Garbage(configs, notIn(models, status.modelNames));
  }

  private static void addNew(List<String> to, List<String> names) {
    names.stream().filter(n -> !to.contains(n)).forEach(to::add);
  }

  private static List<String> notIn(List<String> names, List<String> kept) {
    return names.stream().filter(n -> !kept.contains(n)).toList();
  }

  /** The message, plus why a variant keeps its deployed model. */
  private static String noting(String message, DesiredHosting desired) {
    return desired.hold() == null ? message : message + "; " + desired.hold().message();
  }
}
