package dev.secureml.operator.policy;

/**
 * Whether an instance-type glob of a policy can match any SageMaker instance type.
 *
 * <p>Instance types are {@code ml.<family>.<size>} with lowercase letters and digits (the CRD's
 * pattern for instance types). A glob outside that language matches nothing, silently: regex
 * syntax ({@code ml.[m5].*}), a trailing space, uppercase, or a shape such as {@code ml.m5}.
 * The check runs the glob through the small automaton of that language, '*' standing for any
 * run of characters.
 */
final class InstanceTypeGlobs {
  /** States: 0 "", 1 "m", 2 "ml", 3 "ml.", 4 in the family, 5 after its '.', 6 in the size. */
  private static final int ACCEPT = 6;

  private InstanceTypeGlobs() {}

  /** Why the glob can match no instance type, or null when it can match one. */
  static String problem(String glob) {
    if (glob == null || glob.isBlank()) {
      return "is empty";
    }
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        return "contains whitespace, so it matches no instance type";
      }
      if (Character.isUpperCase(c)) {
        return "has uppercase letters; instance types are lowercase, such as ml.m5.xlarge";
      }
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '*')) {
        return "has '" + (QuotedValue.visible(c) ? String.valueOf(c)
            : String.format("\\u%04X", (int) c)) + "'; globs are letters, digits, '.' and '*', "
            + "the only wildcard (not a regular expression)";
      }
    }
    return canMatch(glob) ? null
        : "matches no instance type; instance types are ml.<family>.<size>, such as ml.m5.xlarge";
  }

  /** Whether some ml.<family>.<size> matches: the set of automaton states, one bit each. */
  private static boolean canMatch(String glob) {
    int states = 1; // state 0
    for (int i = 0; i < glob.length() && states != 0; i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        // Any run of characters reaches every state from the lowest one reached so far.
        int lowest = Integer.numberOfTrailingZeros(states);
        states = ((1 << (ACCEPT + 1)) - 1) & ~((1 << lowest) - 1);
      } else {
        states = step(states, c);
      }
    }
    return (states & (1 << ACCEPT)) != 0;
  }

  private static int step(int states, char c) {
    boolean alnum = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    int next = 0;
    for (int s = 0; s <= ACCEPT; s++) {
      if ((states & (1 << s)) == 0) {
        continue;
      }
      int to = switch (s) {
        case 0 -> c == 'm' ? 1 : -1;
        case 1 -> c == 'l' ? 2 : -1;
        case 2 -> c == '.' ? 3 : -1;
        case 3 -> alnum ? 4 : -1;
        case 4 -> alnum ? 4 : c == '.' ? 5 : -1;
        case 5, 6 -> alnum ? 6 : -1;
        default -> -1;
      };
      if (to >= 0) {
        next |= 1 << to;
      }
    }
    return next;
  }
}
