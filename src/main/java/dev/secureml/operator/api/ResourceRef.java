package dev.secureml.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A pointer to a namespaced custom resource. */
public class ResourceRef {
  @JsonPropertyDescription("Kind of the resource, e.g. SecureTrainingJob.")
  public String kind;

  @JsonPropertyDescription("Namespace of the resource.")
  public String namespace;

  @JsonPropertyDescription("Name of the resource.")
  public String name;

  public ResourceRef() {}

  public ResourceRef(String kind, String namespace, String name) {
    this.kind = kind;
    this.namespace = namespace;
    this.name = name;
  }
}
