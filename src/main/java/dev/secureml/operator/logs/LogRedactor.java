package dev.secureml.operator.logs;

import dev.secureml.operator.api.CredentialPatterns;
import dev.secureml.operator.api.SecretNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Masks secrets in text before it leaves the operator: forwarded log lines, condition messages,
 * Events, the operator's own log. Training scripts print credentials more often than anyone
 * would like, and all of these end up where far more people can read them than in CloudWatch.
 *
 * <p>Three kinds of pattern: one with named groups {@code key} and {@code secret} masks the
 * secret only when the key {@link SecretNames#looksSecret looks secret}; one with only a
 * {@code secret} group masks that group; any other masks its whole match. A redactor made
 * {@link #withSecretValues with secret values} also masks those values wherever they appear.
 */
public final class LogRedactor {
  public static final String MASK = "***";
  /**
   * Shorter declared values are not masked as values: they are mostly flags, small numbers and
   * enum words ("true", "1", "adam") whose masking would blank harmless text, and a secret that
   * short is guessed in seconds anyway. The name patterns still mask it beside its name.
   */
  public static final int MIN_SECRET_VALUE_LENGTH = 6;
  private static final String SECRET_GROUP = "secret";
  private static final String KEY_GROUP = "key";

  // A value after its key: inside \"...\" (JSON in a JSON string), "..." (with escapes), '...',
  // or bare up to a separator. An HTTP auth scheme word before it stays readable.
  private static final String VALUE = "(?:(?i:bearer|basic|token|digest)\\s+)?(?<secret>"
      + "(?<=\\\\\")(?:(?!\\\\\").)*|(?<=\")(?:[^\"\\\\]|\\\\.)*|(?<=')[^']*"
      + "|[^\\s\"',;&}\\]{\\[][^\\s\"',;&}\\]]*)";
  private static final String QUOTE = "(?:\\\\?[\"'])?";
  private static final String NAME = "[A-Za-z_][A-Za-z0-9_.\\-]*";
  private static final String PARAMETER = "(?:hyper)?param(?:eter)?|argument|option|variable";

  /** The defaults, in the order they run: whole blocks first, single values last. */
  public static final List<String> DEFAULT_PATTERNS = List.of(
      CredentialPatterns.PRIVATE_KEY,
      CredentialPatterns.BEARER_TOKEN,
      CredentialPatterns.URL_PASSWORD,
      CredentialPatterns.HOST_PASSWORD,
      CredentialPatterns.AWS_ACCESS_KEY_ID,
      // key=value, key: value, "key": "value", {'key': 'value'}, KEY="value".
      "(?<![A-Za-z0-9_.\\-])(?<key>" + NAME + ")" + QUOTE + "\\s*[:=]\\s*" + QUOTE + VALUE,
      // argparse: --db-password X, --db_password=X, ["--db_password", "X"] (SM_USER_ARGS).
      "(?<![\\w-])--(?<key>" + NAME + ")" + QUOTE + "(?:\\s*,\\s*|\\s+|=)(?!\\\\?[\"']?--)"
          + QUOTE + VALUE,
      // The training toolkits' "Failed to parse hyperparameter db_password value X to Json."
      "(?i)\\b(?:" + PARAMETER + ")\\s+[\"']?(?<key>" + NAME + ")[\"']?\\s+value\\s+[\"']?"
          + "(?<secret>[^\\r\\n]+?)[\"']?(?=\\s+to\\s+json\\b|\\s*[\\r\\n]|\\s*$)",
      // "Invalid value 'X' for hyperparameter 'db_password'".
      "(?i)\\bvalue\\s+[\"']?(?<secret>(?<=')[^'\\r\\n]*|(?<=\")[^\"\\r\\n]*|[^\\s\"']+)[\"']?"
          + "\\s+(?:for|of)\\s+(?:the\\s+)?(?:" + PARAMETER + ")\\s+[\"']?(?<key>" + NAME + ")");

  /** A compiled pattern and the groups it has. */
  private record Rule(Pattern pattern, boolean keyed, boolean partial) {
    static Rule of(Pattern pattern) {
      return new Rule(pattern, pattern.pattern().contains("(?<" + KEY_GROUP + ">"),
          pattern.pattern().contains("(?<" + SECRET_GROUP + ">"));
    }
  }

  private final List<Rule> patterns;
  /** The declared values, raw; each is masked also as it reads JSON-escaped. */
  private final Set<String> secretValues;
  /** The declared values as one alternation, longest first; null when there are none. */
  private final Pattern values;

  private LogRedactor(List<Rule> patterns, Set<String> secretValues) {
    this.patterns = List.copyOf(patterns);
    this.secretValues = Set.copyOf(secretValues);
    this.values = alternation(secretValues);
  }

  public static LogRedactor defaults() {
    return withExtraPatterns(List.of());
  }

  /**
   * The defaults plus the given regular expressions (Java syntax; a named group
   * {@code secret} masks only that part, and with a named group {@code key} only when that key
   * looks secret).
   *
   * @throws IllegalArgumentException naming the pattern that does not compile
   */
  public static LogRedactor withExtraPatterns(List<String> extra) {
    List<Rule> compiled = new ArrayList<>();
    for (String regex : DEFAULT_PATTERNS) {
      compiled.add(Rule.of(Pattern.compile(regex)));
    }
    for (String regex : extra) {
      try {
        compiled.add(Rule.of(Pattern.compile(regex)));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("Invalid redaction pattern '" + regex + "': "
            + e.getDescription(), e);
      }
    }
    return new LogRedactor(compiled, Set.of());
  }

  /**
   * This redactor, also masking each of these values (at least
   * {@value #MIN_SECRET_VALUE_LENGTH} characters long) wherever it appears, in any letter case
   * and also as it reads JSON-escaped; the values it masked already stay masked.
   */
  public LogRedactor withSecretValues(Collection<String> secrets) {
    Set<String> all = new LinkedHashSet<>(secretValues);
    for (String s : secrets) {
      if (s != null && s.length() >= MIN_SECRET_VALUE_LENGTH) {
        all.add(s);
      }
    }
    return all.size() == secretValues.size() ? this : new LogRedactor(patterns, all);
  }

  private static Pattern alternation(Set<String> secrets) {
    if (secrets.isEmpty()) {
      return null;
    }
    Set<String> forms = new LinkedHashSet<>();
    for (String s : secrets) {
      forms.add(s);
      forms.add(s.replace("\\", "\\\\").replace("\"", "\\\""));
    }
    String alternation = forms.stream()
        .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(s -> s))
        .map(Pattern::quote).collect(Collectors.joining("|"));
    return Pattern.compile(alternation, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** The text with every match masked as {@value #MASK}; null stays null. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = values == null ? text : values.matcher(text).replaceAll(MASK);
    for (Rule rule : patterns) {
      result = mask(rule, result);
    }
    return result;
  }

  /** The parts of the text the patterns would mask (not the declared values), in order. */
  public List<String> secretsIn(String text) {
    List<String> found = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return found;
    }
    for (Rule rule : patterns) {
      Matcher matcher = rule.pattern().matcher(text);
      for (int from = 0; from <= text.length() && matcher.find(from); ) {
        int[] span = secretSpan(rule, matcher);
        if (span != null && span[1] > span[0]) {
          found.add(text.substring(span[0], span[1]));
        }
        from = next(rule, matcher, span);
      }
    }
    return found;
  }

  private static String mask(Rule rule, String text) {
    Matcher matcher = rule.pattern().matcher(text);
    StringBuilder out = null;
    int copied = 0;
    for (int from = 0; from <= text.length() && matcher.find(from); ) {
      int[] span = secretSpan(rule, matcher);
      if (span != null) {
        out = out == null ? new StringBuilder(text.length()) : out;
        out.append(text, copied, span[0]).append(MASK);
        copied = span[1];
      }
      from = next(rule, matcher, span);
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /** Start and end of what to mask in this match, or null when nothing is (a harmless key). */
  private static int[] secretSpan(Rule rule, Matcher matcher) {
    if (rule.keyed() && !SecretNames.looksSecret(matcher.group(KEY_GROUP))) {
      return null;
    }
    if (rule.partial()) {
      int start = matcher.start(SECRET_GROUP);
      return start < 0 ? null : new int[] {start, matcher.end(SECRET_GROUP)};
    }
    return new int[] {matcher.start(), matcher.end()};
  }

  /**
   * Where to look next: after the masked part, or just after a harmless key, so that in
   * {@code Config: password=x} the pair behind a harmless key is still found.
   */
  private static int next(Rule rule, Matcher matcher, int[] span) {
    int resume = span != null ? span[1]
        : rule.keyed() ? matcher.end(KEY_GROUP) : matcher.end();
    return Math.max(resume, matcher.start() + 1);
  }
}
