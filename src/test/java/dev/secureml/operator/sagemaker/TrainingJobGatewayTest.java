package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/**
 * The gateway through the real SageMakerClient over HTTP against canned JSON 1.1 answers: proves
 * error classification, retries and metrics on the wire, not on hand-built exceptions.
 */
class TrainingJobGatewayTest {
  private static final int MAX_ATTEMPTS = 3;
  private static final String JOB = "fraud-models-bank-failure-xgb-4c0fcc";
  private static final String ARN =
      "arn:aws:sagemaker:us-east-1:111122223333:training-job/" + JOB;

  private FakeJsonServer server;
  private SageMakerClient client;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  // A frozen clock: every token taken stays taken, so the test can see each acquire.
  private final RateLimiter limiter = new RateLimiter(1, 100, new AtomicLong()::get, n -> { });
  private TrainingJobGateway gateway;

  @BeforeEach
  void start() throws Exception {
    server = new FakeJsonServer();
    client = server.clients(MAX_ATTEMPTS).sageMaker();
    gateway = new TrainingJobGateway(client, limiter, registry);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void createSendsExactlyTheGoldenRequestAndReturnsTheArn() throws Exception {
    server.reply("CreateTrainingJob", 200, "{\"TrainingJobArn\":\"" + ARN + "\"}");
    CreateTrainingJobRequest request = TrainingJobRequestMapperTest.requestFor("basic");

    assertThat(gateway.create(request)).isEqualTo(ARN);

    FakeJsonServer.Request sent = server.requests("CreateTrainingJob").get(0);
    assertThat(sent.contentType()).isEqualTo("application/x-amz-json-1.1");
    assertThat(Golden.JSON.readTree(sent.body())).isEqualTo(Golden.readJson(
        Golden.ROOT.resolve("create-training-job/basic/request.json")));
    assertThat(calls("CreateTrainingJob", "success")).isEqualTo(1);
    assertThat(registry.timer("secureml.sagemaker.call.duration",
        "operation", "CreateTrainingJob").count()).isEqualTo(1);
  }

  @Test
  void duplicateNameIsAlreadyExistsAndNotRetried() {
    server.error("CreateTrainingJob", 400, "ResourceInUse", "Training job names must be unique "
        + "within an AWS account and region, and a training job with this name already exists ("
        + ARN + ")");

    assertThatThrownBy(() -> gateway.create(CreateTrainingJobRequest.builder()
        .trainingJobName(JOB).build()))
        .isInstanceOfSatisfying(SageMakerCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS);
          assertThat(e.errorCode()).isEqualTo("ResourceInUse");
          assertThat(e.operation()).isEqualTo("CreateTrainingJob");
          assertThat(e.requestId()).startsWith("req-");
          assertThat(e.getMessage()).isEqualTo("SageMaker CreateTrainingJob failed "
              + "(ResourceInUse): Training job names must be unique within an AWS account and "
              + "region, and a training job with this name already exists (" + ARN + ")");
        });
    assertThat(server.requests("CreateTrainingJob")).hasSize(1);
    assertThat(calls("CreateTrainingJob", "error")).isEqualTo(1);
  }

  @Test
  void describeParsesTheWireResponse() throws Exception {
    server.reply("DescribeTrainingJob", 200, Files.readString(
        Golden.ROOT.resolve("describe-training-job/completed/describe.json")));

    DescribeTrainingJobResponse d = gateway.describe(JOB).orElseThrow();

    assertThat(d.trainingJobStatus()).isEqualTo(TrainingJobStatus.COMPLETED);
    assertThat(d.finalMetricDataList()).hasSize(2);
    assertThat(d.trainingStartTime()).hasToString("2025-11-23T12:15:25.512Z");
    assertThat(Golden.JSON.readTree(server.requests("DescribeTrainingJob").get(0).body()))
        .isEqualTo(Golden.JSON.createObjectNode().put("TrainingJobName", JOB));
  }

  @Test
  void describeOfAMissingJobIsEmpty() {
    server.error("DescribeTrainingJob", 400, "ValidationException",
        "Requested resource not found.");

    assertThat(gateway.describe(JOB)).isEqualTo(Optional.empty());
    assertThat(server.requests("DescribeTrainingJob")).hasSize(1);
    assertThat(calls("DescribeTrainingJob", "not_found")).isEqualTo(1);
  }

  @Test
  void acceptsTheCapitalisedMessageMemberToo() {
    server.reply("DescribeTrainingJob", 400,
        "{\"__type\":\"ValidationException\",\"Message\":\"Requested resource not found.\"}");
    assertThat(gateway.describe(JOB)).isEmpty();
  }

  @Test
  void throttlingIsRetriedByTheSdkThenReportedAsThrottled() {
    server.error("DescribeTrainingJob", 400, "ThrottlingException", "Rate exceeded");

    assertThatThrownBy(() -> gateway.describe(JOB))
        .isInstanceOfSatisfying(SageMakerCallException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.THROTTLED));
    assertThat(server.requests("DescribeTrainingJob")).hasSize(MAX_ATTEMPTS);
    assertThat(calls("DescribeTrainingJob", "throttled")).isEqualTo(1);
    assertThat(registry.counter("secureml.sagemaker.throttles",
        "operation", "DescribeTrainingJob").count()).isEqualTo(1);
  }

  @Test
  void aServerFaultIsRetriedAndCanRecover() {
    server.error("DescribeTrainingJob", 500, "InternalFailure", "An internal error occurred.")
        .reply("DescribeTrainingJob", 200,
            "{\"TrainingJobName\":\"" + JOB + "\",\"TrainingJobStatus\":\"InProgress\"}");

    assertThat(gateway.describe(JOB)).isPresent();
    assertThat(server.requests("DescribeTrainingJob")).hasSize(2);
    assertThat(calls("DescribeTrainingJob", "success")).isEqualTo(1);
  }

  @Test
  void aPersistentServerFaultIsRetryable() {
    server.error("DescribeTrainingJob", 503, "ServiceUnavailable", "Service Unavailable");

    assertThatThrownBy(() -> gateway.describe(JOB))
        .isInstanceOfSatisfying(SageMakerCallException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.RETRYABLE));
    assertThat(server.requests("DescribeTrainingJob")).hasSize(MAX_ATTEMPTS);
  }

  @Test
  void aRefusedConnectionIsRetryable() throws Exception {
    FakeJsonServer closed = new FakeJsonServer();
    closed.close();
    AwsSettings settings = new AwsSettings("us-east-1", closed.endpoint(), 1, 100, 100);
    try (SageMakerClient unreachable = new AwsClientFactory(settings).sageMaker()) {
      TrainingJobGateway offline = new TrainingJobGateway(unreachable, limiter, registry);

      assertThatThrownBy(() -> offline.describe(JOB))
          .isInstanceOfSatisfying(SageMakerCallException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.RETRYABLE);
            assertThat(e.errorCode()).isEqualTo("SdkClientException");
          });
    }
  }

  @Test
  void stopSendsTheName() throws Exception {
    server.reply("StopTrainingJob", 200, "{}");

    gateway.stop(JOB);

    assertThat(Golden.JSON.readTree(server.requests("StopTrainingJob").get(0).body()))
        .isEqualTo(Golden.JSON.createObjectNode().put("TrainingJobName", JOB));
  }

  @Test
  void stoppingAMissingJobIsNotAnError() {
    server.error("StopTrainingJob", 400, "ValidationException", "Requested resource not found.");

    gateway.stop(JOB);

    assertThat(calls("StopTrainingJob", "not_found")).isEqualTo(1);
  }

  @Test
  void stoppingAFinishedJobIsNotAnError() {
    server.error("StopTrainingJob", 400, "ValidationException",
        "The request was rejected because the training job is in status Completed.");
    server.reply("DescribeTrainingJob", 200,
        "{\"TrainingJobName\":\"" + JOB + "\",\"TrainingJobStatus\":\"Completed\"}");

    gateway.stop(JOB);

    assertThat(server.requests("DescribeTrainingJob")).hasSize(1);
  }

  @Test
  void aValidationErrorStoppingARunningJobIsReported() {
    server.error("StopTrainingJob", 400, "ValidationException", "Something else is wrong.");
    server.reply("DescribeTrainingJob", 200,
        "{\"TrainingJobName\":\"" + JOB + "\",\"TrainingJobStatus\":\"InProgress\"}");

    assertThatThrownBy(() -> gateway.stop(JOB))
        .isInstanceOfSatisfying(SageMakerCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
          assertThat(e.operation()).isEqualTo("StopTrainingJob");
        });
  }

  @Test
  void stopDoesNotSwallowAccessDenied() {
    server.error("StopTrainingJob", 400, "AccessDeniedException", "not authorized");

    assertThatThrownBy(() -> gateway.stop(JOB))
        .isInstanceOfSatisfying(SageMakerCallException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL));
    assertThat(server.requests("DescribeTrainingJob")).isEmpty();
  }

  @Test
  void tagsFollowsEveryPage() throws Exception {
    server.reply("ListTags", 200, "{\"Tags\":[{\"Key\":\"secureml.dev/uid\",\"Value\":\"u-1\"}],"
        + "\"NextToken\":\"page-2\"}");
    server.reply("ListTags", 200, "{\"Tags\":[{\"Key\":\"cost-center\",\"Value\":\"CC-1234\"}]}");

    Map<String, String> tags = gateway.tags(ARN);

    assertThat(tags).containsExactly(Map.entry("secureml.dev/uid", "u-1"),
        Map.entry("cost-center", "CC-1234"));
    assertThat(server.requests("ListTags")).hasSize(2);
    assertThat(Golden.JSON.readTree(server.requests("ListTags").get(1).body()))
        .isEqualTo(Golden.JSON.createObjectNode().put("ResourceArn", ARN)
            .put("NextToken", "page-2"));
    assertThat(calls("ListTags", "success")).isEqualTo(2);
  }

  @Test
  void everyCallTakesARateLimitTokenFirst() {
    RateLimiter oneToken = new RateLimiter(1, 1, new AtomicLong()::get, n -> { });
    TrainingJobGateway limited = new TrainingJobGateway(client, oneToken, registry);
    server.error("DescribeTrainingJob", 400, "ValidationException",
        "Requested resource not found.");

    limited.describe(JOB);

    assertThat(oneToken.tryAcquire("DescribeTrainingJob")).isFalse();
    assertThat(oneToken.tryAcquire("StopTrainingJob")).isTrue();
  }

  @Test
  void aCallWhoseTurnIsFarOffIsNotMadeAndIsCountedAsDeferred() {
    // One token a second, the clock frozen: the first call takes it, the second waits one
    // second for the next, and the third would wait two.
    RateLimiter oneToken = new RateLimiter(1, 1, new AtomicLong()::get, n -> { });
    TrainingJobGateway limited = new TrainingJobGateway(client, oneToken, registry);
    server.error("DescribeTrainingJob", 400, "ValidationException",
        "Requested resource not found.");
    limited.describe(JOB);
    limited.describe(JOB);

    assertThatThrownBy(() -> limited.describe(JOB))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
          assertThat(e.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(2));
        });
    assertThat(server.requests("DescribeTrainingJob")).hasSize(2);
    assertThat(registry.counter("secureml.sagemaker.deferred",
        "operation", "DescribeTrainingJob").count()).isEqualTo(1);
    assertThat(calls("DescribeTrainingJob", "error")).isZero();
  }

  @Test
  void aTurnThatPassesUnusedIsCountedAsLapsed() {
    AtomicLong clock = new AtomicLong();
    RateLimiter never = new RateLimiter(1, 1, java.time.Duration.ZERO, clock::get, n -> { });
    TrainingJobGateway limited = new TrainingJobGateway(client, never, registry);
    server.error("DescribeTrainingJob", 400, "ValidationException",
        "Requested resource not found.");
    limited.describe(JOB);
    try (CallerScope scope = CallerScope.open("uid-late")) {
      assertThatThrownBy(() -> limited.describe(JOB)).isInstanceOf(RateLimitedException.class);
    }

    clock.addAndGet(1_500_000_000L); // half a second past its turn, and it never came

    assertThat(registry.get("secureml.sagemaker.tickets.lapsed")
        .tag("operation", "DescribeTrainingJob").functionCounter().count()).isEqualTo(1);
  }

  private double calls(String operation, String outcome) {
    return registry.counter("secureml.sagemaker.calls",
        "operation", operation, "outcome", outcome).count();
  }
}
