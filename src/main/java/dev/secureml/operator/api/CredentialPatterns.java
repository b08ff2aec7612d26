package dev.secureml.operator.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Shapes of credentials that give themselves away whatever name they stand under: a password in
 * a URL, an AWS access key id, a bearer token, a private key. Shared by the policy (which refuses
 * them inline) and the redactor (which masks them). A named group {@code secret} is the part to
 * mask; without one the whole match is the secret.
 */
public final class CredentialPatterns {
  /** A PEM private key, with or without its END line. */
  public static final String PRIVATE_KEY =
      "(?s)-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:.*?-----END [A-Z0-9 ]*PRIVATE KEY-----|.*)";
  /** HTTP bearer tokens (Authorization headers, curl -v output): the scheme word stays. */
  public static final String BEARER_TOKEN = "(?i)\\bBearer\\s+(?<secret>[A-Za-z0-9\\-._~+/]+=*)";
  /**
   * user:password@host in a URL (pip index URLs, database URLs, an s3:// URI). The password
   * runs to the last @ before the host, as URL parsers read it.
   */
  public static final String URL_PASSWORD =
      "(?<=://)[^/\\s:@]*:(?<secret>[^/\\s]+)(?=@[^@/\\s]+)";
  /**
   * user:password@host without a scheme, as a token of its own (an image reference or a
   * connection setting written carelessly). Masking only: a policy cannot tell it from every
   * other a:b@c with certainty.
   */
  public static final String HOST_PASSWORD = "(?<![^\\s\"'=(\\[{,])[^/\\s:@\"'=(\\[{,]+:"
      + "(?<secret>[^/\\s\"']+)(?=@[A-Za-z0-9][A-Za-z0-9.-]*(?:[:/\\s\"']|$))";
  /**
   * AWS credential ids, in any letter case (a careless copy may lower-case them): access keys
   * (AKIA long-term, ASIA temporary), STS service bearer tokens (ABIA) and context-specific
   * credentials (ACCA). The other unique-id prefixes AWS documents (AIDA user, AROA role, AGPA
   * group, AIPA instance profile, ANPA and ANVA policy, APKA public key, ASCA certificate) name
   * principals, not credentials, and stay readable in messages such as AccessDenied.
   */
  public static final String AWS_ACCESS_KEY_ID =
      "(?<![A-Za-z0-9])(?i:(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})(?![A-Za-z0-9])";

  private static final Map<String, Pattern> DESCRIBED = new LinkedHashMap<>();

  static {
    DESCRIBED.put("a private key", Pattern.compile(PRIVATE_KEY));
    DESCRIBED.put("a password in a URL", Pattern.compile(URL_PASSWORD));
    DESCRIBED.put("an AWS access key id", Pattern.compile(AWS_ACCESS_KEY_ID));
    DESCRIBED.put("a bearer token", Pattern.compile(BEARER_TOKEN));
  }

  private CredentialPatterns() {}

  /** What kind of credential the value holds ("a password in a URL"), or empty. */
  public static Optional<String> describe(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    return DESCRIBED.entrySet().stream().filter(e -> e.getValue().matcher(value).find())
        .map(Map.Entry::getKey).findFirst();
  }
}
