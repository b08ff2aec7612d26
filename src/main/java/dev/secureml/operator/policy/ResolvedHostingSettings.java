package dev.secureml.operator.policy;

import dev.secureml.operator.api.Enforcement;
import java.util.List;
import java.util.Map;

/**
 * What the policy decides for a ModelEndpoint.
 *
 * @param networkIsolation EnableNetworkIsolation on every Model
 * @param endpointKmsKeyId EndpointConfig.KmsKeyId (the hosting volume); null when a variant uses
 *     an instance type with local NVMe storage, where SageMaker rejects a key
 * @param dataCaptureKmsKeyId DataCaptureConfig.KmsKeyId
 * @param tags user tags merged with the policy's required tags (required tags win); ownership
 *     tags are added by the request mappers
 */
public record ResolvedHostingSettings(
    String policyName,
    Enforcement enforcement,
    String region,
    String roleArn,
    List<String> subnets,
    List<String> securityGroupIds,
    boolean networkIsolation,
    String endpointKmsKeyId,
    String dataCaptureKmsKeyId,
    Map<String, String> tags) {}
