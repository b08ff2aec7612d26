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
}
