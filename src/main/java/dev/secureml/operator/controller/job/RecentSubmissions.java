package dev.secureml.operator.controller.job;

import dev.secureml.operator.controller.PerResourceState;
import dev.secureml.operator.controller.ResourceMemory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Jobs this operator submitted whose status write it has not read back yet. A pass that reads
 * the resource from before that write (a queued event served from a cache that lags the write)
 * waits a moment for it instead of asking SageMaker to create the job a second time. Past
 * {@link #PATIENCE} the write is taken as lost and the pass goes on: Create is refused as
 * "already exists" and the job is adopted by its ownership tags.
 */
final class RecentSubmissions {
  static final Duration PATIENCE = Duration.ofSeconds(30);
  static final Duration RECHECK = Duration.ofSeconds(1);

  private final ResourceMemory<Instant> submittedAt;
  private final Clock clock;

  RecentSubmissions(PerResourceState state, Clock clock) {
    this.submittedAt = state.memory();
    this.clock = clock;
  }

  /** When to look again if this resource's own submission has not been read back yet. */
  Optional<Duration> waitFor(String uid) {
    return submittedAt.get(uid).filter(t -> clock.instant().isBefore(t.plus(PATIENCE)))
        .map(t -> RECHECK);
  }

  void submitted(String uid) {
    submittedAt.put(uid, clock.instant());
  }

  /** The status names the job: the write arrived. */
  void readBack(String uid) {
    submittedAt.forget(uid);
  }
}
