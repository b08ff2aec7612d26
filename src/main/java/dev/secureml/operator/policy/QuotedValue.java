package dev.secureml.operator.policy;

import dev.secureml.operator.api.CredentialPatterns;
import java.util.regex.Pattern;

/**
 * A value a user or policy author wrote, made safe to repeat in a condition message, an Event or
 * a log line: credentials before a host are masked, AWS access key ids and secret-looking
 * 40-character keys are masked, control and invisible characters are shown as escapes (so a
 * value cannot forge a second log line), and long values are cut.
 */
public final class QuotedValue {
  static final int MAX_LENGTH = 200;
  /**
   * {@code scheme://user:password@} or a bare {@code user:password@host}: an '@' before the
   * first '/' (not a digest's), or one after a ':' with a '/' following it (a password that
   * contains '/'). The scheme is taken whole, so an '@' in an S3 key is left alone.
   */
  private static final Pattern USERINFO = Pattern.compile(
      "^((?>(?:[A-Za-z][A-Za-z0-9+.-]*://)?))"
          + "(?:[^/@]*@(?![A-Za-z][A-Za-z0-9]*:[0-9a-fA-F]{32,}$)|[^/@:]*:[^@]*@(?=.*/))");
  /** AWS credential ids, as the redactor and the inline-secret check know them. */
  private static final Pattern ACCESS_KEY_ID =
      Pattern.compile(CredentialPatterns.AWS_ACCESS_KEY_ID);
  /** The shape of a secret access key: 40 base64 characters with upper, lower and a digit. */
  private static final Pattern SECRET_KEY = Pattern.compile(
      "(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{0,39}[0-9])(?=[A-Za-z0-9/+]{0,39}[a-z])"
          + "(?=[A-Za-z0-9/+]{0,39}[A-Z])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");

  private QuotedValue() {}

  /** The value as it may appear in a message. */
  public static String of(String value) {
    if (value == null) {
      return "null";
    }
    String masked = USERINFO.matcher(value).replaceFirst("$1***@");
    masked = ACCESS_KEY_ID.matcher(masked).replaceAll("<access-key-id>");
    masked = SECRET_KEY.matcher(masked).replaceAll("<secret>");
    return escape(masked);
  }

  private static String escape(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length() && out.length() < MAX_LENGTH; ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      if (visible(cp)) {
        out.appendCodePoint(cp);
      } else {
        out.append(String.format("\\u%04X", cp));
      }
      if (out.length() >= MAX_LENGTH && i < value.length()) {
        out.append("...");
      }
    }
    return out.toString();
  }

  /** Printable, and not a character that hides itself (format, line or paragraph separators). */
  static boolean visible(int cp) {
    if (cp == ' ') {
      return true;
    }
    int type = Character.getType(cp);
    return !Character.isISOControl(cp) && !Character.isWhitespace(cp)
        && type != Character.FORMAT && type != Character.SPACE_SEPARATOR
        && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
        && type != Character.UNASSIGNED && type != Character.PRIVATE_USE
        && type != Character.SURROGATE;
  }
}
