package dev.secureml.operator.policy;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.api.Enforcement;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.api.SecureTrainingJobSpec;
import dev.secureml.operator.policy.schema.ResourceSchemaValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Decides whether a resource may run under its namespace's CompliancePolicy, and with which
 * settings. Pure: no Kubernetes or AWS calls, so controllers, the CLI and tests share it.
 *
 * <p>Every kind goes through the same steps: select exactly one valid policy, check the
 * resource against its own CRD schema (which also holds references to other objects to plain
 * names in the resource's own namespace), run the kind's rules (sharing the instance, image, S3,
 * classification and tag checks), run the custom CEL rules that apply to the kind, then admit or
 * deny.
 *
 * <p>Deny by default: no policy, several policies, an invalid policy, a schema violation, a
 * missing value the SageMaker request needs or an image or S3 URI that does not parse all deny,
 * whatever the enforcement. Every violation is collected, in a fixed order, so messages do not
 * change between reconciles. Training: selection, instances, image, S3, runtime, spot,
 * classification, security, role, key, tags, hyperparameters, environment, custom rules.
 * Hosting: selection, missing fields, model sources, variant names, instances, autoscaling,
 * images, S3, classification, tags, environment, custom rules. Inline secrets (tags,
 * hyperparameters, environment) are refused with the field they stand in; see
 * {@link InlineSecrets}. Monitoring: selection, missing fields and baseline, S3, processing
 * instance and runtime (Model Monitor engine), classification, tags, the retrain template (as a
 * training job, custom rules included), custom rules.
 *
 * <p>Thread-safe: the only state is the cache of compiled CEL programs.
 */
public class PolicyEngine {
  /** Reason of a violation of the resource's own CRD schema. */
  public static final String SCHEMA_VIOLATION = Reason.SCHEMA_VIOLATION.value();

  private final CelRuleEvaluator cel = new CelRuleEvaluator();
  // Loaded when the engine is built, so a jar without its CRDs fails at startup.
  private final ResourceSchemaValidator schemas = ResourceSchemaValidator.shared();
  private final PolicyValidator validator = new PolicyValidator(cel, schemas);

  /** The one valid policy that governs a resource. */
  private record Governing(String name, CompliancePolicySpec spec, Enforcement enforcement) {
    List<String> subnets() {
      return List.copyOf(spec.network.subnets);
    }

    List<String> securityGroupIds() {
      return List.copyOf(spec.network.securityGroupIds);
    }
  }

  /**
   * What a kind's rules found, before the custom rules.
   *
   * @param unresolvable a value the SageMaker request needs is missing or malformed, so the
   *     resource is denied even under Audit
   * @param settings builds the resolved settings; only called when the resource is admitted
   */
  private record Findings<S>(List<Violation> violations, boolean unresolvable,
      Supplier<S> settings) {}

  public PolicyEngine() {}

  /** Label-selector match; an empty selector selects every namespace, a null one none. */
  public static boolean selects(CompliancePolicy policy, NamespaceInfo ns) {
    return PolicySelector.selects(policy, ns);
  }

  /** Problems with the policy itself; empty means the policy is Ready. */
  public List<String> validatePolicy(CompliancePolicy policy) {
    return validator.validate(policy);
  }

  public Decision<ResolvedTrainingSettings> evaluateTrainingJob(SecureTrainingJob job,
      NamespaceInfo ns, List<CompliancePolicy> policies) {
    Objects.requireNonNull(job, "job");
    return evaluate(job, job.getSpec(), SecureTrainingJob.KIND, ns, policies,
        CelInput::forTrainingJob, PolicyEngine::trainingJob);
  }

  /**
   * Judges a ModelEndpoint: hosting instance rules ({@code instances.hosting}, else
   * {@code instances}) for every variant and the autoscaling maximum, autoscaling consistency,
   * model sources, images and model data of every model, the capture destination, the
   * classification's keys, tags and the custom rules for the kind. Under Audit a violating
   * endpoint is admitted unless a required field is missing, a model source is ambiguous or
   * empty, or the classification has no key: then there is nothing compliant to deploy.
   */
  public Decision<ResolvedHostingSettings> evaluateModelEndpoint(ModelEndpoint endpoint,
      NamespaceInfo ns, List<CompliancePolicy> policies) {
    Objects.requireNonNull(endpoint, "endpoint");
    return evaluate(endpoint, endpoint.getSpec(), ModelEndpoint.KIND, ns, policies,
        CelInput::forModelEndpoint, PolicyEngine::modelEndpoint);
  }

  /**
   * Judges a DataQualityMonitor: the baseline's source, every S3 location, the Model Monitor
   * processing compute (engine ModelMonitor: the training instance allow-list, one instance, at
   * most Model Monitor's hour and the policy's runtime limit), the classification's key, tags,
   * the retrain template and the custom rules for the kind.
   *
   * <p>The retrain template is judged as the SecureTrainingJob it becomes, under the same policy
   * and the custom rules for SecureTrainingJob; its violations name fields under
   * {@code spec.onDrift.retrain.template}. A monitor is denied even under Audit when a required
   * field is missing, the baseline is ambiguous, the runtime does not parse, the classification
   * has no key, or the retrain job would be denied under Audit itself: it could never retrain.
   */
  public Decision<ResolvedMonitorSettings> evaluateDataQualityMonitor(DataQualityMonitor monitor,
      NamespaceInfo ns, List<CompliancePolicy> policies) {
    Objects.requireNonNull(monitor, "monitor");
    return evaluate(monitor, monitor.getSpec(), DataQualityMonitor.KIND, ns, policies,
        CelInput::forDataQualityMonitor,
        (g, spec) -> dataQualityMonitor(g, spec, monitor.getMetadata()));
  }

  /**
   * The steps every kind shares: selection, the kind's rules, custom rules, the verdict.
   * (HasMetadata and an explicit spec rather than CustomResource: policy stays clear of the
   * Kubernetes client package.)
   */
  private <R extends HasMetadata, T, S> Decision<S> evaluate(R resource, T spec, String kind,
      NamespaceInfo ns, List<CompliancePolicy> policies,
      Function<R, Map<String, Object>> celInput, BiFunction<Governing, T, Findings<S>> rules) {
    String namespace = ns != null ? ns.name()
        : resource.getMetadata() == null ? null : resource.getMetadata().getNamespace();
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

    // What the CRD's schema refuses is never judged by policy, whatever the enforcement: the
    // rules below may then rely on types and bounds, and there is nothing valid to send.
    List<Violation> schemaViolations = schemas.validate(resource).stream()
        .map(e -> new Violation(e.field(), SCHEMA_VIOLATION, e.message())).toList();
    if (!schemaViolations.isEmpty()) {
      return new Decision<>(name, enforcement, schemaViolations, null);
    }
    if (spec == null) {
      return deny(name, enforcement, new Violation("spec", "MissingField", "spec is required"));
    }
    Findings<S> found = rules.apply(new Governing(name, p, enforcement), spec);
    List<Violation> violations = new ArrayList<>(found.violations());
    violations.addAll(cel.evaluate(p.rules, kind, celInput.apply(resource)));

    // Audit admits a violating resource, but only if there is something to send to SageMaker.
    // With no KMS key for the classification (or a missing field, or for training no runtime /
    // spot wait that parses) there is no compliant value to fill in, and inventing one would be
    // worse than refusing.
    boolean admit = violations.isEmpty()
        || (enforcement == Enforcement.Audit && !found.unresolvable());
    return new Decision<>(name, enforcement, violations, admit ? found.settings().get() : null);
  }

  private static Findings<ResolvedTrainingSettings> trainingJob(Governing g,
      SecureTrainingJobSpec spec) {
    CompliancePolicySpec p = g.spec();
    List<Violation> violations = new ArrayList<>(TrainingJobRules.missingFields(spec));
    boolean unresolvable = !violations.isEmpty();
    violations.addAll(TrainingJobRules.instances(p, spec));
    violations.addAll(TrainingJobRules.image(p, spec));
    violations.addAll(TrainingJobRules.s3Locations(p, spec));
    RuntimeRules.Result runtime = RuntimeRules.check(p, spec);
    violations.addAll(runtime.violations());
    SecurityRules.Result security = SecurityRules.check(p, spec);
    violations.addAll(security.violations());
    Map<String, String> required = TagRules.required(p);
    violations.addAll(TagRules.check(required, spec.tags, "job"));
    violations.addAll(InlineSecrets.check(spec.tags, InlineSecrets.TAGS));
    violations.addAll(TrainingJobRules.hyperparameters(spec));
    violations.addAll(TrainingJobRules.environment(spec));
    unresolvable |= runtime.unresolvable() || security.classificationKey() == null
        || ResourceRules.malformed(violations);

    return new Findings<>(violations, unresolvable, () -> new ResolvedTrainingSettings(
        g.name(),
        g.enforcement(),
        p.region,
        p.executionRoleArn,
        g.subnets(),
        g.securityGroupIds(),
        KmsKeyResolver.volumeKey(security.classificationKey(),
            List.of(spec.resources.instanceType)),
        security.classificationKey(),
        security.networkIsolation(),
        security.interContainerTrafficEncryption(),
        Collections.unmodifiableMap(TagRules.merge(required, spec.tags)),
        runtime.maxRuntimeSeconds(),
        runtime.maxWaitSeconds()));
  }

  private static Findings<ResolvedHostingSettings> modelEndpoint(Governing g,
      ModelEndpointSpec spec) {
    CompliancePolicySpec p = g.spec();
    List<Violation> violations = new ArrayList<>(ModelEndpointRules.missingFields(spec));
    List<Violation> sources = ModelEndpointRules.modelSources(spec);
    boolean unresolvable = !violations.isEmpty() || !sources.isEmpty();
    violations.addAll(sources);
    violations.addAll(ModelEndpointRules.variantNames(spec));
    violations.addAll(ModelEndpointRules.instances(p, spec));
    violations.addAll(ModelEndpointRules.autoscaling(spec));
    violations.addAll(ModelEndpointRules.images(p, spec));
    violations.addAll(ModelEndpointRules.s3Locations(p, spec));
    String key = SecurityRules.classificationKey(violations, p, spec.dataClassification);
    Map<String, String> required = TagRules.required(p);
    violations.addAll(TagRules.check(required, spec.tags, "endpoint"));
    violations.addAll(InlineSecrets.check(spec.tags, InlineSecrets.TAGS));
    violations.addAll(InlineSecrets.check(spec.environment, InlineSecrets.MODEL_ENVIRONMENT));
    unresolvable |= key == null || ResourceRules.malformed(violations);

    // The spec has no isolation switch for hosting, so Optional means on as well.
    boolean isolation = SecurityRules.resolve(SecurityRules.networkIsolation(p), null);
    return new Findings<>(violations, unresolvable, () -> new ResolvedHostingSettings(
        g.name(), g.enforcement(), p.region, p.executionRoleArn, g.subnets(),
        g.securityGroupIds(), isolation,
        KmsKeyResolver.volumeKey(key, ModelEndpointRules.instanceTypes(spec)),
        key,
        Collections.unmodifiableMap(TagRules.merge(required, spec.tags))));
  }

  private Findings<ResolvedMonitorSettings> dataQualityMonitor(Governing g,
      DataQualityMonitorSpec spec, ObjectMeta meta) {
    CompliancePolicySpec p = g.spec();
    List<Violation> violations = new ArrayList<>(DataQualityMonitorRules.missingFields(spec));
    boolean unresolvable = !violations.isEmpty();
    violations.addAll(DataQualityMonitorRules.s3Locations(p, spec));
    DataQualityMonitorRules.Processing processing = DataQualityMonitorRules.processing(p, spec);
    violations.addAll(processing.violations());
    String key = SecurityRules.classificationKey(violations, p, spec.dataClassification);
    Map<String, String> required = TagRules.required(p);
    violations.addAll(TagRules.check(required, spec.tags, "monitor"));
    violations.addAll(InlineSecrets.check(spec.tags, InlineSecrets.TAGS));
    boolean retrainRunnable = retrainTemplate(g, spec, meta, violations);
    unresolvable |= processing.unresolvable() || key == null || !retrainRunnable
        || ResourceRules.malformed(violations);

    // The monitor has no isolation or encryption switches, so Optional means on, as for hosting.
    boolean isolation = SecurityRules.resolve(SecurityRules.networkIsolation(p), null);
    boolean encryption =
        SecurityRules.resolve(SecurityRules.interContainerTrafficEncryption(p), null);
    String instanceType = DataQualityMonitorRules.instanceType(spec);
    return new Findings<>(violations, unresolvable, () -> new ResolvedMonitorSettings(
        g.name(), g.enforcement(), p.region, p.executionRoleArn, g.subnets(),
        g.securityGroupIds(), isolation, encryption, key,
        KmsKeyResolver.volumeKey(key, List.of(instanceType)),
        Collections.unmodifiableMap(TagRules.merge(required, spec.tags))));
  }

  /**
   * Judges the retrain template as the job it becomes: the training rules and the custom rules
   * for SecureTrainingJob, violations moved under the template. Returns false when that job
   * would be denied even under Audit.
   */
  private boolean retrainTemplate(Governing g, DataQualityMonitorSpec spec, ObjectMeta meta,
      List<Violation> out) {
    if (DataQualityMonitorRules.retrainTemplate(spec) == null) {
      return true;
    }
    SecureTrainingJob job = DataQualityMonitorRules.retrainJob(meta, spec.onDrift.retrain);
    Findings<ResolvedTrainingSettings> found = trainingJob(g, job.getSpec());
    found.violations().forEach(v -> out.add(DataQualityMonitorRules.underTemplate(v, true)));
    cel.evaluate(g.spec().rules, SecureTrainingJob.KIND, CelInput.forTrainingJob(job))
        .forEach(v -> out.add(DataQualityMonitorRules.underTemplate(v, false)));
    return !found.unresolvable();
  }

  private static <S> Decision<S> deny(String policyName, Enforcement enforcement, Violation v) {
    return new Decision<>(policyName, enforcement, List.of(v), null);
  }
}
