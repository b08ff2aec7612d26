package dev.secureml.operator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleExpressionTest {

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "cron(0 * ? * * *); 1; 0",
      "cron(0 7 ? * * *); 24; 7",
      "cron(0 5/12 ? * * *); 12; 5",
      "cron(0 */6 ? * * *); 6; 0",
      "cron(0 0/24 ? * * *); 24; 0"})
  void readsThePeriodOfEachSupportedForm(String text, int everyHours, int startHour) {
    ScheduleExpression expression = ScheduleExpression.parse(text);
    assertThat(expression.everyHours()).isEqualTo(everyHours);
    assertThat(expression.startHour()).isEqualTo(startHour);
    assertThat(expression.periodSeconds()).isEqualTo(everyHours * 3600.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "rate(1 hour)", "cron(0 * * * * *)", "cron(15 * ? * * *)",
      "cron(0 25 ? * * *)", "cron(0 3/0 ? * * *)", "cron(0 */30 ? * * *)", "cron(0 * ? * MON *)"})
  void refusesEveryOtherExpression(String text) {
    assertThatThrownBy(() -> ScheduleExpression.parse(text))
        .isInstanceOf(AwsServiceException.class)
        .hasMessageStartingWith("Invalid ScheduleExpression '" + text + "'.");
  }
}
