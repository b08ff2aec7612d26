package dev.secureml.operator.policy;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.secureml.operator.api.CompliancePolicySpec.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Compiles and runs the CompliancePolicy's custom CEL rules.
 *
 * <p>Compiled programs are cached by expression text: the same policy is evaluated on every
 * reconcile of every resource in its namespaces, and compiling is far more expensive than
 * evaluating. Programs are immutable, so the cache is safe to share between threads.
 */
final class CelRuleEvaluator {
  /** The outcome of compiling one expression: a program, or why there is none. */
  record Compiled(CelRuntime.Program program, String error) {}

  private final Cel cel = CelFactory.standardCelBuilder()
      // has(), all(), exists(), exists_one(), map() and filter(), as in Kubernetes CEL: without
      // has() a rule cannot test an optional block such as spec.autoscaling.
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      // spec is dyn, not map(string, dyn): field selection on map(string, dyn) is allowed too,
      // but dyn lets rules compare spec fields to ints and strings without casts.
      .addVar("spec", SimpleType.DYN)
      .addVar("metadata", MapType.create(SimpleType.STRING, SimpleType.DYN))
      .addVar("kind", SimpleType.STRING)
      .addVar("apiVersion", SimpleType.STRING)
      .build();

  /**
   * Far above any real set of policies; only guards memory against a stream of ever-changing
   * expressions (e.g. a policy generated with a timestamp in a rule). Clearing just means
   * recompiling.
   */
  static final int MAX_CACHED = 1024;

  private final Map<String, Compiled> cache = new ConcurrentHashMap<>();

  /** Compiles (once) an expression; the error names what is wrong. */
  Compiled compile(String expression) {
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    return cache.computeIfAbsent(expression == null ? "" : expression, this::doCompile);
  }

  private Compiled doCompile(String expression) {
    if (expression.isBlank()) {
      return new Compiled(null, "expression is empty");
    }
    try {
      CelValidationResult result = cel.compile(expression);
      if (result.hasError()) {
        return new Compiled(null, issues(result.getErrors()));
      }
      CelAbstractSyntaxTree ast = result.getAst();
      CelType type = ast.getResultType();
      // dyn is accepted because e.g. `spec.spot.enabled` is only known to be bool at runtime;
      // a non-bool result then surfaces as an evaluation error.
      if (!type.equals(SimpleType.BOOL) && !type.equals(SimpleType.DYN)) {
        return new Compiled(null, "expression returns " + type.name() + ", not bool");
      }
      return new Compiled(cel.createProgram(ast), null);
    } catch (CelValidationException e) {
      return new Compiled(null, issues(e.getErrors()));
    } catch (CelEvaluationException | RuntimeException e) {
      return new Compiled(null, String.valueOf(e.getMessage()));
    }
  }

  private static String issues(List<CelIssue> issues) {
    return issues.stream().map(CelIssue::getMessage).collect(Collectors.joining("; "));
  }

  /** Whether a rule applies to a kind: an empty kinds list means every kind. */
  static boolean appliesTo(Rule rule, String kind) {
    return rule.kinds == null || rule.kinds.isEmpty() || rule.kinds.contains(kind);
  }

  /** Runs every applicable rule against the variables; one violation per failed rule. */
  List<Violation> evaluate(List<Rule> rules, String kind, Map<String, Object> variables) {
    List<Violation> out = new ArrayList<>();
    if (rules == null) {
      return out;
    }
    for (Rule rule : rules) {
      if (rule == null || !appliesTo(rule, kind)) {
        continue;
      }
      Compiled compiled = compile(rule.expression);
      if (compiled.program() == null) {
        // validatePolicy reports this and the engine denies with PolicyNotReady before getting
        // here; kept as a violation so a caller skipping validation still fails closed.
        out.add(new Violation("spec", rule.name,
            "rule " + rule.name + " could not be evaluated: " + compiled.error()));
        continue;
      }
      try {
        Object result = compiled.program().eval(variables);
        if (!(result instanceof Boolean)) {
          out.add(new Violation("spec", rule.name, "rule " + rule.name
              + " could not be evaluated: expression returned " + describe(result) + ", not bool"));
        } else if (!(Boolean) result) {
          out.add(new Violation("spec", rule.name, rule.message));
        }
      } catch (CelEvaluationException | RuntimeException e) {
        out.add(new Violation("spec", rule.name,
            "rule " + rule.name + " could not be evaluated: " + e.getMessage()));
      }
    }
    return out;
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName();
  }
}
