package dev.secureml.operator.policy;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.CompliancePolicySpec.Rule;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.Durations;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.api.TagKeys;
import dev.secureml.operator.policy.schema.ResourceSchemaValidator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Problems with a CompliancePolicy itself. A policy with problems is not Ready, and resources in
 * its namespaces are denied (PolicyNotReady) rather than judged by half a policy.
 *
 * <p>The CRD's own schema is checked first ({@link ResourceSchemaValidator}), because the engine
 * must not depend on the API server having validated the object; a policy that breaks it gets
 * only those errors. The checks here are what the schema cannot say: duplicates, case
 * look-alikes, ARNs and keys that must agree, rules that must compile.
 */
final class PolicyValidator {
  /** The kinds a custom rule may name, in the order messages list them. */
  static final List<String> KINDS =
      List.of(SecureTrainingJob.KIND, ModelEndpoint.KIND, DataQualityMonitor.KIND);

  private final CelRuleEvaluator cel;
  private final ResourceSchemaValidator schemas;

  PolicyValidator(CelRuleEvaluator cel, ResourceSchemaValidator schemas) {
    this.cel = cel;
    this.schemas = schemas;
  }

  List<String> validate(CompliancePolicy policy) {
    List<String> problems = new ArrayList<>();
    CompliancePolicySpec spec = policy == null ? null : policy.getSpec();
    if (spec == null) {
      problems.add("spec is missing");
      return problems;
    }
    // The CRD's own schema first; the checks below then rely on its types, bounds, patterns
    // and required fields.
    schemas.validate(policy).forEach(e -> problems.add(e.toString()));
    if (!problems.isEmpty()) {
      return problems;
    }
    problems.addAll(PolicySelector.problems(spec.namespaceSelector));
    role(spec, problems);
    network(spec, problems);
    encryption(spec, problems);
    allowLists(spec, problems);
    limits(spec, problems);
    tags(spec, problems);
    rules(spec, problems);
    return problems;
  }

  private static void role(CompliancePolicySpec spec, List<String> problems) {
    RoleAndKeyValidator.role(spec, problems);
  }

  /** The schema bounds the counts and patterns (1-16 subnets, 1-5 groups) but not repeats. */
  private static void network(CompliancePolicySpec spec, List<String> problems) {
    repeats(spec.network.subnets, "network.subnets", problems);
    repeats(spec.network.securityGroupIds, "network.securityGroupIds", problems);
  }

  private static void repeats(List<String> ids, String field, List<String> problems) {
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (first.putIfAbsent(id, i) != null) {
        problems.add(field + "[" + i + "] " + id + " repeats " + field + "[" + first.get(id)
            + "]");
      }
    }
  }

  private static void encryption(CompliancePolicySpec spec, List<String> problems) {
    RoleAndKeyValidator.encryption(spec, problems);
  }

  private static void allowLists(CompliancePolicySpec spec, List<String> problems) {
    AllowListValidator.check(spec, problems);
  }

  private static void limits(CompliancePolicySpec spec, List<String> problems) {
    if (spec.limits == null || spec.limits.maxRuntime == null) {
      return;
    }
    try {
      long seconds = Durations.toSeconds(spec.limits.maxRuntime);
      if (seconds < 1 || seconds > RuntimeRules.AWS_MAX_RUNTIME_SECONDS) {
        problems.add("limits.maxRuntime " + spec.limits.maxRuntime
            + " must be between 1s and 672h (SageMaker's 28 days)");
      }
    } catch (IllegalArgumentException e) {
      problems.add("limits.maxRuntime: " + e.getMessage());
    }
  }

  private static void tags(CompliancePolicySpec spec, List<String> problems) {
    if (spec.tags == null || spec.tags.required == null) {
      return;
    }
    Map<String, String> byFold = new HashMap<>();
    spec.tags.required.forEach((key, value) -> {
      if (key.startsWith(TagKeys.RESERVED_PREFIX)) {
        problems.add("tags.required." + key + " uses the reserved prefix "
            + TagKeys.RESERVED_PREFIX);
        return;
      }
      if (TagKeys.reserved(key)) {
        problems.add("tags.required." + key + " differs from the reserved prefix "
            + TagKeys.RESERVED_PREFIX + " only by case or character width");
        return;
      }
      String earlier = byFold.putIfAbsent(TagKeys.fold(key), key);
      if (earlier != null) {
        problems.add("tags.required." + key + " and tags.required." + earlier
            + " differ only by case or character width; keep one");
      }
      String problem = TagRules.problem(key, value == null ? "" : value);
      if (problem != null) {
        problems.add("tags.required: " + problem);
      }
    });
  }

  private void rules(CompliancePolicySpec spec, List<String> problems) {
    if (spec.rules == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < spec.rules.size(); i++) {
      Rule rule = spec.rules.get(i);
      if (rule == null) {
        problems.add("rules[" + i + "] is empty");
        continue;
      }
      String where = "rules[" + i + "] " + rule.name;
      if (!seen.add(rule.name)) {
        problems.add(where + ": duplicate rule name");
      }
      if (rule.message == null || rule.message.isBlank()) {
        problems.add(where + ": message is missing");
      }
      kinds(rule, "rules[" + i + "]", problems);
      CelRuleEvaluator.Compiled compiled = cel.compile(rule.expression);
      if (compiled.program() == null) {
        problems.add(where + ": " + compiled.error());
      }
    }
  }

  /** A kind the operator does not govern would leave the rule silently unused. */
  private static void kinds(Rule rule, String where, List<String> problems) {
    Map<String, Integer> first = new HashMap<>();
    for (int k = 0; rule.kinds != null && k < rule.kinds.size(); k++) {
      String kind = rule.kinds.get(k);
      String field = where + ".kinds[" + k + "]";
      if (kind == null || kind.isBlank()) {
        problems.add(field + " is empty");
      } else if (!KINDS.contains(kind)) {
        problems.add(field + " " + QuotedValue.of(kind) + " is not a kind the operator governs"
            + suggestion(kind) + "; kinds are " + String.join(", ", KINDS));
      } else if (first.putIfAbsent(kind, k) != null) {
        problems.add(field + " " + kind + " repeats " + where + ".kinds[" + first.get(kind)
            + "]");
      }
    }
  }

  private static String suggestion(String kind) {
    String singular = kind.endsWith("s") ? kind.substring(0, kind.length() - 1) : kind;
    return KINDS.stream().filter(k -> k.equalsIgnoreCase(kind.strip())
            || k.equalsIgnoreCase(singular.strip()))
        .findFirst().map(k -> " (did you mean " + k + "?)").orElse("");
  }
}
