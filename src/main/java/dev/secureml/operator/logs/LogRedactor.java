package dev.secureml.operator.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Masks secrets in log lines before they leave the forwarder: training scripts print
 * credentials more often than anyone would like, and forwarded lines end up in the cluster
 * (stdout, status, Events) where far more people can read them than in CloudWatch.
 *
 * <p>A pattern with a named group {@code secret} masks only that group, so the key of a
 * {@code password=...} pair stays readable; any other pattern masks its whole match.
 */
public final class LogRedactor {
  public static final String MASK = "***";
  private static final String SECRET_GROUP = "secret";

  // Key names that end in one of these words; "max_tokens" or "tokenizer" do not match.
  private static final String SECRET_KEYS = "[A-Za-z0-9_.-]*?(?:password|passwd|pwd|passphrase"
      + "|secret|secret[_-]?key|secret[_-]?access[_-]?key|token|api[_-]?key|private[_-]?key)";

  /** The defaults, in the order they run: whole blocks first, single values last. */
  public static final List<String> DEFAULT_PATTERNS = List.of(
      // A PEM private key printed into one event, with or without its END line.
      "(?s)-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:.*?-----END [A-Z0-9 ]*PRIVATE KEY-----|.*)",
      // HTTP bearer tokens (Authorization headers, curl -v output): keep the scheme word.
      "(?i)\\bBearer\\s+(?<secret>[A-Za-z0-9\\-._~+/]+=*)",
      // key=value, key: value, "key": "value" (quoted values may contain spaces).
      "(?i)(?<![A-Za-z0-9])" + SECRET_KEYS + "(?![A-Za-z0-9])[\"']?\\s*[:=]\\s*[\"']?"
          + "(?<secret>(?<=\")[^\"]*(?=\")|(?<=')[^']*(?=')|[^\\s\"',;&}\\]]+)",
      // user:password@host in URLs (pip index URLs, database URLs).
      "(?<=://)[^/\\s:@]+:(?<secret>[^/\\s@]+)(?=@)",
      // AWS access key ids: long-term (AKIA) and temporary (ASIA).
      "\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b");

  private final List<Pattern> patterns;

  private LogRedactor(List<Pattern> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  public static LogRedactor defaults() {
    return withExtraPatterns(List.of());
  }

  /**
   * The defaults plus the given regular expressions (Java syntax; a named group
   * {@code secret} masks only that part).
   *
   * @throws IllegalArgumentException naming the pattern that does not compile
   */
  public static LogRedactor withExtraPatterns(List<String> extra) {
    List<Pattern> compiled = new ArrayList<>();
    for (String regex : DEFAULT_PATTERNS) {
      compiled.add(Pattern.compile(regex));
    }
    for (String regex : extra) {
      try {
        compiled.add(Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("Invalid redaction pattern '" + regex + "': "
            + e.getDescription(), e);
      }
    }
    return new LogRedactor(compiled);
  }

  /** The line with every match masked as {@value #MASK}; null stays null. */
  public String redact(String line) {
    if (line == null || line.isEmpty()) {
      return line;
    }
    String result = line;
    for (Pattern pattern : patterns) {
      result = mask(pattern, result);
    }
    return result;
  }

  private static String mask(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      return text;
    }
    boolean partial = pattern.pattern().contains("(?<" + SECRET_GROUP + ">");
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    do {
      int start = partial ? matcher.start(SECRET_GROUP) : matcher.start();
      int end = partial ? matcher.end(SECRET_GROUP) : matcher.end();
      if (start < 0) { // the secret group did not take part in this match
        continue;
      }
      out.append(text, copied, start).append(MASK);
      copied = end;
    } while (matcher.find());
    return out.append(text, copied, text.length()).toString();
  }
}
