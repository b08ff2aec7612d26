package dev.secureml.operator.sagemaker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every AWS gateway does around a call: take a rate-limit token for the operation, make
 * the call, count and time it, and turn any failure into a classified
 * {@link SageMakerCallException}. When the caller's turn is too far off, the call is not made
 * and {@link RateLimitedException} says when the turn comes. S3 calls take no token (see
 * {@link #s3}).
 *
 * <p>Metrics, for a metric prefix {@code p} such as {@code secureml.sagemaker}: {@code
 * p.calls{operation,outcome}} with outcome success, throttled, not_found or error; {@code
 * p.call.duration{operation}} (the AWS call including SDK retries, not the wait for a token);
 * {@code p.throttles{operation}} (calls still throttled after SDK retries); {@code
 * p.deferred{operation}} (calls put off by the rate limiter, not made); {@code
 * p.tickets.lapsed{operation}} (turns given by the rate limiter that passed unused).
 */
public final class MeteredCalls {
  private final String service;
  private final String metricPrefix;
  private final RateLimiter limiter;
  private final MeterRegistry registry;

  /**
   * @param service the AWS service as named in error messages and metric descriptions
   * @param metricPrefix e.g. {@code secureml.sagemaker}
   * @param limiter the operator's rate limit for the service; null for none
   */
  public MeteredCalls(String service, String metricPrefix, RateLimiter limiter,
      MeterRegistry registry) {
    this.service = service;
    this.metricPrefix = metricPrefix;
    this.limiter = limiter;
    this.registry = registry;
  }

  /** SageMaker calls, metered as {@code secureml.sagemaker.*}. */
  public static MeteredCalls sageMaker(RateLimiter limiter, MeterRegistry registry) {
    return new MeteredCalls(SageMakerCallException.SAGEMAKER, "secureml.sagemaker", limiter,
        registry);
  }

  /**
   * S3 calls, metered as {@code secureml.s3.*}. They take no token: S3 serves thousands of
   * requests per second per prefix, far above what monitors ask, and the SDK's retries back off
   * on its SlowDown answers.
   */
  public static MeteredCalls s3(MeterRegistry registry) {
    return new MeteredCalls(S3ObjectStore.SERVICE, "secureml.s3", null, registry);
  }

  /** Makes the call; any failure is thrown as a classified SageMakerCallException. */
  public <T> T call(String operation, Supplier<T> action) {
    if (limiter != null) {
      acquire(operation);
    }
    Timer.Sample sample = Timer.start(registry);
    try {
      T result = action.get();
      count(operation, "success");
      return result;
    } catch (RuntimeException e) {
      SageMakerCallException failure = SageMakerCallException.from(service, operation, e);
      count(operation, outcome(failure.kind()));
      if (failure.kind() == ErrorKind.THROTTLED) {
        Counter.builder(metricPrefix + ".throttles")
            .description(service + " calls that still failed with throttling after SDK retries")
            .tag("operation", operation)
            .register(registry)
            .increment();
      }
      throw failure;
    } finally {
      sample.stop(Timer.builder(metricPrefix + ".call.duration")
          .description("Duration of " + service + " calls, SDK retries included")
          .tag("operation", operation)
          .register(registry));
    }
  }

  /** Like {@link #call}, but a NOT_FOUND answer is an empty result instead of a failure. */
  public <T> Optional<T> find(String operation, Supplier<T> action) {
    try {
      return Optional.of(call(operation, action));
    } catch (SageMakerCallException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * For deletes: makes the call and returns normally when the resource is already gone, since
   * the goal "it does not exist" is then met.
   */
  public void absentOk(String operation, Runnable action) {
    find(operation, () -> {
      action.run();
      return Boolean.TRUE;
    });
  }

  /**
   * {@link #absentOk}, and a ResourceInUse answer is RETRYABLE: to a delete it means "in use"
   * (by an endpoint, a schedule), not "already exists" as the classifier reads it for creates,
   * and the user goes away in time.
   */
  public void delete(String operation, Runnable action) {
    try {
      absentOk(operation, action);
    } catch (SageMakerCallException e) {
      if (e.kind() == ErrorKind.ALREADY_EXISTS) {
        throw e.withKind(ErrorKind.RETRYABLE);
      }
      throw e;
    }
  }

  /** Takes the operation's token, or counts the deferral and says when the turn comes. */
  private void acquire(String operation) {
    try {
      limiter.acquire(operation);
    } catch (RateLimitedException e) {
      Counter.builder(metricPrefix + ".deferred")
          .description(service + " calls put off by the operator's rate limiter (not made)")
          .tag("operation", operation)
          .register(registry)
          .increment();
      // Registered with the first deferral: no ticket can lapse before one is given.
      FunctionCounter.builder(metricPrefix + ".tickets.lapsed", limiter,
              l -> l.lapsedTickets(operation))
          .description(service + " turns given by the operator's rate limiter that passed unused"
              + " (the caller came back late, or never)")
          .tag("operation", operation)
          .register(registry);
      throw e.forService(service);
    }
  }

  private void count(String operation, String outcome) {
    Counter.builder(metricPrefix + ".calls")
        .description(service + " calls by operation and outcome")
        .tag("operation", operation)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  private static String outcome(ErrorKind kind) {
    return switch (kind) {
      case THROTTLED -> "throttled";
      case NOT_FOUND -> "not_found";
      default -> "error";
    };
  }
}
