package dev.secureml.operator.drift;

/** The data types Model Monitor infers for a feature, spelled as in its JSON reports. */
public enum FeatureType {
  Integral, Fractional, String, Unknown;

  /** The type of one present (non-empty) value: Integral, Fractional, or String. */
  public static FeatureType classify(java.lang.String value) {
    if (isIntegral(value)) {
      return Integral;
    }
    return parseDouble(value) != null ? Fractional : String;
  }

  static boolean isIntegral(java.lang.String value) {
    int n = value.length();
    if (n == 0 || n > 19 || (n == 19 && Character.isDigit(value.charAt(0)))) {
      return false;
    }
    int i = value.charAt(0) == '-' || value.charAt(0) == '+' ? 1 : 0;
    if (i == n) {
      return false;
    }
    for (; i < n; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The value as a finite double, or null when it is not a plain decimal number. */
  static Double parseDouble(java.lang.String value) {
    if (value.isEmpty()) {
      return null;
    }
    char last = value.charAt(value.length() - 1);
    // Double.parseDouble also accepts "NaN", "Infinity", "1d", "0x1p3": those are strings here.
    if (!(Character.isDigit(last) || last == '.')) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 'x' || c == 'X' || c == 'p' || c == 'P') {
        return null;
      }
    }
    try {
      double d = Double.parseDouble(value);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
