package dev.secureml.operator.policy;

import dev.secureml.operator.api.KubernetesNames;
import java.util.List;

/**
 * References to other resources (a monitor's endpoint, an endpoint's training job): the plain
 * name of an object in the resource's own namespace. Anything else could never resolve, and a
 * controller that tried to resolve it could be led out of the namespace, so it is refused, and
 * denied even under Audit.
 */
final class ReferenceRules {
  static final String OWN_NAMESPACE_ONLY =
      "references are resolved in the resource's own namespace only";
  private static final int SHOWN = 64;

  private ReferenceRules() {}

  /**
   * Adds a violation when {@code value} is set but is not the name of a {@code kind}.
   *
   * @param kind the kind referred to, e.g. ModelEndpoint
   */
  static void name(List<Violation> out, String field, String kind, String value) {
    if (value == null || KubernetesNames.isName(value)) {
      return;
    }
    String hint = OWN_NAMESPACE_ONLY + ", so give just the name of a " + kind
        + " in this namespace";
    if (value.indexOf('/') >= 0) {
      out.add(new Violation(field, "CrossNamespaceReference",
          shown(value) + " names another namespace: " + hint));
    } else {
      out.add(new Violation(field, "InvalidReference", shown(value) + " is not a valid name "
          + "(at most " + KubernetesNames.MAX_NAME_LENGTH + " lower case letters, digits, '-' "
          + "and '.', starting and ending with a letter or digit): " + hint));
    }
  }

  /** The value in quotes, cut short, with control and invisible characters escaped. */
  static String shown(String value) {
    StringBuilder b = new StringBuilder("\"");
    int count = 0;
    for (int i = 0; i < value.length(); i = value.offsetByCodePoints(i, 1)) {
      if (count++ == SHOWN) {
        return b.append("...\"").toString();
      }
      int c = value.codePointAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').appendCodePoint(c);
      } else if (visible(c)) {
        b.appendCodePoint(c);
      } else {
        b.append(c <= 0xFFFF ? String.format("\\u%04x", c) : String.format("\\U%08x", c));
      }
    }
    return b.append('"').toString();
  }

  private static boolean visible(int c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR, Character.PRIVATE_USE, Character.SURROGATE,
          Character.UNASSIGNED -> false;
      case Character.SPACE_SEPARATOR -> c == ' ';
      default -> true;
    };
  }
}
