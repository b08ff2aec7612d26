package dev.secureml.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code status.rollout} of a ModelEndpoint: the operator's own bookkeeping of a rollout, which
 * lets a pass after a restart or a lost status write tell an update in flight from a rollback,
 * and delete or deregister everything it ever created. Changed only through the transitions
 * below, each named for what happened.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EndpointRollout {
  @JsonPropertyDescription("The EndpointConfig last asked for (create or update); equal to "
      + "status.endpointConfigName once SageMaker has moved to it.")
  public String targetEndpointConfigName;

  @JsonPropertyDescription("Spec generation that asked for targetEndpointConfigName; empty once "
      + "the endpoint serves it.")
  public Long targetGeneration;

  @JsonPropertyDescription("The Models behind targetEndpointConfigName.")
  public List<String> targetModelNames = new ArrayList<>();

  @JsonPropertyDescription("Replaced or failed EndpointConfigs still to be deleted.")
  public List<String> retiredEndpointConfigs = new ArrayList<>();

  @JsonPropertyDescription("Replaced or failed Models still to be deleted.")
  public List<String> retiredModels = new ArrayList<>();

  @JsonPropertyDescription("Spec generation SageMaker refused or rolled back; it is not tried "
      + "again until the spec changes.")
  public Long failedGeneration;

  @JsonPropertyDescription("Variants registered with Application Auto Scaling.")
  public List<String> autoscaledVariants = new ArrayList<>();

  @JsonPropertyDescription("The autoscaling settings registered (min/max/target/cooldowns).")
  public String autoscalingSignature;

  @JsonPropertyDescription("Tags applied to the SageMaker endpoint, its config and models.")
  public Map<String, String> appliedTags = new LinkedHashMap<>();

  /** A create or update asks for this config; recorded before the calls, so none is lost. */
  public void begin(String config, List<String> models, long generation) {
    targetEndpointConfigName = config;
    targetModelNames = new ArrayList<>(models);
    targetGeneration = generation;
  }

  /** The endpoint serves this config and nothing else is asked for (also: an update refused). */
  public void settledOn(String config, List<String> models) {
    targetEndpointConfigName = config;
    targetModelNames = new ArrayList<>(models);
    targetGeneration = null;
  }

  /** Queues a config and models for deletion once nothing serves or targets them. */
  public void retire(String config, List<String> models) {
    if (config != null && !retiredEndpointConfigs.contains(config)) {
      retiredEndpointConfigs.add(config);
    }
    models.stream().filter(m -> !retiredModels.contains(m)).forEach(retiredModels::add);
  }

  /** SageMaker went back to the old config: the target is garbage, its generation failed. */
  public void rolledBack() {
    retire(targetEndpointConfigName, targetModelNames);
    failedGeneration = targetGeneration;
  }

  /** SageMaker refused or failed this generation's spec. */
  public void failed(Long generation) {
    failedGeneration = generation;
  }

  /** True when this spec generation failed and waits for a new one. */
  public boolean hasFailed(long generation) {
    return failedGeneration != null && failedGeneration == generation;
  }

  /** The spec is served (or about to be tried again): no generation counts as failed. */
  public void cleared() {
    failedGeneration = null;
  }

  /** The retired configs and models were deleted (or are in use again). */
  public void swept() {
    retiredEndpointConfigs = new ArrayList<>();
    retiredModels = new ArrayList<>();
  }

  /** Recorded before the Register call, so a failing pass still deregisters it on delete. */
  public void registering(String variant) {
    autoscalingSignature = null; // without a signature the next pass registers every variant
    if (!autoscaledVariants.contains(variant)) {
      autoscaledVariants.add(variant);
    }
  }

  public void deregistered(String variant) {
    autoscaledVariants.remove(variant);
  }

  /** Every variant wanted is registered with these settings (null: autoscaling off). */
  public void autoscalingSet(String signature) {
    autoscalingSignature = signature;
  }

  public void tagsApplied(Map<String, String> tags) {
    appliedTags = new LinkedHashMap<>(tags);
  }
}
