package dev.secureml.operator.sagemaker;

import dev.secureml.operator.api.AppliedPolicy;
import dev.secureml.operator.policy.ResolvedHostingSettings;
import dev.secureml.operator.policy.ResolvedMonitorSettings;
import dev.secureml.operator.policy.ResolvedTrainingSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place that says which tags a resource's SageMaker requests carry and what
 * {@code status.appliedPolicy} shows, so status can never claim a tag the request did not send:
 * the policy-resolved tags sorted by key with reserved {@code secureml.dev/} keys dropped (in any
 * case), then the ownership tags, which nothing may override.
 */
public final class AppliedSettings {
  private AppliedSettings() {}

  /** The tags every request for {@code owner} carries, in the order they are sent. */
  public static Map<String, String> tags(Map<String, String> resolved, ResourceOwner owner) {
    return tags(resolved, owner.tags());
  }

  static Map<String, String> tags(Map<String, String> resolved, Map<String, String> ownership) {
    Map<String, String> tags = new LinkedHashMap<>();
    new TreeMap<>(resolved == null ? Map.<String, String>of() : resolved).forEach((k, v) -> {
      if (!OwnershipTags.isReserved(k)) {
        tags.put(k, v);
      }
    });
    tags.putAll(ownership);
    return tags;
  }

  /** What a training job's policy enforced, with its runtime limit. */
  public static AppliedPolicy of(ResolvedTrainingSettings s, ResourceOwner owner) {
    AppliedPolicy a = AppliedPolicy.of(s.policyName(), s.enforcement(), s.roleArn(),
        s.subnets(), s.securityGroupIds(), s.volumeKmsKeyId(), s.outputKmsKeyId(),
        s.networkIsolation(), s.interContainerTrafficEncryption(), tags(s.tags(), owner));
    a.maxRuntimeSeconds = s.maxRuntimeSeconds();
    return a;
  }

  /** What an endpoint's policy enforced: hosting has no inter-container traffic, and its
   * output key is the data-capture key. */
  public static AppliedPolicy of(ResolvedHostingSettings s, ResourceOwner owner) {
    return AppliedPolicy.of(s.policyName(), s.enforcement(), s.roleArn(), s.subnets(),
        s.securityGroupIds(), s.endpointKmsKeyId(), s.dataCaptureKmsKeyId(),
        s.networkIsolation(), null, tags(s.tags(), owner));
  }

  /** What a data-quality monitor's policy enforced. */
  public static AppliedPolicy of(ResolvedMonitorSettings s, ResourceOwner owner) {
    return AppliedPolicy.of(s.policyName(), s.enforcement(), s.roleArn(), s.subnets(),
        s.securityGroupIds(), s.volumeKmsKeyId(), s.outputKmsKeyId(), s.networkIsolation(),
        s.interContainerTrafficEncryption(), tags(s.tags(), owner));
  }
}
