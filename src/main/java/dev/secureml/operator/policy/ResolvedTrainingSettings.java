package dev.secureml.operator.policy;

import dev.secureml.operator.api.Enforcement;
import java.util.List;
import java.util.Map;

/**
 * What the policy decides for a SecureTrainingJob: what the scientist never has to write.
 * ModelEndpoint and DataQualityMonitor have their own ({@link ResolvedHostingSettings},
 * {@link ResolvedMonitorSettings}).
 *
 * @param volumeKmsKeyId null for instance types with local NVMe storage (SageMaker rejects a
 *     volume key there; AWS encrypts those disks itself)
 * @param tags user tags merged with the policy's required tags (required tags win); the
 *     ownership tags are added by the SageMaker request mappers
 * @param maxWaitSeconds null unless spot is enabled
 */
public record ResolvedTrainingSettings(
    String policyName,
    Enforcement enforcement,
    String region,
    String roleArn,
    List<String> subnets,
    List<String> securityGroupIds,
    String volumeKmsKeyId,
    String outputKmsKeyId,
    boolean networkIsolation,
    boolean interContainerTrafficEncryption,
    Map<String, String> tags,
    long maxRuntimeSeconds,
    Long maxWaitSeconds) {}
