package dev.secureml.operator.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which names (hyperparameters, environment variables, tags, keys in a log line) say that their
 * value is a secret. One definition for the policy, which refuses such values inline, the schema
 * check, which never quotes them back, and the redactor, which masks them.
 *
 * <p>The name is cut into words ({@code DB_PASSWORD}, {@code db-password}, {@code dbPassword}
 * and {@code db.password} all give "db", "password") and its last word decides, so
 * {@code password_file} or {@code secret_arn} (references to a secret, not secrets) pass while
 * {@code db_pass} does not. Counts and tokenizer settings ({@code max_tokens},
 * {@code pad_token}, {@code num_passes}, {@code tokenizer}) are harmless. A bare {@code auth}
 * or {@code signature} is not a secret name: it is mostly a switch ({@code use_auth: "true"}) or
 * a model signature's name; a credential under it is still caught by its shape.
 */
public final class SecretNames {
  /** Last words that are secrets, also glued to a prefix: {@code dbpassword}, {@code mysecret}. */
  private static final List<String> SUFFIX_WORDS =
      List.of("password", "passwd", "passphrase", "secret", "apikey");
  /** Last words that are secrets only as a whole word: {@code db_pass}, not {@code bypass}. */
  private static final Set<String> WHOLE_WORDS = Set.of("pass", "pwd", "token", "credential",
      "credentials", "creds", "dsn", "authorization", "cookie", "bearer");
  /** Word pairs that end a secret name: {@code api_key}, {@code aws_secret_access_key}. */
  private static final Set<String> KEY_QUALIFIERS = Set.of("api", "secret", "private", "access",
      "signing", "encryption", "hmac", "master", "client", "account", "storage", "ssh",
      "session");
  /**
   * Words before "token" or "pass" that make it a count or a tokenizer's special token, not a
   * credential: {@code max_token}, {@code pad_token}, {@code num_pass}.
   */
  private static final Set<String> HARMLESS_QUALIFIERS = Set.of("max", "min", "num", "n",
      "total", "count", "pad", "eos", "bos", "unk", "sep", "cls", "mask", "start", "end", "stop",
      "special", "first", "last", "second", "single", "multi");

  private SecretNames() {}

  /** True when a value under this name should be treated as a secret. */
  public static boolean looksSecret(String name) {
    List<String> words = words(name);
    if (words.isEmpty()) {
      return false;
    }
    String last = words.get(words.size() - 1);
    String before = words.size() > 1 ? words.get(words.size() - 2) : "";
    if (last.equals("key")) {
      return KEY_QUALIFIERS.contains(before);
    }
    if (last.equals("string")) {
      return before.equals("connection");
    }
    if ((last.equals("token") || last.equals("pass")) && HARMLESS_QUALIFIERS.contains(before)) {
      return false;
    }
    return WHOLE_WORDS.contains(last) || SUFFIX_WORDS.stream().anyMatch(last::endsWith);
  }

  /** Lower-case words of a name, split at separators and camelCase humps. */
  static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    if (name == null) {
      return words;
    }
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(words, word);
        continue;
      }
      if (Character.isUpperCase(c) && word.length() > 0 && startsHump(name, i)) {
        flush(words, word);
      }
      word.append(c);
    }
    flush(words, word);
    return words;
  }

  /** {@code dbPassword} splits before P; {@code APIKey} before K; {@code DB_PASSWORD} nowhere. */
  private static boolean startsHump(String name, int i) {
    char previous = name.charAt(i - 1);
    boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
    return Character.isLowerCase(previous) || Character.isDigit(previous)
        || (Character.isUpperCase(previous) && nextLower);
  }

  private static void flush(List<String> words, StringBuilder word) {
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
      word.setLength(0);
    }
  }
}
