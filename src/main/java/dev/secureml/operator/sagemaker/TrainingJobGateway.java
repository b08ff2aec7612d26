package dev.secureml.operator.sagemaker;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;

/**
 * The training-job calls the controller needs, each rate-limited, measured, and failing only
 * with a classified {@link SageMakerCallException}.
 *
 * <p>Metrics: {@code secureml.sagemaker.calls{operation,outcome}}, {@code
 * secureml.sagemaker.call.duration{operation}} and {@code secureml.sagemaker.throttles{operation}}
 * (see {@link MeteredCalls}).
 */
public final class TrainingJobGateway {
  static final String CREATE = "CreateTrainingJob";
  static final String DESCRIBE = "DescribeTrainingJob";
  static final String STOP = "StopTrainingJob";

  private final SageMakerClient client;
  private final MeteredCalls calls;
  private final SageMakerTagCalls tags;
  private final OwnedResources jobs;

  public TrainingJobGateway(SageMakerClient client, RateLimiter limiter, MeterRegistry registry) {
    this.client = client;
    this.calls = MeteredCalls.sageMaker(limiter, registry);
    this.tags = new SageMakerTagCalls(client, calls);
    // Training jobs are stopped, never deleted (SageMaker has no DeleteTrainingJob).
    this.jobs = new OwnedResources("training job",
        name -> describe(name).map(DescribeTrainingJobResponse::trainingJobArn), this::tags, null);
  }

  /** Training jobs, created and adopted only for their owner. */
  public OwnedResources jobs() {
    return jobs;
  }

  /**
   * Creates the job and returns its ARN.
   *
   * @throws SageMakerCallException kind ALREADY_EXISTS when the name is taken; the caller then
   *     checks the ownership tags before adopting the job
   */
  public String create(CreateTrainingJobRequest request) {
    return calls.call(CREATE, () -> client.createTrainingJob(request)).trainingJobArn();
  }

  /** The job as SageMaker sees it, or empty when there is no job of that name. */
  public Optional<DescribeTrainingJobResponse> describe(String name) {
    return calls.find(DESCRIBE, () -> client.describeTrainingJob(r -> r.trainingJobName(name)));
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
      calls.call(STOP, () -> client.stopTrainingJob(r -> r.trainingJobName(name)));
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
    return tags.list(arn);
  }
}
