package dev.secureml.operator.cli;

import dev.secureml.operator.api.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations such as 500ms, 15s, 5m or 1h on the command line. */
public class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      return Duration.ofSeconds(Durations.toSeconds(value));
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("'" + value + "' is not a duration such as 500ms, 15s, "
          + "5m or 1h");
    }
  }
}
