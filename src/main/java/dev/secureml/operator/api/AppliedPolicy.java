package dev.secureml.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The settings a CompliancePolicy enforced, shown in status (never written into spec). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AppliedPolicy {
  @JsonPropertyDescription("Name of the CompliancePolicy.")
  public String policy;

  @JsonPropertyDescription("Enforce or Audit.")
  public Enforcement enforcement;

  @JsonPropertyDescription("Execution role.")
  public String roleArn;

  @JsonPropertyDescription("Subnets.")
  public List<String> subnets = new ArrayList<>();

  @JsonPropertyDescription("Security groups.")
  public List<String> securityGroupIds = new ArrayList<>();

  @JsonPropertyDescription("KMS key of the ML storage volume; empty for instance types with "
      + "local NVMe storage, which AWS encrypts itself.")
  public String volumeKmsKeyId;

  @JsonPropertyDescription("KMS key of the output data.")
  public String outputKmsKeyId;

  @JsonPropertyDescription("Network isolation.")
  public Boolean networkIsolation;

  @JsonPropertyDescription("Inter-container traffic encryption.")
  public Boolean interContainerTrafficEncryption;

  @JsonPropertyDescription("All tags put on the SageMaker resources.")
  public Map<String, String> tags = new LinkedHashMap<>();

  @JsonPropertyDescription("Runtime limit in seconds.")
  public Long maxRuntimeSeconds;

  /** The settings every kind shares; kind-specific ones (the runtime limit) are set after. */
  public static AppliedPolicy of(String policy, Enforcement enforcement, String roleArn,
      List<String> subnets, List<String> securityGroupIds, String volumeKmsKeyId,
      String outputKmsKeyId, Boolean networkIsolation, Boolean interContainerTrafficEncryption,
      Map<String, String> tags) {
    AppliedPolicy a = new AppliedPolicy();
    a.policy = policy;
    a.enforcement = enforcement;
    a.roleArn = roleArn;
    a.subnets = List.copyOf(subnets);
    a.securityGroupIds = List.copyOf(securityGroupIds);
    a.volumeKmsKeyId = volumeKmsKeyId;
    a.outputKmsKeyId = outputKmsKeyId;
    a.networkIsolation = networkIsolation;
    a.interContainerTrafficEncryption = interContainerTrafficEncryption;
    a.tags = new LinkedHashMap<>(tags);
    return a;
  }
}
