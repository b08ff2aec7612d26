package dev.secureml.operator.local.kube;

import dev.secureml.operator.api.KubernetesNames;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a real API server checks of metadata.name and metadata.namespace when an object is
 * created (apimachinery's ValidateObjectMeta), in its words, so that the embedded API server and
 * the sandbox's manifest loader refuse exactly the names a cluster refuses.
 */
public final class ObjectMetaRules {
  /**
   * One field error as the API server reports it.
   *
   * @param reason the Status cause reason, FieldValueInvalid or FieldValueRequired
   * @param detail e.g. {@code Invalid value: "x": must be no more than 253 characters}
   */
  public record FieldError(String field, String reason, String detail) {
    @Override
    public String toString() {
      return field + ": " + detail;
    }
  }

  private ObjectMetaRules() {}

  /**
   * The errors of an object about to be created; empty when its metadata is valid.
   *
   * @param namespaceObject the object is a Namespace: its name is a DNS-1123 label
   * @param namespace the object's namespace, null for a cluster-scoped object
   */
  public static List<FieldError> check(boolean namespaceObject, String name, String generateName,
      String namespace) {
    List<FieldError> errors = new ArrayList<>();
    if (name == null || name.isEmpty()) {
      if (generateName == null || generateName.isEmpty()) {
        errors.add(new FieldError("metadata.name", "FieldValueRequired",
            "Required value: name or generateName is required"));
      }
    } else {
      List<String> problems = namespaceObject ? KubernetesNames.labelProblems(name)
          : KubernetesNames.subdomainProblems(name);
      problems.forEach(p -> errors.add(invalid("metadata.name", name, p)));
    }
    if (namespace != null) {
      KubernetesNames.labelProblems(namespace)
          .forEach(p -> errors.add(invalid("metadata.namespace", namespace, p)));
    }
    return errors;
  }

  /**
   * The API server's message for a refused object, e.g. {@code SecureTrainingJob.secureml.dev
   * "x" is invalid: metadata.name: Invalid value: "x": ...}.
   *
   * @param group the API group, empty for the core group
   */
  public static String invalidMessage(String kind, String group, String name,
      List<FieldError> errors) {
    String qualified = group == null || group.isEmpty() ? kind : kind + "." + group;
    String list = errors.size() == 1 ? errors.get(0).toString()
        : errors.stream().map(FieldError::toString).collect(Collectors.joining(", ", "[", "]"));
    return qualified + " " + quote(name == null ? "" : name) + " is invalid: " + list;
  }

  private static FieldError invalid(String field, String value, String problem) {
    return new FieldError(field, "FieldValueInvalid",
        "Invalid value: " + quote(value) + ": " + problem);
  }

  /** The value quoted as Go's %q does: printable characters as they are, others escaped. */
  public static String quote(String value) {
    StringBuilder b = new StringBuilder("\"");
    value.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case 7 -> b.append("\\a");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case 11 -> b.append("\\v");
        default -> {
          if (printable(c)) {
            b.appendCodePoint(c);
          } else if (c < 0x80) {
            b.append(String.format("\\x%02x", c));
          } else if (c < 0x10000) {
            b.append(String.format("\\u%04x", c));
          } else {
            b.append(String.format("\\U%08x", c));
          }
        }
      }
    });
    return b.append('"').toString();
  }

  /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
  private static boolean printable(int c) {
    return switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
          Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
      default -> c == ' ';
    };
  }
}
