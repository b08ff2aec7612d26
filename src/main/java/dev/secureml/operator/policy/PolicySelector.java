package dev.secureml.operator.policy;

import dev.secureml.operator.api.CompliancePolicy;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which CompliancePolicies select a namespace, with Kubernetes label-selector semantics.
 *
 * <p>An empty selector {@code {}} selects every namespace (as in Kubernetes). A missing selector
 * selects nothing: deny by default, so a half-written policy never governs by accident.
 */
final class PolicySelector {
  static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

  private PolicySelector() {}

  static boolean selects(CompliancePolicy policy, NamespaceInfo ns) {
    if (policy == null || policy.getSpec() == null || ns == null) {
      return false;
    }
    return matches(policy.getSpec().namespaceSelector, ns.labels());
  }

  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> matchLabels = selector.getMatchLabels();
    if (matchLabels != null) {
      for (Map.Entry<String, String> e : matchLabels.entrySet()) {
        if (!Objects.equals(labels.get(e.getKey()), e.getValue())) {
          return false;
        }
      }
    }
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    if (expressions != null) {
      for (LabelSelectorRequirement r : expressions) {
        if (!matches(r, labels)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean matches(LabelSelectorRequirement r, Map<String, String> labels) {
    if (r == null || r.getKey() == null || r.getOperator() == null) {
      return false;
    }
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    boolean present = labels.containsKey(r.getKey());
    String value = labels.get(r.getKey());
    return switch (r.getOperator()) {
      case "In" -> present && values.contains(value);
      // Kubernetes: NotIn also matches namespaces that do not carry the label at all.
      case "NotIn" -> !present || !values.contains(value);
      case "Exists" -> present;
      case "DoesNotExist" -> !present;
      // An unknown operator selects nothing; validatePolicy reports it.
      default -> false;
    };
  }

  /** The policies selecting the namespace, sorted by name so messages are stable. */
  static List<CompliancePolicy> selecting(List<CompliancePolicy> policies, NamespaceInfo ns) {
    List<CompliancePolicy> out = new ArrayList<>();
    if (policies != null) {
      for (CompliancePolicy p : policies) {
        if (selects(p, ns)) {
          out.add(p);
        }
      }
    }
    out.sort(Comparator.comparing(PolicySelector::name));
    return out;
  }

  static String name(CompliancePolicy policy) {
    return policy.getMetadata() == null || policy.getMetadata().getName() == null
        ? "<unnamed>" : policy.getMetadata().getName();
  }

  /** Problems with the selector's shape, for validatePolicy. */
  static List<String> problems(LabelSelector selector) {
    List<String> problems = new ArrayList<>();
    if (selector == null) {
      problems.add("namespaceSelector is missing; use {} to select every namespace");
      return problems;
    }
    List<LabelSelectorRequirement> expressions =
        selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    for (int i = 0; i < expressions.size(); i++) {
      LabelSelectorRequirement r = expressions.get(i);
      String where = "namespaceSelector.matchExpressions[" + i + "]";
      if (r == null || r.getKey() == null || r.getKey().isEmpty()) {
        problems.add(where + " has no key");
        continue;
      }
      String op = r.getOperator();
      boolean hasValues = r.getValues() != null && !r.getValues().isEmpty();
      if (op == null || !OPERATORS.contains(op)) {
        problems.add(where + " has operator " + op + "; use In, NotIn, Exists or DoesNotExist");
      } else if ((op.equals("In") || op.equals("NotIn")) && !hasValues) {
        problems.add(where + " uses " + op + " without values");
      } else if ((op.equals("Exists") || op.equals("DoesNotExist")) && hasValues) {
        problems.add(where + " uses " + op + " with values");
      }
    }
    return problems;
  }
}
