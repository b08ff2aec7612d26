package dev.secureml.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the policy currently binds and governs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CompliancePolicyStatus {
  @JsonPropertyDescription("Generation of the spec this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("Ready is False when the policy itself is invalid (e.g. a CEL rule "
      + "that does not compile); resources in its namespaces are then rejected.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Namespaces the selector matches.")
  public List<String> boundNamespaces = new ArrayList<>();

  @JsonPropertyDescription("Number of bound namespaces.")
  public Integer boundNamespaceCount;

  @JsonPropertyDescription("Resources governed by this policy.")
  public List<ResourceRef> governedResources = new ArrayList<>();

  @JsonPropertyDescription("Namespaces also selected by other policies; resources there are "
      + "rejected until only one policy selects them.")
  public List<Conflict> conflicts = new ArrayList<>();

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Conflict {
    @JsonPropertyDescription("The namespace selected by several policies.")
    public String namespace;

    @JsonPropertyDescription("All policies selecting it, this one included.")
    public List<String> policies = new ArrayList<>();

    public Conflict() {}

    public Conflict(String namespace, List<String> policies) {
      this.namespace = namespace;
      this.policies = policies;
    }
  }
}
