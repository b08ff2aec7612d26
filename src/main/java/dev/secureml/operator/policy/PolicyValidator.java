package dev.secureml.operator.policy;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.CompliancePolicySpec.Rule;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.Durations;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
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
 * <p>Re-checks what the CRD schema already says (patterns, sizes, required fields) because the
 * engine must not depend on the API server having validated the object.
 */
final class PolicyValidator {
  // The CRD schema's patterns, repeated here (see CompliancePolicySpec).
  static final String REGION_PATTERN = "^[a-z]{2}(-[a-z]+)+-[0-9]$";
  static final String RULE_NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  static final String SUBNET_PATTERN = "^subnet-[0-9a-f]+$";
  static final String SECURITY_GROUP_PATTERN = "^sg-[0-9a-f]+$";
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
    // The CRD's own schema first; the checks below may then rely on types and bounds.
    schemas.validate(policy).forEach(e -> problems.add(e.toString()));
    if (!problems.isEmpty()) {
      return problems;
    }
    problems.addAll(PolicySelector.problems(spec.namespaceSelector));
    if (spec.region != null && !spec.region.matches(REGION_PATTERN)) {
      problems.add("region " + spec.region + " is not an AWS region such as us-east-1");
    }
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

  private static void network(CompliancePolicySpec spec, List<String> problems) {
    if (spec.network == null) {
      problems.add("network is missing");
      return;
    }
    // SageMaker VpcConfig: 1-16 subnets, 1-5 security groups.
    int subnets = spec.network.subnets == null ? 0 : spec.network.subnets.size();
    if (subnets < 1 || subnets > 16) {
      problems.add("network.subnets has " + subnets + " entries; 1-16 are needed");
    }
    ids(spec.network.subnets, "network.subnets", SUBNET_PATTERN, problems);
    int groups = spec.network.securityGroupIds == null ? 0 : spec.network.securityGroupIds.size();
    if (groups < 1 || groups > 5) {
      problems.add("network.securityGroupIds has " + groups + " entries; 1-5 are needed");
    }
    ids(spec.network.securityGroupIds, "network.securityGroupIds", SECURITY_GROUP_PATTERN,
        problems);
  }

  private static void ids(List<String> ids, String field, String pattern, List<String> problems) {
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; ids != null && i < ids.size(); i++) {
      String id = ids.get(i);
      if (id == null || !id.matches(pattern)) {
        problems.add(field + "[" + i + "] " + QuotedValue.of(id) + " does not match " + pattern);
      } else if (first.putIfAbsent(id, i) != null) {
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
    if (spec.tags.required.size() > 40) {
      problems.add("tags.required has " + spec.tags.required.size() + " tags; at most 40");
    }
    Map<String, String> byFold = new HashMap<>();
    spec.tags.required.forEach((key, value) -> {
      if (key.startsWith(TagRules.RESERVED_PREFIX)) {
        problems.add("tags.required." + key + " uses the reserved prefix "
            + TagRules.RESERVED_PREFIX);
        return;
      }
      if (TagRules.reserved(key)) {
        problems.add("tags.required." + key + " differs from the reserved prefix "
            + TagRules.RESERVED_PREFIX + " only by case or character width");
        return;
      }
      String earlier = byFold.putIfAbsent(TagRules.fold(key), key);
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
      if (rule.name == null || rule.name.isBlank()) {
        problems.add("rules[" + i + "] has no name");
      } else if (!rule.name.matches(RULE_NAME_PATTERN)) {
        problems.add(where + ": name must be lowercase letters, digits and dashes");
      } else if (!seen.add(rule.name)) {
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
