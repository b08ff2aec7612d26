package dev.secureml.operator.policy.schema;

import java.util.regex.Pattern;

/**
 * Whether a value should never be quoted back: it sits under a secret-looking name, or it looks
 * like a credential wherever it is. Errs towards hiding: a hidden harmless value costs a user a
 * second look, a quoted password lands in status, Events and logs.
 */
final class SecretLikeness {
  private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(pass(word|wd|phrase)?|pwd"
      + "|secret|token|credential|api[-_]?key|private[-_]?key|access[-_]?key|session[-_]?key"
      + "|auth|cookie|signature|bearer).*");
  private static final Pattern SECRET_VALUE = Pattern.compile(
      // user:password@ or token@ in a URI
      "[A-Za-z][A-Za-z0-9+.-]*://[^/\\s?#]*@"
          // user:password@ where the scheme is missing or mistyped (s3:/, s3:): a rejected
          // value is often a careless one
          + "|(?:^|[/\\s])[^/\\s:@]*:[^/\\s@]*@"
          // AWS access key ids
          + "|\\b(AKIA|ASIA|AIDA|AROA|ABIA|ACCA)[A-Z0-9]{16}\\b"
          + "|-----BEGIN [A-Z ]*PRIVATE KEY"
          // JSON web tokens
          + "|eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"
          // name=value pairs inside a value
          + "|(?i)(pass(word|wd)?|pwd|secret|token|api[-_]?key)\\s*[=:]");
  /** A long run of base64-like characters with digits and both cases: an AWS secret key, say. */
  private static final Pattern KEY_MATERIAL = Pattern.compile("[A-Za-z0-9+/=_-]{32,}");

  private SecretLikeness() {}

  /** True when the value under this field name (last path segment, may be null) is secret. */
  static boolean hides(String name, String value) {
    if (name != null && SECRET_NAME.matcher(name).matches()) {
      return true;
    }
    if (value == null) {
      return false;
    }
    if (SECRET_VALUE.matcher(value).find()) {
      return true;
    }
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
