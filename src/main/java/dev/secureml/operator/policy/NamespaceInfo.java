package dev.secureml.operator.policy;

import java.util.Map;

/** The parts of a Namespace that policy selection needs. */
public record NamespaceInfo(String name, Map<String, String> labels) {
  public NamespaceInfo {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
