package dev.secureml.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
  @ParameterizedTest
  @CsvSource({"90s,90", "30m,1800", "2h,7200", "1h30m,5400", "24h,86400", "1h0m5s,3605"})
  void readsGoDurations(String text, long seconds) {
    assertThat(Durations.toSeconds(text)).isEqualTo(seconds);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2", "1d", "-1h", "1.5h", "h", "2 h"})
  void rejectsWhatCelDurationWouldNotRead(String text) {
    assertThatThrownBy(() -> Durations.toSeconds(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a duration");
  }

  @ParameterizedTest
  @CsvSource({"5400,1h30m", "60,1m", "7,7s", "0,0s", "86400,24h"})
  void formatsTheShortestText(long seconds, String text) {
    assertThat(Durations.format(seconds)).isEqualTo(text);
  }
}
