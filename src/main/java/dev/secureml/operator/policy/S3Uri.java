package dev.secureml.operator.policy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An {@code s3://bucket/key} URI, parsed strictly: the one S3 parser of the operator (the policy
 * rules and the S3 adapters share it), so what the policy admitted is what the operator reads
 * and writes. Anything doubtful is refused, never normalised:
 *
 * <ul>
 *   <li>the scheme is exactly {@code s3://}; no credentials, port, query or fragment;
 *   <li>the bucket follows S3's naming rules (3-63 of a-z, 0-9, '.', '-'; no "..", no IP
 *       address, no reserved prefix);
 *   <li>the key's segments are separated by '/'; none is empty (only a folder's trailing '/' is
 *       allowed, so no "//": S3 keeps "a//b" apart from "a/b" and tools disagree on it) and none
 *       is made of dots only ('.', '..');
 *   <li>the key has no backslash (some tools read it as a separator), no whitespace, control or
 *       invisible character, no percent-encoded '.', '/', '\', '%' or control character (S3
 *       does not decode them, other tools do), only letters, marks and digits of any script
 *       and {@code ! $ & ' ( ) * + , - . : ; = @ _ ~ %}, and at most 1024 bytes in UTF-8.
 * </ul>
 */
public record S3Uri(String bucket, String key) {
  public static final String SCHEME = "s3://";
  static final int MAX_KEY_BYTES = 1024;
  static final String KEY_PUNCTUATION = "!$&'()*+,-.:;=@_~%";
  private static final Pattern BUCKET_CHARS = Pattern.compile("[a-z0-9.-]+");
  private static final Pattern IP_ADDRESS = Pattern.compile("[0-9]+(\\.[0-9]+){3}");
  private static final List<String> RESERVED_BUCKET_PREFIXES =
      List.of("xn--", "sthree-", "amzn-s3-demo-");

  /** Parses a URI; throws {@link InvalidReferenceException} saying what is wrong. */
  public static S3Uri parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new InvalidReferenceException("S3 URI is empty");
    }
    if (!text.startsWith(SCHEME)) {
      invisible(text); // " s3://..." is better told as whitespace than as another scheme
      String hint = text.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
          ? "; the scheme is lowercase s3://" : "; write s3://bucket/key";
      throw invalid(text, "is not an s3:// URI" + hint);
    }
    String rest = text.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    if (bucket.contains("@")) {
      throw new InvalidReferenceException("S3 URI contains credentials (user:password@ before "
          + "the bucket); remove them: S3 URIs are s3://bucket/key and access comes from the "
          + "execution role");
    }
    if (bucket.contains(":")) {
      throw new InvalidReferenceException("S3 URI has ':' after s3:// (a port or credentials); "
          + "S3 URIs are s3://bucket/key");
    }
    invisible(text);
    bucket(text, bucket);
    key(text, key);
    return new S3Uri(bucket, key);
  }

  /** The key's segments; a folder's trailing '/' adds none. */
  public List<String> segments() {
    if (key.isEmpty()) {
      return List.of();
    }
    String trimmed = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    return Arrays.asList(trimmed.split("/", -1));
  }

  /** The bucket itself or a key ending in '/': what lies below it starts with the key. */
  public boolean folder() {
    return key.isEmpty() || key.endsWith("/");
  }

  /**
   * Whether everything this URI can name lies inside {@code prefix}, taken as a folder
   * ({@code s3://b/data} means {@code s3://b/data/}). Compared segment by segment, so
   * {@code data} never admits {@code data-evil}. A URI naming the folder itself without its
   * trailing '/' is outside: as a key prefix (a training channel's S3Prefix) it also selects
   * siblings such as {@code data-evil/}.
   */
  public boolean within(S3Uri prefix) {
    List<String> mine = segments();
    List<String> theirs = prefix.segments();
    if (!bucket.equals(prefix.bucket()) || mine.size() < theirs.size()
        || !mine.subList(0, theirs.size()).equals(theirs)) {
      return false;
    }
    return mine.size() > theirs.size() || folder() || theirs.isEmpty();
  }

  /** True when this URI names {@code prefix}'s folder but lacks its trailing '/'. */
  public boolean lacksTrailingSlashOf(S3Uri prefix) {
    return !folder() && bucket.equals(prefix.bucket()) && segments().equals(prefix.segments());
  }

  /**
   * The URI {@code relative} below this one taken as a folder: {@code s3://b/out} and
   * {@code s3://b/out/} with {@code x/y.json} both give {@code s3://b/out/x/y.json}. The result
   * is checked like any parsed URI.
   */
  public S3Uri resolve(String relative) {
    if (relative == null || relative.startsWith("/")) {
      throw new InvalidReferenceException("relative S3 key must not start with '/'");
    }
    String folder = folder() ? key : key + "/";
    return parse(SCHEME + bucket + "/" + folder + relative);
  }

  /** Back to {@code s3://bucket/key}. */
  public String uri() {
    return SCHEME + bucket + "/" + key;
  }

  @Override
  public String toString() {
    return uri();
  }

  private static void invisible(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (cp == ' ' || !QuotedValue.visible(cp)) {
        throw invalid(text, "contains " + (cp == ' ' || Character.isWhitespace(cp)
            || Character.isSpaceChar(cp) ? "whitespace" : "an invisible or control character")
            + String.format(" (U+%04X at position %d)", cp, i));
      }
      i += Character.charCount(cp);
    }
  }

  private static void bucket(String text, String bucket) {
    String problem = null;
    if (bucket.isEmpty()) {
      problem = "names no bucket";
    } else if (bucket.length() < 3 || bucket.length() > 63) {
      problem = "has a bucket name of " + bucket.length() + " characters; 3-63 are allowed";
    } else if (!BUCKET_CHARS.matcher(bucket).matches()) {
      problem = "has a bucket name with characters other than lowercase letters, digits, '.' "
          + "and '-'";
    } else if (!Character.isLetterOrDigit(bucket.charAt(0))
        || !Character.isLetterOrDigit(bucket.charAt(bucket.length() - 1))) {
      problem = "has a bucket name that does not begin and end with a letter or digit";
    } else if (bucket.contains("..")) {
      problem = "has '..' in its bucket name";
    } else if (IP_ADDRESS.matcher(bucket).matches()) {
      problem = "has a bucket name formatted as an IP address";
    } else if (RESERVED_BUCKET_PREFIXES.stream().anyMatch(bucket::startsWith)) {
      problem = "has a bucket name with a prefix S3 reserves ("
          + String.join(", ", RESERVED_BUCKET_PREFIXES) + ")";
    }
    if (problem != null) {
      throw invalid(text, problem);
    }
  }

  private static void key(String text, String key) {
    if (key.isEmpty()) {
      return;
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw invalid(text, "has a key longer than " + MAX_KEY_BYTES + " bytes");
    }
    List<String> segments = new ArrayList<>(Arrays.asList(key.split("/", -1)));
    if (segments.size() > 1 && segments.get(segments.size() - 1).isEmpty()) {
      segments.remove(segments.size() - 1); // a folder's trailing '/'
    }
    for (String segment : segments) {
      if (segment.isEmpty()) {
        throw invalid(text, "has an empty segment ('//') in its key");
      }
      if (segment.chars().allMatch(c -> c == '.')) {
        throw invalid(text, "has a '" + segment + "' segment in its key; segments made of dots "
            + "only ('.', '..') are not allowed");
      }
      characters(text, segment);
    }
  }

  private static void characters(String text, String segment) {
    for (int i = 0; i < segment.length(); ) {
      int cp = segment.codePointAt(i);
      if (cp == '\\') {
        throw invalid(text, "has a backslash in its key; use '/' between segments");
      }
      if (cp == '?' || cp == '#') {
        throw invalid(text, "has '" + (char) cp + "' (a query or fragment); S3 URIs have "
            + "neither");
      }
      if (cp == '%') {
        percent(text, segment, i);
      }
      int type = Character.getType(cp);
      boolean allowed = Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
          || type == Character.COMBINING_SPACING_MARK || KEY_PUNCTUATION.indexOf(cp) >= 0;
      if (!allowed) {
        throw invalid(text, String.format("has the character '%s' (U+%04X) in its key; keys "
            + "may contain letters, digits and %s", Character.toString(cp), cp,
            String.join(" ", KEY_PUNCTUATION.split(""))));
      }
      i += Character.charCount(cp);
    }
  }

  /** A '%' starting an encoding of '.', '/', '\', '%' or a control character is refused. */
  private static void percent(String text, String segment, int at) {
    if (at + 3 > segment.length()) {
      return;
    }
    String hex = segment.substring(at + 1, at + 3);
    if (!hex.matches("[0-9A-Fa-f]{2}")) {
      return;
    }
    int c = Integer.parseInt(hex, 16);
    if (c == '.' || c == '/' || c == '\\' || c == '%' || c < 0x20 || c == 0x7f) {
      throw invalid(text, "has the percent-encoded character %" + hex + " in its key; "
          + "encoded '.', '/', '\\', '%' and control characters are not allowed (S3 does not "
          + "decode them, other tools do)");
    }
  }

  private static InvalidReferenceException invalid(String text, String problem) {
    return new InvalidReferenceException("S3 URI " + QuotedValue.of(text) + " " + problem);
  }
}
