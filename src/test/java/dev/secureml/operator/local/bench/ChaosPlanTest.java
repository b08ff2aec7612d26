package dev.secureml.operator.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.local.bench.ChaosPlan.Moment;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a chaos run will do is drawn from its seed: shares, restart moments, replayable. */
class ChaosPlanTest {
  private static ChaosOptions options(int endpoints, int restarts, long seed) {
    return new ChaosOptions(1000, endpoints, 10, 10, 0.2, 0.05, 0.05, seed, restarts, 0, 10, 0.5, 16,
        Duration.ofMinutes(20));
  }

  @Test
  void deletesAFifthAndChangesATenthOfTheEndpointsNeverBoth() {
    ChaosPlan plan = ChaosPlan.draw(options(50, 5, 42));

    assertThat(plan.deletedJobs()).hasSize(200).allMatch(i -> i >= 0 && i < 1000);
    assertThat(plan.deletedEndpoints()).hasSize(10);
    assertThat(plan.updatedEndpoints()).hasSize(5).doesNotContainAnyElementsOf(
        plan.deletedEndpoints());
  }

  @Test
  void restartsInTheMiddleOfCreatesDeletesAndUpdatesFirstThenLater() {
    assertThat(ChaosPlan.draw(options(50, 5, 42)).restarts()).containsExactly(Moment.CREATE,
        Moment.DELETE, Moment.UPDATE, Moment.LATER, Moment.LATER);
    assertThat(ChaosPlan.draw(options(50, 2, 42)).restarts()).containsExactly(Moment.CREATE,
        Moment.DELETE);
    // Without endpoints there is no update to restart in the middle of.
    assertThat(ChaosPlan.draw(options(0, 4, 42)).restarts()).containsExactly(Moment.CREATE,
        Moment.DELETE, Moment.LATER, Moment.LATER);
    assertThat(ChaosPlan.draw(options(50, 5, 42)).laterRestartDelays()).hasSize(2)
        .allMatch(d -> d.compareTo(Duration.ofSeconds(5)) >= 0
            && d.compareTo(Duration.ofSeconds(60)) <= 0);
  }

  @Test
  void theSameSeedDrawsTheSamePlan() {
    assertThat(ChaosPlan.draw(options(50, 5, 7))).isEqualTo(ChaosPlan.draw(options(50, 5, 7)))
        .isNotEqualTo(ChaosPlan.draw(options(50, 5, 8)));
  }
}
