package dev.secureml.operator.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.controller.PerResourceState;
import dev.secureml.operator.controller.PollingSchedule;
import dev.secureml.operator.controller.RetryBackoff;
import dev.secureml.operator.metrics.ResourcePhaseMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A pass that reads a job from before its own submission waits, but never for ever. */
class RecentSubmissionsTest {
  private Instant now = Instant.parse("2026-12-03T12:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  private final PerResourceState state = new PerResourceState(
      new PollingSchedule(Duration.ofSeconds(1), Duration.ofMinutes(5)),
      new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5)),
      new ResourcePhaseMetrics(new SimpleMeterRegistry(), "SecureTrainingJob"));
  private final RecentSubmissions recent = new RecentSubmissions(state, clock);

  @Test
  void aStaleReadRightAfterTheSubmissionWaitsForTheStatusWrite() {
    assertThat(recent.waitFor("uid-1")).isEmpty();
    recent.submitted("uid-1");
    now = now.plusSeconds(5);
    assertThat(recent.waitFor("uid-1")).contains(RecentSubmissions.RECHECK);
    assertThat(recent.waitFor("uid-2")).isEmpty();
  }

  @Test
  void aStatusWriteThatNeverArrivesIsGivenUpOnSoTheJobIsAdoptedInstead() {
    recent.submitted("uid-1");
    now = now.plus(RecentSubmissions.PATIENCE);
    assertThat(recent.waitFor("uid-1")).isEmpty();
  }

  @Test
  void readingTheWriteBackOrDeletingTheResourceForgetsTheSubmission() {
    recent.submitted("uid-1");
    recent.readBack("uid-1");
    assertThat(recent.waitFor("uid-1")).isEmpty();
    recent.submitted("uid-2");
    state.forget("uid-2");
    assertThat(recent.waitFor("uid-2")).isEmpty();
    assertThat(state.remembered()).isZero();
  }
}
