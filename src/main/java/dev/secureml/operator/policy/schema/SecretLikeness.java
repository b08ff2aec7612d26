package dev.secureml.operator.policy.schema;

import dev.secureml.operator.api.CredentialPatterns;
import dev.secureml.operator.api.SecretNames;
import java.util.regex.Pattern;

/**
 * Whether a value should never be quoted back: it sits under a secret-looking name
 * ({@link SecretNames}, as for the policy and the redactor), it holds a credential of a known
 * shape ({@link CredentialPatterns}), or it looks like one wherever it is. Errs towards hiding:
 * a hidden harmless value costs a user a second look, a quoted password lands in status, Events
 * and logs.
 */
final class SecretLikeness {
  /** Shapes a rejected value shows more often than a well-formed one; a careless value. */
  private static final Pattern CARELESS_CREDENTIAL = Pattern.compile(
      // user:password@ or token@ in a URI
      "[A-Za-z][A-Za-z0-9+.-]*://[^/\\s?#]*@"
          // user:password@ where the scheme is missing or mistyped (s3:/, s3:)
          + "|(?:^|[/\\s])[^/\\s:@]*:[^/\\s@]*@"
          // a PEM header, also cut short
          + "|-----BEGIN [A-Z ]*PRIVATE KEY"
          // JSON web tokens
          + "|eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");
  /** A name=value or name: value pair inside a value; the name decides. */
  private static final Pattern INNER_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_.-]*)\\s*[=:]");
  /** A long run of base64-like characters with digits and both cases: an AWS secret key, say. */
  private static final Pattern KEY_MATERIAL = Pattern.compile("[A-Za-z0-9+/=_-]{32,}");

  private SecretLikeness() {}

  /** True when the value under this field name (last path segment, may be null) is secret. */
  static boolean hides(String name, String value) {
    if (SecretNames.looksSecret(name)) {
      return true;
    }
    if (value == null) {
      return false;
    }
    return CredentialPatterns.describe(value).isPresent()
        || CARELESS_CREDENTIAL.matcher(value).find()
        || INNER_PAIR.matcher(value).results().anyMatch(m -> SecretNames.looksSecret(m.group(1)))
        || holdsKeyMaterial(value);
  }

  private static boolean holdsKeyMaterial(String value) {
    var run = KEY_MATERIAL.matcher(value);
    while (run.find()) {
      String r = run.group();
      if (r.chars().anyMatch(Character::isDigit) && r.chars().anyMatch(Character::isUpperCase)
          && r.chars().anyMatch(Character::isLowerCase)) {
        return true;
      }
    }
    return false;
  }
}
