package dev.secureml.operator.logs;

import dev.secureml.operator.logs.ForwardSchedule.Work;
import dev.secureml.operator.sagemaker.AwsErrorClassifier;
import dev.secureml.operator.sagemaker.ErrorKind;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the forwarder does around each CloudWatch Logs call: mark it returned in its budget,
 * count it, and sort a failure into throttled (pause the whole budget), not found (no logs
 * yet) or an error to retry later.
 */
final class MeteredLogCalls {
  private static final Logger LOG = LoggerFactory.getLogger(MeteredLogCalls.class);
  private final Clock clock;
  private final ForwarderMetrics metrics;

  MeteredLogCalls(Clock clock, ForwarderMetrics metrics) {
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Makes the work's call; a failure is counted and classified before it is rethrown. */
  <T> T call(Work work, CallBudget budget, Supplier<T> call) {
    T result;
    try {
      result = call.get();
    } finally {
      work.callDone(clock.millis());
    }
    budget.succeeded();
    metrics.call(budget.operation(), ForwarderMetrics.SUCCESS);
    return result;
  }

  /** Counts a failed call; throttling pauses the whole budget. */
  ErrorKind failed(CallBudget budget, LogSourceKey key, RuntimeException e) {
    ErrorKind kind = AwsErrorClassifier.classify(e);
    String operation = budget.operation();
    switch (kind) {
      case THROTTLED -> {
        budget.throttled(clock.millis());
        metrics.call(operation, ForwarderMetrics.THROTTLED);
      }
      case NOT_FOUND -> metrics.call(operation, ForwarderMetrics.NOT_FOUND);
      default -> {
        metrics.call(operation, ForwarderMetrics.ERROR);
        LOG.warn("{} for {} failed; retrying later: {}", operation, key, e.toString());
      }
    }
    return kind;
  }
}
