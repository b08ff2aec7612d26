package dev.secureml.operator.controller;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.policy.NamespaceInfo;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Comparator;
import java.util.List;

/**
 * Reads policies and namespaces from informer caches, so a thousand reconciles do not mean a
 * thousand LIST calls against the API server.
 */
public class PolicyLookup {
  private final InformerEventSource<CompliancePolicy, ?> policies;
  private final InformerEventSource<Namespace, ?> namespaces;

  public PolicyLookup(InformerEventSource<CompliancePolicy, ?> policies,
      InformerEventSource<Namespace, ?> namespaces) {
    this.policies = policies;
    this.namespaces = namespaces;
  }

  /** All policies, sorted by name so decisions and messages are stable. */
  public List<CompliancePolicy> policies() {
    return policies.list()
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .toList();
  }

  /** The namespace with its labels; an unknown namespace has no labels (selected by nothing). */
  public NamespaceInfo namespace(String name) {
    return namespaces.get(new ResourceID(name))
        .map(PolicyLookup::toInfo)
        .orElse(new NamespaceInfo(name, null));
  }

  public List<NamespaceInfo> namespaces() {
    return namespaces.list().map(PolicyLookup::toInfo)
        .sorted(Comparator.comparing(NamespaceInfo::name)).toList();
  }

  private static NamespaceInfo toInfo(Namespace ns) {
    return new NamespaceInfo(ns.getMetadata().getName(), ns.getMetadata().getLabels());
  }
}
