package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.Reason;
import dev.secureml.operator.sagemaker.VariantCapacity;
import java.util.List;
import java.util.Map;

/**
 * What one pass does to an endpoint, chosen by {@link RolloutDecision} and carried out by {@link
 * RolloutExecutor}. Each action holds the names and messages the executor needs, so the choice
 * can be read (and golden-tested) without SageMaker.
 */
sealed interface RolloutAction {

  /** No endpoint, and SageMaker refused this spec generation: only a new one tries again. */
  record AwaitNewSpec() implements RolloutAction {}

  /** Create the Models, the config and the endpoint; first retire what an earlier try named. */
  record Create(String endpointName, String endpointConfigName, List<String> modelNames,
      long generation, List<Retirement> retire, Map<String, String> tags, String message)
      implements RolloutAction {}

  /** SageMaker accepts no update or delete in this state: look again soon. */
  record WaitWhileBusy(Reason reason, String message, ModelSourceResolver.Hold hold,
      boolean changed) implements RolloutAction {}

  /** OutOfService, UpdateRollbackFailed: not healthy, and not ours to push updates into. */
  record Stall(Reason reason, String message) implements RolloutAction {}

  /** A Failed endpoint for this spec generation: stalled until the spec changes. */
  record StallFailed(long failedGeneration, String message) implements RolloutAction {}

  /** A Failed endpoint can only be deleted: delete it so a new spec generation can create it. */
  record RecreateFailed(String endpointName, String message) implements RolloutAction {}

  /** This generation's update failed: keep serving the old config, collect what failed. */
  record HoldFailedUpdate(RolledBack rolledBack, Garbage garbage, String message)
      implements RolloutAction {}

  /** Move the endpoint onto a new config; SageMaker brings the new fleet up first. */
  record BlueGreen(RolledBack rolledBack, Retirement retire, String endpointConfigName,
      List<String> modelNames, long generation, String message) implements RolloutAction {}

  /** Only weights or instance counts changed: UpdateEndpointWeightsAndCapacities. */
  record UpdateWeights(List<VariantCapacity> capacities, String message)
      implements RolloutAction {}

  /**
   * The endpoint serves the spec: keep autoscaling and tags in step, delete retired parts,
   * report Ready.
   *
   * @param deployed false while a held variant serves a model the spec no longer names
   */
  record Settle(boolean deployed, EndpointAutoscaling.Change autoscaling,
      EndpointTagSync.Change tags, Garbage garbage, ModelSourceResolver.Hold hold,
      String message, boolean changed) implements RolloutAction {}

  /** A config and the models that go with it once nothing serves or targets them. */
  record Retirement(String endpointConfigName, List<String> modelNames) {}

  /**
   * SageMaker is back on the config it served before the update to {@code endpointConfigName}.
   *
   * @param message the Warning raised
   */
  record RolledBack(String endpointConfigName, List<String> modelNames, long generation,
      String message) {}

  /** Retired configs and models that nothing serves or targets: deleted when owned. */
  record Garbage(List<String> endpointConfigs, List<String> models) {}
}
