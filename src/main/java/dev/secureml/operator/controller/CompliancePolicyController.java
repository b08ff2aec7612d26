package dev.secureml.operator.controller;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.CompliancePolicyStatus;
import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.api.ResourceRef;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.policy.NamespaceInfo;
import dev.secureml.operator.policy.PolicyEngine;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reports what a CompliancePolicy binds: its namespaces, the resources it governs, and conflicts
 * with other policies. Ready is False when the policy itself is invalid or conflicts.
 */
public class CompliancePolicyController implements Reconciler<CompliancePolicy> {
  /** Governed resources listed in status; more are counted, not listed, to bound the object. */
  static final int MAX_LISTED_RESOURCES = 200;

  private final PolicyEngine engine;
  private final EventRecorder events;
  private final Clock clock;
  private final InternalErrors internalErrors;
  private volatile InformerEventSource<Namespace, CompliancePolicy> namespaces;
  private volatile InformerEventSource<SecureTrainingJob, CompliancePolicy> trainingJobs;
  private volatile InformerEventSource<ModelEndpoint, CompliancePolicy> endpoints;

  public CompliancePolicyController(PolicyEngine engine, EventRecorder events, Clock clock) {
    this.engine = engine;
    this.events = events;
    this.clock = clock;
    this.internalErrors = new InternalErrors(events, clock);
  }

  @Override
  public List<EventSource<?, CompliancePolicy>> prepareEventSources(
      EventSourceContext<CompliancePolicy> context) {
    // Policies are few; any namespace or job change re-evaluates all of them.
    namespaces = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Namespace.class, CompliancePolicy.class)
            .withName("policy-namespaces")
            .withWatchAllNamespaces()
            .withSecondaryToPrimaryMapper(ns -> allPolicies(context))
            .build(), context);
    trainingJobs = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(SecureTrainingJob.class, CompliancePolicy.class)
            .withName("policy-training-jobs")
            .withWatchAllNamespaces()
            .withOnUpdateFilter((a, b) -> false) // only creation and deletion change the list
            .withSecondaryToPrimaryMapper(job -> allPolicies(context))
            .build(), context);
    endpoints = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(ModelEndpoint.class, CompliancePolicy.class)
            .withName("policy-model-endpoints")
            .withWatchAllNamespaces()
            .withOnUpdateFilter((a, b) -> false)
            .withSecondaryToPrimaryMapper(ep -> allPolicies(context))
            .build(), context);
    // Other policies matter too (conflicts), so a policy change re-evaluates its peers.
    var peers = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(CompliancePolicy.class, CompliancePolicy.class)
            .withName("policy-peers")
            .withWatchAllNamespaces()
            .withSecondaryToPrimaryMapper(p -> allPolicies(context))
            .build(), context);
    return List.of(namespaces, trainingJobs, endpoints, peers);
  }

  private static Set<ResourceID> allPolicies(EventSourceContext<CompliancePolicy> context) {
    return context.getPrimaryCache().list().map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  @Override
  public UpdateControl<CompliancePolicy> reconcile(CompliancePolicy policy,
      Context<CompliancePolicy> context) {
    CompliancePolicyStatus status = Statuses.ensure(policy, CompliancePolicyStatus::new);
    String before = StableHash.of(status);
    Long gen = policy.getMetadata().getGeneration();
    List<CompliancePolicy> all = context.getPrimaryCache().list()
        .sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
    List<NamespaceInfo> bound = namespaces.list()
        .map(ns -> new NamespaceInfo(ns.getMetadata().getName(), ns.getMetadata().getLabels()))
        .filter(ns -> PolicyEngine.selects(policy, ns))
        .sorted(Comparator.comparing(NamespaceInfo::name)).toList();
    status.boundNamespaces = bound.stream().map(NamespaceInfo::name).toList();
    status.boundNamespaceCount = bound.size();
    status.conflicts = conflicts(policy, bound, all);
    status.governedResources = governed(status.boundNamespaces);
    status.observedGeneration = gen;

    List<String> problems = engine.validatePolicy(policy);
    if (!problems.isEmpty()) {
      notReady(policy, Reason.INVALID_POLICY, "policy is invalid: "
          + String.join("; ", problems), gen);
    } else if (!status.conflicts.isEmpty()) {
      String msg = "namespaces selected by other policies too (their resources are rejected): "
          + status.conflicts.stream().map(c -> c.namespace + " (" + String.join(", ", c.policies)
              + ")").collect(Collectors.joining(", "));
      notReady(policy, Reason.NAMESPACE_CONFLICT, msg, gen);
    } else {
      setAll(status, true, Reason.READY, "policy is valid and binds " + bound.size()
          + " namespace(s)", gen);
    }
    internalErrors.succeeded(policy);
    return before.equals(StableHash.of(status)) ? UpdateControl.noUpdate()
        : UpdateControl.patchStatus(policy);
  }

  @Override
  public ErrorStatusUpdateControl<CompliancePolicy> updateErrorStatus(CompliancePolicy policy,
      Context<CompliancePolicy> context, Exception e) {
    CompliancePolicyStatus status = Statuses.ensure(policy, CompliancePolicyStatus::new);
    return internalErrors.report(policy, e, status.conditions, null,
        gen -> status.observedGeneration = gen);
  }

  private List<CompliancePolicyStatus.Conflict> conflicts(CompliancePolicy policy,
      List<NamespaceInfo> bound, List<CompliancePolicy> all) {
    List<CompliancePolicyStatus.Conflict> result = new ArrayList<>();
    for (NamespaceInfo ns : bound) {
      List<String> selecting = all.stream().filter(p -> PolicyEngine.selects(p, ns))
          .map(p -> p.getMetadata().getName()).toList();
      if (selecting.size() > 1) {
        result.add(new CompliancePolicyStatus.Conflict(ns.name(), selecting));
      }
    }
    return result;
  }

  private List<ResourceRef> governed(List<String> boundNamespaces) {
    Set<String> names = Set.copyOf(boundNamespaces);
    return Stream.concat(trainingJobs.list(), endpoints.list())
        .filter(r -> names.contains(r.getMetadata().getNamespace()))
        .map(r -> new ResourceRef(r.getKind(), r.getMetadata().getNamespace(),
            r.getMetadata().getName()))
        .sorted(Comparator.comparing((ResourceRef r) -> r.namespace)
            .thenComparing(r -> r.kind).thenComparing(r -> r.name))
        .limit(MAX_LISTED_RESOURCES)
        .toList();
  }

  /** Not ready for a reason only the platform team can fix: one Warning Event per streak. */
  private void notReady(CompliancePolicy policy, Reason reason, String msg, Long gen) {
    boolean anew = StreakWarnings.isNewReason(policy.getStatus().conditions, Conditions.READY,
        reason);
    setAll(policy.getStatus(), false, reason, msg, gen);
    if (anew) {
      events.warning(policy, reason, msg);
    }
  }

  private void setAll(CompliancePolicyStatus s, boolean ready, Reason reason, String msg,
      Long gen) {
    var now = clock.instant();
    String why = reason.value();
    Conditions.set(s.conditions, Conditions.READY, ready, why, msg, gen, now);
    Conditions.set(s.conditions, Conditions.STALLED, !ready, why, msg, gen, now);
    Conditions.set(s.conditions, Conditions.RECONCILING, false, why, msg, gen, now);
  }
}
