package dev.secureml.operator.sagemaker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;

/**
 * The training-job calls the controller needs, each rate-limited, measured, and failing only
 * with a classified {@link SageMakerCallException}.
 *
 * <p>Metrics: {@code secureml.sagemaker.calls{operation,outcome}} with outcome success,
 * throttled, not_found or error; {@code secureml.sagemaker.call.duration{operation}} (the AWS
 * call including SDK retries, not the wait for a token); {@code
 * secureml.sagemaker.throttles{operation}}.
 */
public final class TrainingJobGateway {
  static final String CREATE = "CreateTrainingJob";
  static final String DESCRIBE = "DescribeTrainingJob";
  static final String STOP = "StopTrainingJob";
  static final String LIST_TAGS = "ListTags";

  private final SageMakerClient client;
  private final RateLimiter limiter;
  private final MeterRegistry registry;

  public TrainingJobGateway(SageMakerClient client, RateLimiter limiter, MeterRegistry registry) {
    this.client = client;
    this.limiter = limiter;
    this.registry = registry;
  }

  /**
   * Creates the job and returns its ARN.
   *
   * @throws SageMakerCallException kind ALREADY_EXISTS when the name is taken; the caller then
   *     checks the ownership tags before adopting the job
   */
  public String create(CreateTrainingJobRequest request) {
    return call(CREATE, () -> client.createTrainingJob(request)).trainingJobArn();
  }

  /** The job as SageMaker sees it, or empty when there is no job of that name. */
  public Optional<DescribeTrainingJobResponse> describe(String name) {
    try {
      return Optional.of(
          call(DESCRIBE, () -> client.describeTrainingJob(r -> r.trainingJobName(name))));
    } catch (SageMakerCallException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Asks SageMaker to stop the job. Returns normally when the job is gone or no longer running,
   * since the goal "not running" is then already met.
   *
   * <p>Stopping a finished job is a ValidationException whose message names the job's status.
   * Rather than parse that message, any ValidationException is followed by a Describe: if the
   * job is not InProgress the stop was moot; if it is, the error is real and is thrown. The
   * StopTrainingJob call itself is still counted with outcome error.
   */
  public void stop(String name) {
    try {
      call(STOP, () -> client.stopTrainingJob(r -> r.trainingJobName(name)));
    } catch (SageMakerCallException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        return;
      }
      if (e.kind() == ErrorKind.TERMINAL && "ValidationException".equals(e.errorCode())) {
        Optional<DescribeTrainingJobResponse> job = describe(name);
        if (job.isEmpty()
            || !TrainingJobStatusMapper.IN_PROGRESS.equals(job.get().trainingJobStatusAsString())) {
          return;
        }
      }
      throw e;
    }
  }

  /** All tags on the resource, following ListTags pages; each page is a rate-limited call. */
  public Map<String, String> tags(String arn) {
    Map<String, String> tags = new LinkedHashMap<>();
    String token = null;
    do {
      String next = token;
      ListTagsResponse page = call(LIST_TAGS,
          () -> client.listTags(r -> r.resourceArn(arn).nextToken(next)));
      page.tags().forEach(t -> tags.put(t.key(), t.value()));
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return tags;
  }

  private <T> T call(String operation, Supplier<T> action) {
    limiter.acquire(operation);
    Timer.Sample sample = Timer.start(registry);
    try {
      T result = action.get();
      count(operation, "success");
      return result;
    } catch (RuntimeException e) {
      SageMakerCallException failure = SageMakerCallException.from(operation, e);
      count(operation, outcome(failure.kind()));
      if (failure.kind() == ErrorKind.THROTTLED) {
        Counter.builder("secureml.sagemaker.throttles")
            .description("SageMaker calls that still failed with throttling after SDK retries")
            .tag("operation", operation)
            .register(registry)
            .increment();
      }
      throw failure;
    } finally {
      sample.stop(Timer.builder("secureml.sagemaker.call.duration")
          .description("Duration of SageMaker calls, SDK retries included")
          .tag("operation", operation)
          .register(registry));
    }
  }

  private void count(String operation, String outcome) {
    Counter.builder("secureml.sagemaker.calls")
        .description("SageMaker calls by operation and outcome")
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
