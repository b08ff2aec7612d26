package dev.secureml.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.metrics.ResourcePhaseMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Everything a controller remembers about a resource goes when the resource goes. */
class PerResourceStateTest {

  @Test
  void forgettingAResourceEmptiesEveryMemoryItsStepsAskedFor() {
    var state = new PerResourceState(new PollingSchedule(Duration.ofSeconds(1),
        Duration.ofSeconds(60)), new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60)),
        new ResourcePhaseMetrics(new SimpleMeterRegistry(), "ModelEndpoint"));
    ResourceMemory<String> warnings = state.memory();
    ResourceMemory<Integer> counts = state.memory();
    warnings.put("a", "held variant blue");
    warnings.put("b", "held variant green");
    counts.compute("a", (uid, n) -> n == null ? 1 : n + 1);
    state.backoff().next("a");

    state.forget("a");

    assertThat(warnings.get("a")).isEmpty();
    assertThat(counts.get("a")).isEmpty();
    assertThat(state.backoff().attempts("a")).isZero();
    assertThat(warnings.get("b")).contains("held variant green");
    state.forget("b");
    assertThat(state.remembered()).isZero();
  }
}
