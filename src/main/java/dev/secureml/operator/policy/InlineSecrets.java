package dev.secureml.operator.policy;

import dev.secureml.operator.api.CredentialPatterns;
import dev.secureml.operator.api.SecretNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Refuses secrets written inline into hyperparameters, environment variables and tags: SageMaker
 * returns them in clear text to anyone allowed to call its Describe and ListTags operations, and
 * they end up in CloudTrail and the console. A value is an inline secret when its name looks
 * like one ({@link SecretNames}) or it holds a credential of a recognisable shape
 * ({@link CredentialPatterns}). Messages name the field and never quote the value.
 *
 * <p>Always on: no policy setting turns it off. A false positive costs a rename; a true one
 * would put a production credential where a whole account can read it. Teams trying the rule
 * out can run their policy under Audit enforcement, which reports it without refusing.
 */
final class InlineSecrets {
  static final String RULE = "InlineSecret";
  private static final String ADVICE = "; read it at run time from AWS Secrets Manager or SSM "
      + "Parameter Store instead (grant the execution role access to it)";

  /**
   * What holds the values, for field paths and messages.
   *
   * @param path e.g. {@code spec.hyperparameters}; a key is appended as {@code [key]}
   * @param noun e.g. "hyperparameter"
   * @param shownBy the SageMaker operation that shows the values, e.g. DescribeTrainingJob
   */
  record Place(String path, String noun, String shownBy) {}

  static final Place HYPERPARAMETERS =
      new Place("spec.hyperparameters", "hyperparameter", "DescribeTrainingJob");
  static final Place TRAINING_ENVIRONMENT =
      new Place("spec.environment", "environment variable", "DescribeTrainingJob");
  static final Place MODEL_ENVIRONMENT =
      new Place("spec.environment", "environment variable", "DescribeModel");
  static final Place TAGS = new Place("spec.tags", "tag", "ListTags");

  private InlineSecrets() {}

  /** One violation per inline secret, in key order. */
  static List<Violation> check(Map<String, String> values, Place place) {
    List<Violation> out = new ArrayList<>();
    if (values == null) {
      return out;
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    values.forEach((k, v) -> {
      if (k != null) {
        sorted.put(k, v == null ? "" : v);
      }
    });
    sorted.forEach((key, value) -> problem(key, value, place).ifPresent(message ->
        out.add(new Violation(place.path() + "[" + TagRules.shorten(key) + "]", RULE, message))));
    return out;
  }

  private static Optional<String> problem(String key, String value, Place place) {
    String name = place.noun() + " " + TagRules.shorten(key);
    String shown = ", and SageMaker shows " + place.noun() + " values to anyone allowed to call "
        + place.shownBy();
    if (SecretNames.looksSecret(key)) {
      return Optional.of(name + " is named like a secret" + shown + ADVICE);
    }
    return CredentialPatterns.describe(value)
        .map(kind -> "the value of " + name + " holds " + kind + shown + ADVICE);
  }
}
