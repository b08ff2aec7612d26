package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ExecutionStatus;
import software.amazon.awssdk.services.sagemaker.model.MonitoringExecutionSummary;
import software.amazon.awssdk.services.sagemaker.model.ProcessingJobStatus;
import software.amazon.awssdk.services.sagemaker.model.ScheduleStatus;

/**
 * The Model Monitor calls through the real SageMakerClient over HTTP against canned answers:
 * golden request bodies, not-found and in-use handling, paging and metrics on the wire.
 */
class MonitoringGatewayTest {
  private static final String ARN_PREFIX = "arn:aws:sagemaker:us-east-1:111122223333:";
  private static final String SCHEDULE = "fraud-models-bank-failure-drift-5fcbed";
  private static final String SCHEDULE_ARN = ARN_PREFIX + "monitoring-schedule/" + SCHEDULE;
  private static final String DEFINITION = SCHEDULE + "-f33019";
  private static final String DEFINITION_ARN =
      ARN_PREFIX + "data-quality-job-definition/" + DEFINITION;

  private FakeJsonServer server;
  private SageMakerClient client;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RateLimiter limiter = new RateLimiter(1, 100, new AtomicLong()::get, n -> { });
  private MonitoringGateway gateway;

  @BeforeEach
  void start() throws Exception {
    server = new FakeJsonServer();
    client = server.clients(3).sageMaker();
    gateway = new MonitoringGateway(client, limiter, registry);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void createsTheDefinitionAndScheduleWithExactlyTheGoldenRequests() {
    server.reply("CreateDataQualityJobDefinition", 200,
            "{\"JobDefinitionArn\":\"" + DEFINITION_ARN + "\"}")
        .reply("CreateMonitoringSchedule", 200,
            "{\"MonitoringScheduleArn\":\"" + SCHEDULE_ARN + "\"}");

    assertThat(gateway.createDataQualityJobDefinition(
        MonitoringRequestMapperTest.jobDefinitionFor("basic"))).isEqualTo(DEFINITION_ARN);
    assertThat(gateway.createMonitoringSchedule(MonitoringRequestMapperTest.scheduleFor("basic")))
        .isEqualTo(SCHEDULE_ARN);

    assertThat(server.body("CreateDataQualityJobDefinition", 0))
        .isEqualTo(Golden.readJson(golden("job-definition.json")));
    assertThat(server.body("CreateMonitoringSchedule", 0))
        .isEqualTo(Golden.readJson(golden("schedule.json")));
    assertThat(server.requests("CreateMonitoringSchedule").get(0).target())
        .isEqualTo("SageMaker.CreateMonitoringSchedule");
    assertThat(calls("CreateDataQualityJobDefinition", "success")).isEqualTo(1);
    assertThat(calls("CreateMonitoringSchedule", "success")).isEqualTo(1);
  }

  @Test
  void anExistingNameIsAlreadyExists() {
    server.error("CreateMonitoringSchedule", 400, "ResourceInUse",
        "Monitoring schedule " + SCHEDULE + " already exists");
    server.error("CreateDataQualityJobDefinition", 400, "ResourceInUse",
        "Job definition " + DEFINITION + " already exists");

    assertThatThrownBy(() -> gateway.createMonitoringSchedule(
        MonitoringRequestMapperTest.scheduleFor("basic")))
        .isInstanceOfSatisfying(SageMakerCallException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS));
    assertThatThrownBy(() -> gateway.createDataQualityJobDefinition(
        MonitoringRequestMapperTest.jobDefinitionFor("basic")))
        .isInstanceOfSatisfying(SageMakerCallException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS));
    assertThat(server.requests("CreateMonitoringSchedule")).hasSize(1);
  }

  @Test
  void describeScheduleParsesTheWireResponse() {
    server.reply("DescribeMonitoringSchedule", 200, "{\"MonitoringScheduleArn\":\""
        + SCHEDULE_ARN + "\",\"MonitoringScheduleName\":\"" + SCHEDULE + "\","
        + "\"MonitoringScheduleStatus\":\"Scheduled\",\"MonitoringType\":\"DataQuality\","
        + "\"CreationTime\":1704067200,\"LastModifiedTime\":1704067200,"
        + "\"MonitoringScheduleConfig\":{\"ScheduleConfig\":{\"ScheduleExpression\":"
        + "\"cron(0 * ? * * *)\"},\"MonitoringJobDefinitionName\":\"" + DEFINITION + "\","
        + "\"MonitoringType\":\"DataQuality\"},\"LastMonitoringExecutionSummary\":{"
        + "\"MonitoringScheduleName\":\"" + SCHEDULE + "\",\"ScheduledTime\":1704070800,"
        + "\"CreationTime\":1704070800,\"LastModifiedTime\":1704071400,"
        + "\"MonitoringExecutionStatus\":\"CompletedWithViolations\"}}");

    var d = gateway.describeMonitoringSchedule(SCHEDULE).orElseThrow();

    assertThat(d.monitoringScheduleStatus()).isEqualTo(ScheduleStatus.SCHEDULED);
    assertThat(d.monitoringScheduleConfig().monitoringJobDefinitionName()).isEqualTo(DEFINITION);
    assertThat(d.lastMonitoringExecutionSummary().monitoringExecutionStatus())
        .isEqualTo(ExecutionStatus.COMPLETED_WITH_VIOLATIONS);
    assertThat(server.body("DescribeMonitoringSchedule", 0))
        .isEqualTo(Golden.JSON.createObjectNode().put("MonitoringScheduleName", SCHEDULE));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      MonitoringSchedule       | MonitoringScheduleName | ResourceNotFound    | Monitoring schedule not found
      DataQualityJobDefinition | JobDefinitionName      | ResourceNotFound    | Job definition not found
      DataQualityJobDefinition | JobDefinitionName      | ValidationException | Job definition x does not exist.
      """)
  void missingIsEmptyOnDescribeAndDoneOnDelete(String resource, String member, String code,
      String message) {
    server.error("Describe" + resource, 400, code, message);
    server.error("Delete" + resource, 400, code, message);

    assertThat(describe(resource, "x")).isEmpty();
    delete(resource, "x");

    assertThat(server.body("Describe" + resource, 0))
        .isEqualTo(Golden.JSON.createObjectNode().put(member, "x"));
    assertThat(server.body("Delete" + resource, 0))
        .isEqualTo(Golden.JSON.createObjectNode().put(member, "x"));
    assertThat(server.requests("Describe" + resource)).hasSize(1);
    assertThat(calls("Describe" + resource, "not_found")).isEqualTo(1);
    assertThat(calls("Delete" + resource, "not_found")).isEqualTo(1);
  }

  @Test
  void existingDefinitionsAndSchedulesAreDescribedAndDeleted() {
    server.reply("DescribeDataQualityJobDefinition", 200, "{\"JobDefinitionArn\":\""
        + DEFINITION_ARN + "\",\"JobDefinitionName\":\"" + DEFINITION + "\"}")
        .reply("DeleteDataQualityJobDefinition", 200, "{}")
        .reply("DeleteMonitoringSchedule", 200, "{}");

    assertThat(gateway.describeDataQualityJobDefinition(DEFINITION).orElseThrow()
        .jobDefinitionArn()).isEqualTo(DEFINITION_ARN);
    gateway.deleteDataQualityJobDefinition(DEFINITION);
    gateway.deleteMonitoringSchedule(SCHEDULE);

    assertThat(calls("DeleteDataQualityJobDefinition", "success")).isEqualTo(1);
    assertThat(calls("DeleteMonitoringSchedule", "success")).isEqualTo(1);
  }

  @Test
  void aDefinitionStillScheduledIsRetryableNotAlreadyExists() {
    server.error("DeleteDataQualityJobDefinition", 400, "ResourceInUse",
        "Job definition " + DEFINITION + " is in use by monitoring schedule " + SCHEDULE);

    assertThatThrownBy(() -> gateway.deleteDataQualityJobDefinition(DEFINITION))
        .isInstanceOfSatisfying(SageMakerCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.RETRYABLE);
          assertThat(e.errorCode()).isEqualTo("ResourceInUse");
          assertThat(e.operation()).isEqualTo("DeleteDataQualityJobDefinition");
        });
  }

  @Test
  void updateSendsTheNewDefinitionAndAMissingScheduleIsNotFound() throws Exception {
    server.reply("UpdateMonitoringSchedule", 200,
            "{\"MonitoringScheduleArn\":\"" + SCHEDULE_ARN + "\"}")
        .error("UpdateMonitoringSchedule", 400, "ResourceNotFound", "Schedule not found");

    gateway.updateMonitoringSchedule(MonitoringRequestMapper.toUpdateScheduleRequest(SCHEDULE,
        "def-2", "cron(0 6 ? * * *)"));

    assertThat(server.body("UpdateMonitoringSchedule", 0)).isEqualTo(Golden.JSON.readTree(
        "{\"MonitoringScheduleName\":\"" + SCHEDULE + "\",\"MonitoringScheduleConfig\":{"
            + "\"ScheduleConfig\":{\"ScheduleExpression\":\"cron(0 6 ? * * *)\"},"
            + "\"MonitoringJobDefinitionName\":\"def-2\",\"MonitoringType\":\"DataQuality\"}}"));
    assertThatThrownBy(() -> gateway.updateMonitoringSchedule(
        MonitoringRequestMapper.toUpdateScheduleRequest(SCHEDULE, "def-3", "cron(0 * ? * * *)")))
        .isInstanceOfSatisfying(SageMakerCallException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void recentExecutionsAreTheLatestFirstAcrossPages() throws Exception {
    server.reply("ListMonitoringExecutions", 200, page(0, 100, "t1"))
        .reply("ListMonitoringExecutions", 200, page(100, 20, "t2"));

    List<MonitoringExecutionSummary> runs = gateway.recentExecutions(SCHEDULE, 120);

    assertThat(runs).hasSize(120);
    assertThat(runs.get(0).processingJobArn()).endsWith("/job-0");
    assertThat(runs.get(119).processingJobArn()).endsWith("/job-119");
    assertThat(server.body("ListMonitoringExecutions", 0)).isEqualTo(Golden.JSON.readTree(
        "{\"MonitoringScheduleName\":\"" + SCHEDULE + "\",\"SortBy\":\"ScheduledTime\","
            + "\"SortOrder\":\"Descending\",\"MaxResults\":100}"));
    assertThat(server.body("ListMonitoringExecutions", 1)).isEqualTo(Golden.JSON.readTree(
        "{\"MonitoringScheduleName\":\"" + SCHEDULE + "\",\"SortBy\":\"ScheduledTime\","
            + "\"SortOrder\":\"Descending\",\"NextToken\":\"t1\",\"MaxResults\":20}"));
    assertThat(server.requests("ListMonitoringExecutions")).hasSize(2);
  }

  @Test
  void recentExecutionsStopAtTheLastPageAndMakeNoCallForNone() {
    server.reply("ListMonitoringExecutions", 200, page(0, 3, null));

    assertThat(gateway.recentExecutions(SCHEDULE, 0)).isEmpty();
    assertThat(server.requests("ListMonitoringExecutions")).isEmpty();
    assertThat(gateway.recentExecutions(SCHEDULE, 5)).extracting(
        MonitoringExecutionSummary::monitoringExecutionStatus)
        .containsOnly(ExecutionStatus.COMPLETED);
    assertThat(server.requests("ListMonitoringExecutions")).hasSize(1);
  }

  @Test
  void describesAnExecutionsProcessingJobOrNothingWhenItIsGone() {
    server.reply("DescribeProcessingJob", 200, "{\"ProcessingJobName\":\"job-1\","
            + "\"ProcessingJobArn\":\"" + ARN_PREFIX + "processing-job/job-1\","
            + "\"ProcessingJobStatus\":\"Failed\",\"FailureReason\":\"Job inputs had no data\"}")
        .error("DescribeProcessingJob", 400, "ValidationException",
            "Could not find requested job with name job-2");

    assertThat(gateway.describeProcessingJob("job-1").orElseThrow())
        .satisfies(j -> {
          assertThat(j.processingJobStatus()).isEqualTo(ProcessingJobStatus.FAILED);
          assertThat(j.failureReason()).isEqualTo("Job inputs had no data");
        });
    assertThat(gateway.describeProcessingJob("job-2")).isEmpty();
    assertThat(server.body("DescribeProcessingJob", 1))
        .isEqualTo(Golden.JSON.createObjectNode().put("ProcessingJobName", "job-2"));
  }

  @Test
  void tagsAreListedAddedAndDeleted() throws Exception {
    server.reply("ListTags", 200, "{\"Tags\":[{\"Key\":\"secureml.dev/uid\",\"Value\":\"u-1\"}]}")
        .reply("AddTags", 200, "{\"Tags\":[]}").reply("DeleteTags", 200, "{}");

    assertThat(gateway.tags(SCHEDULE_ARN)).containsExactly(Map.entry("secureml.dev/uid", "u-1"));
    gateway.addTags(SCHEDULE_ARN, Map.of("project", "bank-failure"));
    gateway.deleteTags(SCHEDULE_ARN, List.of("old"));

    assertThat(server.body("AddTags", 0)).isEqualTo(Golden.JSON.readTree("{\"ResourceArn\":\""
        + SCHEDULE_ARN + "\",\"Tags\":[{\"Key\":\"project\",\"Value\":\"bank-failure\"}]}"));
    assertThat(server.body("DeleteTags", 0)).isEqualTo(Golden.JSON.readTree(
        "{\"ResourceArn\":\"" + SCHEDULE_ARN + "\",\"TagKeys\":[\"old\"]}"));
  }

  @Test
  void throttlingIsMeteredAndEveryCallTakesAToken() {
    RateLimiter oneToken = new RateLimiter(1, 1, new AtomicLong()::get, n -> { });
    MonitoringGateway limited = new MonitoringGateway(client, oneToken, registry);
    server.error("DescribeMonitoringSchedule", 400, "ThrottlingException", "Rate exceeded");

    assertThatThrownBy(() -> limited.describeMonitoringSchedule(SCHEDULE))
        .isInstanceOfSatisfying(SageMakerCallException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.THROTTLED));
    assertThat(server.requests("DescribeMonitoringSchedule")).hasSize(3);
    assertThat(registry.counter("secureml.sagemaker.throttles",
        "operation", "DescribeMonitoringSchedule").count()).isEqualTo(1);
    assertThat(oneToken.tryAcquire("DescribeMonitoringSchedule")).isFalse();
    assertThat(oneToken.tryAcquire("ListMonitoringExecutions")).isTrue();
  }

  /** A ListMonitoringExecutions page of {@code count} Completed runs from index {@code from}. */
  private static String page(int from, int count, String nextToken) {
    String summaries = IntStream.range(from, from + count)
        .mapToObj(i -> "{\"MonitoringScheduleName\":\"" + SCHEDULE + "\","
            + "\"ScheduledTime\":" + (1704070800L - 3600L * i) + ","
            + "\"CreationTime\":1704067200,\"LastModifiedTime\":1704067200,"
            + "\"MonitoringExecutionStatus\":\"Completed\","
            + "\"ProcessingJobArn\":\"" + ARN_PREFIX + "processing-job/job-" + i + "\"}")
        .collect(Collectors.joining(","));
    return "{\"MonitoringExecutionSummaries\":[" + summaries + "]"
        + (nextToken == null ? "" : ",\"NextToken\":\"" + nextToken + "\"") + "}";
  }

  private static java.nio.file.Path golden(String file) {
    return Golden.ROOT.resolve(MonitoringRequestMapperTest.SUITE).resolve("basic").resolve(file);
  }

  private Optional<?> describe(String resource, String name) {
    return resource.equals("MonitoringSchedule") ? gateway.describeMonitoringSchedule(name)
        : gateway.describeDataQualityJobDefinition(name);
  }

  private void delete(String resource, String name) {
    if (resource.equals("MonitoringSchedule")) {
      gateway.deleteMonitoringSchedule(name);
    } else {
      gateway.deleteDataQualityJobDefinition(name);
    }
  }

  private double calls(String operation, String outcome) {
    return registry.counter("secureml.sagemaker.calls",
        "operation", operation, "outcome", outcome).count();
  }
}
