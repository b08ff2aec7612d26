package dev.secureml.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallBudgetTest {
  @Test
  void allowsTheRateInAnyWindowAndNoMore() {
    CallBudget budget = new CallBudget("GetLogEvents", 3);
    for (int i = 0; i < 3; i++) {
      budget.tryTake(0).done(0);
    }
    assertThat(budget.tryTake(1000)).isNull();
    assertThat(budget.waitMillis(1000)).isEqualTo(1);
    assertThat(budget.tryTake(1001)).isNotNull();
  }

  @Test
  void aCallHoldsItsPlaceUntilItReturns() {
    CallBudget budget = new CallBudget("GetLogEvents", 1);
    CallBudget.Ticket slow = budget.tryTake(0);
    assertThat(budget.tryTake(5_000)).as("still in flight").isNull();
    slow.done(5_000); // AWS may have counted it as late as the end of this millisecond
    assertThat(budget.tryTake(6_000)).isNull();
    assertThat(budget.tryTake(6_001)).isNotNull();
  }

  @Test
  void aCallThatArrivedLateInItsMillisecondIsNotFollowedBeforeAFullWindow() {
    // Arrived at 0.9 ms and returned at 0.95 ms: the truncating clock says 0 for both. A call
    // sent at 1000 ms could arrive at 1000.1 ms, less than a second later: one too many.
    CallBudget budget = new CallBudget("GetLogEvents", 1);
    budget.tryTake(0).done(0);
    assertThat(budget.tryTake(1_000)).isNull();
    assertThat(budget.tryTake(1_001)).isNotNull();
  }

  @Test
  void throttlingPausesTheBudgetLongerEachTimeUntilACallSucceeds() {
    CallBudget budget = new CallBudget("GetLogEvents", 10);
    budget.throttled(0);
    assertThat(budget.waitMillis(0)).isEqualTo(1_000);
    budget.throttled(1_000);
    assertThat(budget.waitMillis(1_000)).isEqualTo(2_000);
    budget.succeeded();
    budget.throttled(10_000);
    assertThat(budget.waitMillis(10_000)).isEqualTo(1_000);
  }

  @Test
  void fractionalRatesSpreadWholeCallsOverALongerWindow() {
    CallBudget budget = new CallBudget("DescribeLogStreams", 0.5);
    budget.tryTake(0).done(0);
    assertThat(budget.waitMillis(1)).isEqualTo(2_000);
  }
}
