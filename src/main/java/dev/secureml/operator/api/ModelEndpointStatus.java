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

  // Where releases before status.rollout kept it: a mirror of status.rollout for this release,
  // so an older CRD (which prunes status.rollout) or an older release loses nothing.

  @Deprecated
  @JsonPropertyDescription("Deprecated: a copy of status.rollout.targetEndpointConfigName kept for "
      + "one release; read status.rollout.")
  public String targetEndpointConfigName;

  @Deprecated
  @JsonPropertyDescription("Deprecated: a copy of status.rollout.targetGeneration kept for "
      + "one release; read status.rollout.")
  public Long targetGeneration;

  @Deprecated
  @JsonPropertyDescription("Deprecated: a copy of status.rollout.targetModelNames kept for "
      + "one release; read status.rollout.")
  public List<String> targetModelNames;

  @Deprecated
  @JsonPropertyDescription("Deprecated: a copy of status.rollout.retiredEndpointConfigs kept for "
      + "one release; read status.rollout.")
  public List<String> retiredEndpointConfigs;

  @Deprecated
  @JsonPropertyDescription("Deprecated: a copy of status.rollout.retiredModels kept for "
      + "one release; read status.rollout.")
  public List<String> retiredModels;

  @Deprecated
  @JsonPropertyDescription("Deprecated: a copy of status.rollout.failedGeneration kept for "
      + "one release; read status.rollout.")
  public Long failedGeneration;

  @Deprecated
  @JsonPropertyDescription("Deprecated: a copy of status.rollout.autoscaledVariants kept for "
      + "one release; read status.rollout.")
  public List<String> autoscaledVariants;

  @Deprecated
  @JsonPropertyDescription("Deprecated: a copy of status.rollout.autoscalingSignature kept for "
      + "one release; read status.rollout.")
  public String autoscalingSignature;

  @Deprecated
  @JsonPropertyDescription("Deprecated: a copy of status.rollout.appliedTags kept for "
      + "one release; read status.rollout.")
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
