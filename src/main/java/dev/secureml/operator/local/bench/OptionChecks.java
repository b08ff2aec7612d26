package dev.secureml.operator.local.bench;

import java.time.Duration;

/** The checks the bench's options share; each message names the option and the bad value. */
final class OptionChecks {
  private OptionChecks() {}

  static void atLeast(String option, long value, long minimum) {
    if (value < minimum) {
      throw new IllegalArgumentException(option + " must be at least " + minimum + ", not "
          + value);
    }
  }

  /** Positive and finite: NaN and infinity are refused too. */
  static void positive(String option, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(option + " must be a positive number, not " + value);
    }
  }

  /** A fraction of calls or resources, 0 to 1 (NaN refused). */
  static void fraction(String option, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(option + " must be between 0 and 1, not " + value);
    }
  }

  static void atMost(String option, Duration value, Duration maximum) {
    if (value.compareTo(maximum) > 0) {
      throw new IllegalArgumentException(option + " must be at most " + maximum + ", not "
          + value);
    }
  }

  static void positive(String option, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(option + " must be positive, not " + value);
    }
  }
}
