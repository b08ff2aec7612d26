package dev.secureml.operator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.local.emulator.CallCounter.OperationCalls;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallCounterTest {
  private final CallCounter counter = new CallCounter();

  @Test
  void splitsOutcomesAndFindsTheBusiestSecond() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 3; i++) {
      counter.count(entry(t.plusMillis(100 * i), 200, null));
    }
    counter.count(entry(t.plusSeconds(1), 200, null));
    counter.count(entry(t.plusSeconds(1), 400, "ThrottlingException"));
    counter.count(entry(t.plusSeconds(2), 503, "ServiceUnavailable"));
    counter.count(entry(t.plusSeconds(2), 400, "ValidationException"));

    OperationCalls calls = counter.snapshot().get(0);
    assertThat(calls).isEqualTo(new OperationCalls("SageMaker.DescribeTrainingJob", 4, 1, 1, 1,
        3, 3));
  }

  @Test
  void forgetsSecondsOlderThanItsRingButKeepsTotals() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 5; i++) {
      counter.count(entry(t, 200, null));
    }
    counter.count(entry(t.plusSeconds(CallCounter.SECONDS_KEPT), 200, null));

    OperationCalls calls = counter.snapshot().get(0);
    assertThat(calls.accepted()).isEqualTo(6);
    assertThat(calls.busiestSecond()).isEqualTo(1);
  }

  private static JournalEntry entry(Instant at, int status, String error) {
    return new JournalEntry(at, "SageMaker", "DescribeTrainingJob", null, status, error);
  }
}
