package dev.secureml.operator.controller;

import dev.secureml.operator.api.CompliancePolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Informers on CompliancePolicies and Namespaces for a controller whose resources are judged by
 * policy: a policy or namespace-label change wakes up the resources it may affect.
 */
public record PolicyEventSources<P extends HasMetadata>(PolicyLookup lookup,
    List<EventSource<?, P>> sources) {

  /**
   * @param affected which primaries a policy or namespace change should re-evaluate
   */
  public static <P extends HasMetadata> PolicyEventSources<P> create(EventSourceContext<P> context,
      Class<P> primary, Predicate<P> affected) {
    String prefix = primary.getSimpleName().toLowerCase() + "-";
    var policies = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(CompliancePolicy.class, primary)
            .withName(prefix + "compliance-policies")
            .withWatchAllNamespaces()
            .withSecondaryToPrimaryMapper(p -> matching(context, null, affected))
            .build(), context);
    var namespaces = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Namespace.class, primary)
            .withName(prefix + "namespaces")
            .withWatchAllNamespaces()
            .withSecondaryToPrimaryMapper(ns ->
                matching(context, ns.getMetadata().getName(), affected))
            .build(), context);
    return new PolicyEventSources<>(new PolicyLookup(policies, namespaces),
        List.of(policies, namespaces));
  }

  private static <P extends HasMetadata> Set<ResourceID> matching(EventSourceContext<P> context,
      String namespace, Predicate<P> affected) {
    var cache = context.getPrimaryCache();
    var items = namespace == null ? cache.list() : cache.list(namespace);
    return items.filter(affected).map(ResourceID::fromResource).collect(Collectors.toSet());
  }
}
