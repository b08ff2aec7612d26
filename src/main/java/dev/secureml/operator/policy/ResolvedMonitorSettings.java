package dev.secureml.operator.policy;

import dev.secureml.operator.api.Enforcement;
import java.util.List;
import java.util.Map;

/**
 * What the policy decides for a DataQualityMonitor.
 *
 * @param region the policy's region (null when it names none); with the ModelMonitor engine it
 *     also picks the Model Monitor analyzer image
 * @param roleArn / subnets / securityGroupIds the processing job's role and VpcConfig (ModelMonitor
 *     engine), from the policy
 * @param outputKmsKeyId the classification's key: encrypts every report and computed baseline
 *     (both engines) and the Model Monitor output
 * @param volumeKmsKeyId the processing volume's key (ModelMonitor engine); null for instance
 *     types with local NVMe storage, where SageMaker rejects a key
 * @param networkIsolation / interContainerTrafficEncryption the processing job's NetworkConfig
 * @param tags user tags merged with the policy's required tags (required tags win); ownership
 *     tags are added by the request mappers
 */
public record ResolvedMonitorSettings(
    String policyName,
    Enforcement enforcement,
    String region,
    String roleArn,
    List<String> subnets,
    List<String> securityGroupIds,
    boolean networkIsolation,
    boolean interContainerTrafficEncryption,
    String outputKmsKeyId,
    String volumeKmsKeyId,
    Map<String, String> tags) {}
