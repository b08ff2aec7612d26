package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Refusals a test scripts: SageMaker answers the matching requests with ValidationException, as
 * AWS refuses a request it finds invalid, so a test can make exactly one step of a multi-step
 * create fail (the config after the models, the schedule after the job definition) and watch
 * what the operator does with the steps that succeeded.
 */
final class ScriptedRefusals {
  private record Rule(String operation, Predicate<JsonNode> when, String message) {}

  private final List<Rule> rules = new CopyOnWriteArrayList<>();

  void add(String operation, Predicate<JsonNode> when, String message) {
    rules.add(new Rule(operation, when, message));
  }

  void clear() {
    rules.clear();
  }

  /** The service, refusing what a rule matches before it gets there. */
  JsonRpcService around(JsonRpcService service) {
    return (operation, request) -> {
      for (Rule rule : rules) {
        if (rule.operation().equals(operation) && rule.when().test(request)) {
          throw AwsServiceException.validation(rule.message());
        }
      }
      return service.invoke(operation, request);
    };
  }
}
