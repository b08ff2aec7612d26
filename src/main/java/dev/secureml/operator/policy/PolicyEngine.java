package dev.secureml.operator.policy;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.Enforcement;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.api.SecureTrainingJobSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Decides whether a resource may run under its namespace's CompliancePolicy, and with which
 * settings. Pure: no Kubernetes or AWS calls, so controllers, the CLI and tests share it.
 *
 * <p>Deny by default: no policy, several policies, an invalid policy or a missing value the
 * SageMaker request needs all deny, whatever the enforcement. Every violation is collected, in
 * a fixed order (selection, instances, image, S3, runtime, spot, classification, security,
 * role, key, tags, hyperparameters, custom rules), so messages do not change between reconciles.
 *
 * <p>Thread-safe: the only state is the cache of compiled CEL programs.
 */
public class PolicyEngine {
  private final CelRuleEvaluator cel = new CelRuleEvaluator();
  private final PolicyValidator validator = new PolicyValidator(cel);

  public PolicyEngine() {}

  /** Label-selector match; an empty selector selects every namespace, a null one none. */
  public static boolean selects(CompliancePolicy policy, NamespaceInfo ns) {
    return PolicySelector.selects(policy, ns);
  }

  /** Problems with the policy itself; empty means the policy is Ready. */
  public List<String> validatePolicy(CompliancePolicy policy) {
    return validator.validate(policy);
  }

  public Decision<ResolvedSettings> evaluateTrainingJob(SecureTrainingJob job, NamespaceInfo ns,
      List<CompliancePolicy> policies) {
    Objects.requireNonNull(job, "job");
    String namespace = ns != null ? ns.name()
        : job.getMetadata() == null ? null : job.getMetadata().getNamespace();
    NamespaceInfo target = ns != null ? ns : new NamespaceInfo(namespace, Map.of());

    List<CompliancePolicy> selecting = PolicySelector.selecting(policies, target);
    if (selecting.isEmpty()) {
      return deny(null, Enforcement.Enforce, new Violation("metadata.namespace", "NoPolicy",
          "no CompliancePolicy selects namespace " + namespace));
    }
    if (selecting.size() > 1) {
      String names = selecting.stream().map(PolicySelector::name)
          .collect(Collectors.joining(", "));
      return deny(null, Enforcement.Enforce, new Violation("metadata.namespace",
          "PolicyConflict", "namespace " + namespace + " is selected by several "
              + "CompliancePolicies: " + names + "; exactly one may select it"));
    }

    CompliancePolicy policy = selecting.get(0);
    String name = PolicySelector.name(policy);
    CompliancePolicySpec p = policy.getSpec();
    Enforcement enforcement = p.enforcement == null ? Enforcement.Enforce : p.enforcement;
    List<String> problems = validatePolicy(policy);
    if (!problems.isEmpty()) {
      return deny(name, enforcement, new Violation("metadata.namespace", "PolicyNotReady",
          "CompliancePolicy " + name + " is not Ready: " + String.join("; ", problems)));
    }

    SecureTrainingJobSpec spec = job.getSpec();
    if (spec == null) {
      return deny(name, enforcement, new Violation("spec", "MissingField", "spec is required"));
    }
    List<Violation> violations = new ArrayList<>(TrainingJobRules.missingFields(spec));
    boolean unresolvable = !violations.isEmpty();
    violations.addAll(TrainingJobRules.instances(p, spec));
    violations.addAll(TrainingJobRules.image(p, spec));
    violations.addAll(TrainingJobRules.s3Locations(p, spec));
    RuntimeRules.Result runtime = RuntimeRules.check(p, spec);
    violations.addAll(runtime.violations());
    SecurityRules.Result security = SecurityRules.check(p, spec);
    violations.addAll(security.violations());
    Map<String, String> required = p.tags == null ? Map.of() : p.tags.required;
    violations.addAll(TagRules.check(required, spec.tags));
    violations.addAll(TrainingJobRules.hyperparameters(spec));
    violations.addAll(cel.evaluate(p.rules, SecureTrainingJob.KIND, CelInput.forTrainingJob(job)));

    // Audit admits a violating job, but only if there is something to send to SageMaker. With
    // no KMS key for the classification (or no runtime / spot wait that parses) there is no
    // compliant value to fill in, and inventing one would be worse than refusing.
    unresolvable |= runtime.unresolvable() || security.classificationKey() == null;
    boolean admit = violations.isEmpty() || (enforcement == Enforcement.Audit && !unresolvable);
    if (!admit) {
      return new Decision<>(name, enforcement, violations, null);
    }
    String instanceType = spec.resources.instanceType;
    ResolvedSettings settings = new ResolvedSettings(
        name,
        enforcement,
        p.region,
        p.executionRoleArn,
        List.copyOf(p.network.subnets),
        List.copyOf(p.network.securityGroupIds),
        KmsKeyResolver.volumeKey(security.classificationKey(), instanceType),
        security.classificationKey(),
        security.networkIsolation(),
        security.interContainerTrafficEncryption(),
        Collections.unmodifiableMap(TagRules.merge(required, spec.tags)),
        runtime.maxRuntimeSeconds(),
        runtime.maxWaitSeconds());
    return new Decision<>(name, enforcement, violations, settings);
  }

  private static <S> Decision<S> deny(String policyName, Enforcement enforcement, Violation v) {
    return new Decision<>(policyName, enforcement, List.of(v), null);
  }
}
