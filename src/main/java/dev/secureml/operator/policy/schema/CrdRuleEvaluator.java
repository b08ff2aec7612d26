package dev.secureml.operator.policy.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Runs a schema node's {@code x-kubernetes-validations} against the value it is attached to,
 * with {@code self} bound as the API server binds it. Rules that compare with {@code oldSelf}
 * (transition rules, such as "spec is immutable") need the previous object and are the API
 * server's alone; they are skipped.
 *
 * <p>A rule that does not compile or does not evaluate to a bool fails closed: the value is
 * refused with the rule's message, so a CRD rule the operator cannot read never lets anything
 * through.
 */
final class CrdRuleEvaluator {
  private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");

  private final Cel cel = CelFactory.standardCelBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("self", SimpleType.DYN)
      .build();
  /** CRD rules are few and fixed: compiled once each. */
  private final Map<String, Compiled> programs = new ConcurrentHashMap<>();

  private record Compiled(CelRuntime.Program program, String error) {}

  /** Errors of every applicable rule on this node that the value breaks. */
  List<SchemaError> evaluate(JsonNode schema, JsonNode value, String path, String name) {
    JsonNode rules = schema.get("x-kubernetes-validations");
    List<SchemaError> out = new ArrayList<>();
    if (rules == null || !rules.isArray() || rules.isEmpty()) {
      return out;
    }
    Object self = null;
    for (JsonNode rule : rules) {
      String expression = rule.path("rule").asText("");
      if (OLD_SELF.matcher(expression).find()) {
        continue;
      }
      if (self == null) {
        self = CelValues.of(value, schema);
      }
      String failure = check(expression, self);
      if (failure != null) {
        out.add(error(rule, shown(rule, value, name), path, failure));
      }
    }
    return out;
  }

  /** Null when the rule holds, else a short note on why (empty when it is simply false). */
  private String check(String expression, Object self) {
    Compiled compiled = programs.computeIfAbsent(expression, this::compile);
    if (compiled.program() == null) {
      return "the rule cannot be checked: " + compiled.error();
    }
    try {
      Object result = compiled.program().eval(Map.of("self", self));
      if (Boolean.TRUE.equals(result)) {
        return null;
      }
      return result instanceof Boolean ? "" : "the rule did not return a bool";
    } catch (CelEvaluationException | RuntimeException e) {
      // The evaluator's message may quote the value; say only that it failed.
      return "the rule could not be evaluated on this value";
    }
  }

  private Compiled compile(String expression) {
    try {
      CelValidationResult result = cel.compile(expression);
      if (result.hasError()) {
        return new Compiled(null, result.getErrorString());
      }
      return new Compiled(cel.createProgram(result.getAst()), null);
    } catch (CelValidationException | CelEvaluationException | RuntimeException e) {
      return new Compiled(null, String.valueOf(e.getMessage()));
    }
  }

  /** The value the rule points at: its fieldPath's (null when absent), else its own. */
  private static String shown(JsonNode rule, JsonNode value, String name) {
    String fieldPath = rule.path("fieldPath").asText("");
    if (fieldPath.isEmpty()) {
      return ValueText.of(name, value);
    }
    JsonNode at = value;
    String last = name;
    for (String segment : fieldPath.substring(1).split("\\.")) {
      at = at == null ? null : at.get(segment);
      last = segment;
    }
    return at == null || at.isNull() ? "null" : ValueText.of(last, at);
  }

  /** Worded by the rule's reason, at the rule's fieldPath when it names one. */
  private static SchemaError error(JsonNode rule, String shownValue, String path,
      String failure) {
    String message = rule.hasNonNull("message") ? rule.get("message").asText()
        : "failed rule: " + rule.path("rule").asText();
    if (!failure.isEmpty()) {
      message = message + " (" + failure + ")";
    }
    String field = path + rule.path("fieldPath").asText("");
    String text = switch (rule.path("reason").asText("FieldValueInvalid")) {
      case "FieldValueRequired" -> "Required value: " + message;
      case "FieldValueForbidden" -> "Forbidden: " + message;
      case "FieldValueDuplicate" -> "Duplicate value: " + message;
      default -> "Invalid value: " + shownValue + ": " + message;
    };
    return new SchemaError(field, text);
  }
}
