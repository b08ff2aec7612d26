package dev.secureml.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the operator and SageMaker report about an endpoint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelEndpointStatus {
  @JsonPropertyDescription("Short summary: Pending, Rejected, WaitingForTrainingJob, Creating, "
      + "Updating, InService, RollingBack, Failed, Deleting, Error.")
  public String phase;

  @JsonPropertyDescription("Generation of the spec this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("kstatus conditions: Compliant, Ready, Reconciling, Stalled.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Name of the SageMaker endpoint.")
  public String endpointName;

  @JsonPropertyDescription("ARN of the SageMaker endpoint.")
  public String endpointArn;

  @JsonPropertyDescription("The EndpointConfig the endpoint serves (or is moving to).")
  public String endpointConfigName;

  @JsonPropertyDescription("The Models behind the current EndpointConfig.")
  public List<String> modelNames = new ArrayList<>();

  @JsonPropertyDescription("Spec generation deployed successfully last.")
  public Long deployedGeneration;

  @JsonPropertyDescription("The operator's rollout bookkeeping: target and retired configs and "
      + "models, the failed generation, autoscaling and tags applied.")
  public EndpointRollout rollout;

  @JsonPropertyDescription("EndpointStatus: Creating, Updating, SystemUpdating, RollingBack, "
      + "InService, Deleting, Failed.")
  public String sageMakerStatus;

  @JsonPropertyDescription("SageMaker's failure reason.")
  public String failureReason;

  @JsonPropertyDescription("Per variant: current and desired instance count and weight.")
  public List<VariantStatus> variants = new ArrayList<>();

  @JsonPropertyDescription("HTTPS URL for InvokeEndpoint (SageMaker Runtime).")
  public String invocationUrl;

  @JsonPropertyDescription("Forwarded endpoint logs: checkpoints, counts and a tail.")
  public LogStatus logs;

  @JsonPropertyDescription("Settings the policy enforced.")
  public AppliedPolicy appliedPolicy;

  /**
   * status.rollout, made on first use. Never made by an initializer: a status an earlier
   * release wrote has none, and the copy the operator diffs against for its status patch must
   * not have one the API server lacks (the patch would address a parent that does not exist).
   */
  public EndpointRollout rollout() {
    if (rollout == null) {
      rollout = new EndpointRollout();
    }
    return rollout;
  }

  // Written by releases before status.rollout; read once on upgrade, then cleared.

  @Deprecated
  @JsonPropertyDescription("Deprecated: moved to status.rollout.targetEndpointConfigName; read "
      + "once on upgrade.")
  public String targetEndpointConfigName;

  @Deprecated
  @JsonPropertyDescription("Deprecated: moved to status.rollout.targetGeneration; read once on "
      + "upgrade.")
  public Long targetGeneration;

  @Deprecated
  @JsonPropertyDescription("Deprecated: moved to status.rollout.targetModelNames; read once on "
      + "upgrade.")
  public List<String> targetModelNames;

  @Deprecated
  @JsonPropertyDescription("Deprecated: moved to status.rollout.retiredEndpointConfigs; read "
      + "once on upgrade.")
  public List<String> retiredEndpointConfigs;

  @Deprecated
  @JsonPropertyDescription("Deprecated: moved to status.rollout.retiredModels; read once on "
      + "upgrade.")
  public List<String> retiredModels;

  @Deprecated
  @JsonPropertyDescription("Deprecated: moved to status.rollout.failedGeneration; read once on "
      + "upgrade.")
  public Long failedGeneration;

  @Deprecated
  @JsonPropertyDescription("Deprecated: moved to status.rollout.autoscaledVariants; read once on "
      + "upgrade.")
  public List<String> autoscaledVariants;

  @Deprecated
  @JsonPropertyDescription("Deprecated: moved to status.rollout.autoscalingSignature; read once "
      + "on upgrade.")
  public String autoscalingSignature;

  @Deprecated
  @JsonPropertyDescription("Deprecated: moved to status.rollout.appliedTags; read once on "
      + "upgrade.")
  public Map<String, String> appliedTags;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class VariantStatus {
    @JsonPropertyDescription("Variant name.")
    public String name;

    @JsonPropertyDescription("Instances running.")
    public Integer currentInstanceCount;

    @JsonPropertyDescription("Instances wanted.")
    public Integer desiredInstanceCount;

    @JsonPropertyDescription("Traffic weight in effect.")
    public Double currentWeight;

    @JsonPropertyDescription("Traffic weight wanted.")
    public Double desiredWeight;
  }
}
