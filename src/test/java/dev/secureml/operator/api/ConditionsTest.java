package dev.secureml.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
  private final Instant t1 = Instant.parse("2026-01-01T00:05:00Z");

  @Test
  void keepsTransitionTimeWhileTheStatusStaysTheSame() {
    List<Condition> list = new ArrayList<>();
    Conditions.set(list, "Ready", false, "Training", "training", 1L, t0);
    Conditions.set(list, "Ready", false, "Uploading", "uploading", 1L, t1);
    assertThat(list).singleElement().satisfies(c -> {
      assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
      assertThat(c.getReason()).isEqualTo("Uploading");
    });
  }

  @Test
  void movesTransitionTimeWhenTheStatusFlips() {
    List<Condition> list = new ArrayList<>();
    Conditions.set(list, "Ready", false, "Training", "training", 1L, t0);
    Conditions.set(list, "Ready", true, "Completed", "done", 1L, t1);
    assertThat(list).singleElement().satisfies(c -> {
      assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T00:05:00Z");
      assertThat(c.getStatus()).isEqualTo("True");
    });
  }
}
