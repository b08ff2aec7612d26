package dev.secureml.operator.controller.logs;

import dev.secureml.operator.api.LogForwarding;
import dev.secureml.operator.api.LogStatus;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.PerResourceState;
import dev.secureml.operator.controller.ResourceMemory;
import dev.secureml.operator.logs.LogEventFilter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When a training job fails, writes one Event with the last log lines before the failure, once
 * the forwarder has read its streams to the end (the last lines are the ones that explain it).
 */
public final class FailureLogReporter {
  static final int LINES = 15;
  private static final Duration RECHECK = Duration.ofSeconds(2);
  private static final int MAX_CHECKS = 30;
  private static final Duration REPORT_WINDOW = Duration.ofMinutes(10);

  private final LogTracking tracking;
  private final EventRecorder events;
  /** Jobs whose failure was reported (or ended too long ago to report). */
  private final ResourceMemory<Boolean> reported;
  /** How often a job's last lines were looked for while they were still on their way. */
  private final ResourceMemory<Integer> checks;

  /** Remembers per job in {@code state}, so a deleted job is forgotten with the rest. */
  public FailureLogReporter(LogTracking tracking, EventRecorder events, PerResourceState state) {
    this.tracking = tracking;
    this.events = events;
    this.reported = state.memory();
    this.checks = state.memory();
  }

  /** Returns when to look again while the last lines are still on their way, else null. */
  public Duration report(SecureTrainingJob job) {
    String uid = job.getMetadata().getUid();
    boolean forwarding =
        LogForwarding.enabled(job.getSpec() == null ? null : job.getSpec().logs);
    if (!forwarding || reported.get(uid).isPresent()) {
      return null;
    }
    if (endedLongAgo(job)) {
      reported.put(uid, true); // reported before an operator restart; do not repeat it
      return null;
    }
    Optional<LogStatus> logs = tracking.snapshot(job);
    if (logs.isEmpty()) {
      return null; // forwarding is off for this operator: no lines to report
    }
    boolean drained = logs.map(FailureLogReporter::allStreamsFinished).orElse(false);
    int attempt = checks.compute(uid, (k, n) -> n == null ? 1 : n + 1);
    if (!drained && attempt < MAX_CHECKS) {
      return RECHECK;
    }
    reported.put(uid, true);
    checks.forget(uid);
    String summary = logs.map(s -> LogEventFilter.failureSummary(s, LINES)).orElse("");
    if (!summary.isBlank()) {
      events.warning(job, Reason.FAILURE_LOGS, "last log lines before the failure:\n" + summary);
    }
    return null;
  }


  /** The Event belongs to the failure: a job that failed long ago was reported back then. */
  private static boolean endedLongAgo(SecureTrainingJob job) {
    String end = job.getStatus() == null ? null : job.getStatus().trainingEndTime;
    try {
      return end != null && Instant.parse(end).isBefore(Instant.now().minus(REPORT_WINDOW));
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean allStreamsFinished(LogStatus s) {
    return !s.streams.isEmpty() && s.streams.stream()
        .allMatch(c -> Boolean.TRUE.equals(c.finished));
  }
}
