package dev.secureml.operator.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes object names as the API server checks them (apimachinery's IsDNS1123Subdomain and
 * IsDNS1123Label), with its wording, so that what the operator and the sandbox refuse is what a
 * real cluster refuses.
 */
public final class KubernetesNames {
  public static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  public static final String SUBDOMAIN = LABEL + "(\\." + LABEL + ")*";
  public static final int MAX_NAME_LENGTH = 253;
  public static final int MAX_LABEL_LENGTH = 63;

  static final String SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower "
      + "case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
      + "character (e.g. 'example.com', regex used for validation is '" + SUBDOMAIN + "')";
  // The two spaces after "my-name'," are the API server's own.
  static final String LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case "
      + "alphanumeric characters or '-', and must start and end with an alphanumeric character "
      + "(e.g. 'my-name',  or '123-abc', regex used for validation is '" + LABEL + "')";

  private static final Pattern LABEL_REGEX = Pattern.compile(LABEL);
  private static final Pattern SUBDOMAIN_REGEX = Pattern.compile(SUBDOMAIN);

  private KubernetesNames() {}

  /** A valid name of an object of a namespaced kind (a DNS-1123 subdomain). */
  public static boolean isName(String value) {
    return value != null && subdomainProblems(value).isEmpty();
  }

  /**
   * What the API server says about a DNS-1123 subdomain (object names); empty when valid.
   * Lengths are in bytes of UTF-8, as the API server counts them.
   */
  public static List<String> subdomainProblems(String value) {
    List<String> problems = new ArrayList<>();
    if (utf8Length(value) > MAX_NAME_LENGTH) {
      problems.add(maxLength(MAX_NAME_LENGTH));
    }
    if (!SUBDOMAIN_REGEX.matcher(value).matches()) {
      problems.add(SUBDOMAIN_MESSAGE);
    }
    return problems;
  }

  /** What the API server says about a DNS-1123 label (namespace names); empty when valid. */
  public static List<String> labelProblems(String value) {
    List<String> problems = new ArrayList<>();
    if (utf8Length(value) > MAX_LABEL_LENGTH) {
      problems.add(maxLength(MAX_LABEL_LENGTH));
    }
    if (!LABEL_REGEX.matcher(value).matches()) {
      // A valid subdomain of the right length can only be wrong by its dots.
      problems.add(SUBDOMAIN_REGEX.matcher(value).matches() ? "must not contain dots"
          : LABEL_MESSAGE);
    }
    return problems;
  }

  private static String maxLength(int max) {
    return "must be no more than " + max + " characters";
  }

  private static int utf8Length(String value) {
    return value.getBytes(StandardCharsets.UTF_8).length;
  }
}
