package dev.secureml.operator.policy;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A container image reference, parsed by the OCI distribution grammar before any allow-list
 * looks at it: {@code registry-host[:port]/path/components[:tag][@algorithm:hex]}.
 *
 * <p>Path components are {@code [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*}, so '.', '..', empty
 * components and uppercase never pass; a tag is {@code [\w][\w.-]{0,127}}; a digest is
 * {@code algorithm:hex} (sha256 with 64 and sha512 with 128 lowercase hex digits). Unlike
 * Docker, a registry host is required: SageMaker pulls from a registry such as Amazon ECR, never
 * from an implied Docker Hub. At most 255 characters (SageMaker's limit), no whitespace, no
 * control or invisible characters, no credentials.
 *
 * @param registry host[:port], lowercase (host names are case-insensitive)
 * @param path the repository's path components
 * @param tag null when absent
 * @param digest null when absent
 */
public record ImageReference(String registry, List<String> path, String tag, String digest) {
  static final int MAX_LENGTH = 255;
  static final String EXAMPLE = "111122223333.dkr.ecr.us-east-1.amazonaws.com/team/model:1";
  private static final Pattern DOMAIN_COMPONENT =
      Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F:.]+\\]");
  private static final Pattern PATH_COMPONENT =
      Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
  private static final Pattern DIGEST_AFTER_AT = Pattern.compile("^[A-Za-z][A-Za-z0-9]*:.*");

  public ImageReference {
    path = List.copyOf(path);
  }

  /** Parses an image; throws {@link InvalidReferenceException} saying what is wrong. */
  public static ImageReference parse(String text) {
    String remainder = checkAndSplitRegistry(text, false);
    String registry = registry(text);
    return name(text, registry, remainder);
  }

  /** The repository path, components joined by '/'. */
  public String repository() {
    return String.join("/", path);
  }

  /** Common checks; returns what follows the registry host and its '/'. */
  static String checkAndSplitRegistry(String text, boolean prefix) {
    if (text == null || text.isEmpty()) {
      throw new InvalidReferenceException("image is empty");
    }
    int slash = text.indexOf('/');
    String first = slash < 0 ? text : text.substring(0, slash);
    if (credentials(text)) {
      throw new InvalidReferenceException("image contains credentials (user:password@ before "
          + "the registry); remove them: SageMaker pulls with the execution role");
    }
    if (text.length() > MAX_LENGTH) {
      throw invalid(text, "is " + text.length() + " characters long; at most " + MAX_LENGTH
          + " are allowed");
    }
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (cp == ' ' || !QuotedValue.visible(cp)) {
        throw invalid(text, "contains " + (Character.isWhitespace(cp)
            || Character.isSpaceChar(cp) ? "whitespace" : "an invisible or control character")
            + String.format(" (U+%04X at position %d)", cp, i));
      }
      i += Character.charCount(cp);
    }
    if (text.contains("://")) {
      throw invalid(text, "has a scheme (://); images are <registry>/<repository>[:tag] "
          + "such as " + EXAMPLE);
    }
    if (!looksLikeHost(first) || (slash < 0 && !prefix)) {
      throw invalid(text, "names no registry host; images are <registry>/<repository>[:tag] "
          + "such as " + EXAMPLE);
    }
    return slash < 0 ? "" : text.substring(slash + 1);
  }

  /** The registry part, validated as host[:port] and lowercased. */
  static String registry(String text) {
    int slash = text.indexOf('/');
    String first = slash < 0 ? text : text.substring(0, slash);
    String host = first;
    String port = null;
    int colon = first.lastIndexOf(':');
    if (colon >= 0 && !first.endsWith("]")) {
      host = first.substring(0, colon);
      port = first.substring(colon + 1);
    }
    boolean hostOk = IPV6.matcher(host).matches() || (!host.isEmpty()
        && List.of(host.split("\\.", -1)).stream()
            .allMatch(c -> DOMAIN_COMPONENT.matcher(c).matches()));
    if (!hostOk) {
      throw invalid(text, "has a registry that is not a host name: letters, digits and '-' in "
          + "dot-separated labels, optionally with :port");
    }
    if (port != null && (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535)) {
      throw invalid(text, "has a registry port that is not a number from 0 to 65535");
    }
    return first.toLowerCase(Locale.ROOT);
  }

  /** The repository path, tag and digest after the registry's '/'. */
  static ImageReference name(String text, String registry, String remainder) {
    String digest = null;
    int at = remainder.indexOf('@');
    if (at >= 0) {
      digest = remainder.substring(at + 1);
      remainder = remainder.substring(0, at);
      if (!DIGEST.matcher(digest).matches() || !digestLength(digest)) {
        throw invalid(text, "has a digest that is not algorithm:hex (sha256 with 64 lowercase "
            + "hex digits)");
      }
    }
    String tag = null;
    int colon = remainder.indexOf(':', remainder.lastIndexOf('/') + 1);
    if (colon >= 0) {
      tag = remainder.substring(colon + 1);
      remainder = remainder.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw invalid(text, "has a tag that is not 1-128 letters, digits, '_', '.' or '-' "
            + "starting with a letter, digit or '_'");
      }
    }
    List<String> path = List.of(remainder.split("/", -1));
    for (String component : path) {
      component(text, component);
    }
    return new ImageReference(registry, path, tag, digest);
  }

  private static void component(String text, String component) {
    if (PATH_COMPONENT.matcher(component).matches()) {
      return;
    }
    String problem;
    if (component.isEmpty()) {
      problem = "has an empty path component ('//', or '/' before the tag or at the end)";
    } else if (component.chars().allMatch(c -> c == '.')) {
      problem = "has a '" + component + "' path component";
    } else if (!component.equals(component.toLowerCase(Locale.ROOT))) {
      problem = "has uppercase letters in its repository path";
    } else if (!component.matches("[a-z0-9._-]+")) {
      problem = "has a character other than lowercase letters, digits, '.', '_' and '-' in its "
          + "repository path";
    } else {
      problem = "has a path component with a misplaced separator (at its start or end, or two "
          + "in a row other than '__' and '-' runs)";
    }
    throw invalid(text, problem + "; path components are lowercase letters and digits "
        + "separated by '.', '_', '__' or '-'");
  }

  private static boolean digestLength(String digest) {
    String algorithm = digest.substring(0, digest.indexOf(':'));
    String hex = digest.substring(digest.indexOf(':') + 1);
    return switch (algorithm) {
      case "sha256" -> hex.matches("[0-9a-f]{64}");
      case "sha512" -> hex.matches("[0-9a-f]{128}");
      default -> true;
    };
  }

  /**
   * A digest's '@' comes after the last '/', so an '@' with a '/' after it, or one that no
   * digest follows, is userinfo (the password may itself contain '/').
   */
  private static boolean credentials(String text) {
    int at = text.indexOf('@');
    return at >= 0 && (text.indexOf('/', at) >= 0
        || (text.lastIndexOf('/', at) < 0 && !DIGEST_AFTER_AT.matcher(text.substring(at + 1))
            .matches()));
  }

  /** Docker's rule: a first component with '.' or ':', or "localhost", is a registry host. */
  private static boolean looksLikeHost(String first) {
    return first.contains(".") || first.contains(":") || first.equals("localhost");
  }

  static InvalidReferenceException invalid(String text, String problem) {
    return new InvalidReferenceException("image " + QuotedValue.of(text) + " " + problem);
  }
}
