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

  @JsonPropertyDescription("The EndpointConfig last asked for (create or update); equal to "
      + "endpointConfigName once SageMaker has moved to it.")
  public String targetEndpointConfigName;

  @JsonPropertyDescription("Spec generation that asked for targetEndpointConfigName.")
  public Long targetGeneration;

  @JsonPropertyDescription("The Models behind targetEndpointConfigName.")
  public List<String> targetModelNames = new ArrayList<>();

  @JsonPropertyDescription("Replaced or failed EndpointConfigs still to be deleted.")
  public List<String> retiredEndpointConfigs = new ArrayList<>();

  @JsonPropertyDescription("Replaced or failed Models still to be deleted.")
  public List<String> retiredModels = new ArrayList<>();

  @JsonPropertyDescription("Spec generation deployed successfully last.")
  public Long deployedGeneration;

  @JsonPropertyDescription("Spec generation whose update failed; it is not retried.")
  public Long failedGeneration;

  @JsonPropertyDescription("EndpointStatus: Creating, Updating, SystemUpdating, RollingBack, "
      + "InService, Deleting, Failed.")
  public String sageMakerStatus;

  @JsonPropertyDescription("SageMaker's failure reason.")
  public String failureReason;

  @JsonPropertyDescription("Per variant: current and desired instance count and weight.")
  public List<VariantStatus> variants = new ArrayList<>();

  @JsonPropertyDescription("HTTPS URL for InvokeEndpoint (SageMaker Runtime).")
  public String invocationUrl;

  @JsonPropertyDescription("Variants registered with Application Auto Scaling.")
  public List<String> autoscaledVariants = new ArrayList<>();

  @JsonPropertyDescription("The autoscaling settings registered (min/max/target/cooldowns).")
  public String autoscalingSignature;

  @JsonPropertyDescription("Tags applied to the SageMaker resources.")
  public Map<String, String> appliedTags = new LinkedHashMap<>();

  @JsonPropertyDescription("Forwarded endpoint logs: checkpoints, counts and a tail.")
  public LogStatus logs;

  @JsonPropertyDescription("Settings the policy enforced.")
  public AppliedPolicy appliedPolicy;

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
