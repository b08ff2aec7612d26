package dev.secureml.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class GoDurationConverterTest {
  private final GoDurationConverter converter = new GoDurationConverter();

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({"10m, PT10M", "90s, PT1M30S", "1h30m, PT1H30M", "1.5h, PT1H30M", "300ms, PT0.3S",
      "2h45m10s, PT2H45M10S", "1m0.5s, PT1M0.5S", ".5s, PT0.5S", "0, PT0S", "1500us, PT0.0015S",
      "7ns, PT0.000000007S"})
  void readsGoDurations(String text, Duration expected) {
    assertThat(converter.convert(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "-5m", "10 m", "1d", "m", "1h-30m", "ten minutes"})
  void refusesAnythingElse(String text) {
    assertThatThrownBy(() -> converter.convert(text))
        .isInstanceOf(TypeConversionException.class).hasMessageContaining("is not a duration");
  }
}
