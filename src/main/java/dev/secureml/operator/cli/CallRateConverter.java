package dev.secureml.operator.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a calls-per-second rate: finite, above zero and at most {@link #MAX}. Infinity would
 * leave the call budget without a limit, and no AWS quota comes near the maximum.
 */
public class CallRateConverter implements ITypeConverter<Double> {
  static final double MAX = 10_000;

  @Override
  public Double convert(String value) {
    double rate;
    try {
      rate = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a number of calls per second");
    }
    if (!Double.isFinite(rate) || rate <= 0 || rate > MAX) {
      throw new TypeConversionException("'" + value + "' is not a rate above 0 and at most "
          + (long) MAX + " calls per second");
    }
    return rate;
  }
}
