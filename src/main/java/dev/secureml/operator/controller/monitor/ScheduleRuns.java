package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.dataquality.ExecutionReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.model.ExecutionStatus;
import software.amazon.awssdk.services.sagemaker.model.MonitoringExecutionSummary;

/**
 * Which of a schedule's recent runs a pass records, and when it looks again: (the executions
 * ListMonitoringExecutions gave, the run recorded last, the schedule, now) -> runs and a wait.
 * No I/O: a completed run's reports are read by the caller.
 */
final class ScheduleRuns {
  // EnumSets: a summary may come without a status, and they answer false for null.
  private static final Set<ExecutionStatus> FINISHED = EnumSet.of(ExecutionStatus.COMPLETED,
      ExecutionStatus.COMPLETED_WITH_VIOLATIONS, ExecutionStatus.FAILED, ExecutionStatus.STOPPED);
  private static final Set<ExecutionStatus> RUNNING = EnumSet.of(ExecutionStatus.PENDING,
      ExecutionStatus.IN_PROGRESS, ExecutionStatus.STOPPING);

  /** A finished run to record. */
  sealed interface Run {}

  /** A run that failed or was stopped: recorded as it is, without reports. */
  record FailedRun(ExecutionReport report) implements Run {}

  /**
   * A completed run: its reports are in the output of its processing job.
   *
   * @param windowStart Model Monitor analyzes the data captured since the previous fire time
   */
  record CompletedRun(Instant scheduledTime, Instant windowStart, String processingJobArn)
      implements Run {
    String processingJobName() {
      return processingJobArn.substring(processingJobArn.lastIndexOf('/') + 1);
    }
  }

  /**
   * @param runs every finished run newer than the one recorded, oldest first: after an outage
   *     none is skipped
   * @param nextFire the schedule's next fire time
   * @param lookAgainIn soon while a run is in flight or the schedule is changing, else at the
   *     next fire time, within the polling bounds
   */
  record Outcome(List<Run> runs, Instant nextFire, Duration lookAgainIn) {
    Outcome {
      runs = List.copyOf(runs);
    }
  }

  private ScheduleRuns() {}

  /**
   * @param settled whether the schedule is in line with the spec ({@link ScheduleAction.Settle})
   */
  static Outcome decide(List<MonitoringExecutionSummary> recent, Optional<Instant> lastRecorded,
      MonitorSchedule schedule, boolean settled, Instant now, Duration minPoll,
      Duration maxPoll) {
    List<Run> runs = recent.stream()
        .filter(e -> FINISHED.contains(e.monitoringExecutionStatus()))
        .filter(e -> e.scheduledTime() != null)
        .filter(e -> lastRecorded.map(last -> e.scheduledTime().isAfter(last)).orElse(true))
        .sorted(Comparator.comparing(MonitoringExecutionSummary::scheduledTime))
        .map(e -> run(e, schedule))
        .toList();
    boolean running = recent.stream()
        .anyMatch(e -> RUNNING.contains(e.monitoringExecutionStatus()));
    Instant nextFire = schedule.next(now);
    Duration untilNext = Duration.between(now, nextFire);
    Duration wait = running || !settled ? minPoll
        : untilNext.compareTo(maxPoll) < 0 ? max(untilNext, minPoll) : maxPoll;
    return new Outcome(runs, nextFire, wait);
  }

  private static Run run(MonitoringExecutionSummary e, MonitorSchedule schedule) {
    Instant scheduled = e.scheduledTime();
    Instant windowStart = schedule.previous(scheduled.minusNanos(1));
    String status = e.monitoringExecutionStatusAsString();
    if (!status.startsWith(ExecutionStatus.COMPLETED.toString())) {
      return new FailedRun(ExecutionReport.failed(scheduled, windowStart, scheduled,
          e.failureReason() != null ? e.failureReason() : "execution " + status,
          e.processingJobArn(), 0));
    }
    return new CompletedRun(scheduled, windowStart, e.processingJobArn());
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
