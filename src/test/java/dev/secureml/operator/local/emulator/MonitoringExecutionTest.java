package dev.secureml.operator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secureml.operator.testsupport.AwsTestClients;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeProcessingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ExecutionStatus;
import software.amazon.awssdk.services.sagemaker.model.ListMonitoringExecutionsResponse;
import software.amazon.awssdk.services.sagemaker.model.MonitoringExecutionSummary;
import software.amazon.awssdk.services.sagemaker.model.ProcessingJobStatus;
import software.amazon.awssdk.services.sagemaker.model.ScheduleStatus;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;

/**
 * Monitoring executions fired through the test hook: Model Monitor's reports for captured data
 * with and without drift, the failures, DescribeProcessingJob and ListMonitoringExecutions.
 * Schedules are daily and stopped, so only the hook fires them.
 */
class MonitoringExecutionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter FOLDER =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/mm-ss").withZone(ZoneOffset.UTC);
  private static Monitoring monitoring;
  private static AwsEmulator emulator;
  private static SageMakerClient sageMaker;
  private static String baseline;

  @BeforeAll
  static void start() {
    monitoring = Monitoring.start(1000);
    emulator = monitoring.emulator();
    sageMaker = monitoring.sageMaker();
    baseline = monitoring.baseline("cards", Monitoring.transactions(1, 2000, 0));
    for (String name : List.of("clean", "drifting", "quiet", "doomed")) {
      monitoring.capturingEndpoint(name + "-ep");
    }
    for (String name : List.of("clean", "drifting", "quiet", "doomed")) {
      monitoring.hosting().waitFor(name + "-ep", "InService");
      sageMaker.createDataQualityJobDefinition(Monitoring.definition(name + "-dq", name + "-ep",
          baseline).build());
      monitoring.schedule(name + "-mon", name + "-dq", "cron(0 0 ? * * *)");
    }
    for (String name : List.of("clean", "drifting", "quiet", "doomed")) {
      monitoring.waitForSchedule(name + "-mon", ScheduleStatus.SCHEDULED);
      sageMaker.stopMonitoringSchedule(b -> b.monitoringScheduleName(name + "-mon"));
    }
  }

  @AfterAll
  static void stop() {
    monitoring.close();
  }

  private static JsonNode report(String folderUri, String file) throws Exception {
    S3Location at = S3Location.parse(folderUri).resolve(file);
    return JSON.readTree(monitoring.s3().getObjectAsBytes(b -> b.bucket(at.bucket())
        .key(at.key())).asUtf8String());
  }

  private static List<MonitoringExecutionSummary> executions(String schedule) {
    return sageMaker.listMonitoringExecutions(b -> b.monitoringScheduleName(schedule))
        .monitoringExecutionSummaries();
  }

  @Test
  void trafficLikeTheBaselineCompletesWithEncryptedReportsAndNoViolations() throws Exception {
    monitoring.send("clean-ep", Monitoring.transactions(2, 400, 0));
    String job = emulator.runMonitoringScheduleNow("clean-mon");
    DescribeProcessingJobResponse described = monitoring.waitForJob(job);

    assertThat(job).matches("model-monitoring-\\d{12}-[0-9a-f]{24}");
    assertThat(described.processingJobStatus()).isEqualTo(ProcessingJobStatus.COMPLETED);
    assertThat(described.exitMessage())
        .isEqualTo("Completed: Job completed successfully with no violations.");
    MonitoringExecutionSummary execution = executions("clean-mon").get(0);
    assertThat(execution.monitoringExecutionStatus()).isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(execution.processingJobArn()).isEqualTo(described.processingJobArn())
        .endsWith(":processing-job/" + job);
    String folder = described.processingOutputConfig().outputs().get(0).s3Output().s3Uri();
    assertThat(folder).isEqualTo(Monitoring.REPORTS + "/clean-ep/clean-mon/"
        + FOLDER.format(execution.scheduledTime()));
    assertThat(described.processingOutputConfig().kmsKeyId()).isEqualTo(Monitoring.OUTPUT_KMS);

    for (String file : List.of("statistics.json", "constraints.json",
        "constraint_violations.json")) {
      S3Location at = S3Location.parse(folder).resolve(file);
      HeadObjectResponse head = monitoring.s3().headObject(b -> b.bucket(at.bucket())
          .key(at.key()));
      assertThat(head.serverSideEncryption()).as(file).isEqualTo(ServerSideEncryption.AWS_KMS);
      assertThat(head.ssekmsKeyId()).as(file).isEqualTo(Monitoring.OUTPUT_KMS);
    }
    assertThat(report(folder, "constraint_violations.json").path("violations").isArray())
        .isTrue();
    assertThat(report(folder, "constraint_violations.json").path("violations")).isEmpty();
    JsonNode statistics = report(folder, "statistics.json");
    assertThat(statistics.path("dataset").path("item_count").asLong()).isEqualTo(400);
    assertThat(statistics.path("features").findValuesAsText("name"))
        .containsExactlyElementsOf(Monitoring.FEATURES);
    assertThat(report(folder, "constraints.json")).isEqualTo(
        JSON.readTree(monitoring.s3().getObjectAsBytes(b -> b.bucket(Monitoring.BUCKET)
            .key("baselines/cards/constraints.json")).asUtf8String()));
  }

  @Test
  void shiftedAmountsCompleteWithADriftViolationOfThatFeatureOnly() throws Exception {
    monitoring.send("drifting-ep", Monitoring.transactions(3, 400, 60));
    String job = emulator.runMonitoringScheduleNow("drifting-mon");
    DescribeProcessingJobResponse described = monitoring.waitForJob(job);

    assertThat(described.processingJobStatus()).isEqualTo(ProcessingJobStatus.COMPLETED);
    assertThat(described.exitMessage())
        .isEqualTo("CompletedWithViolations: Job completed successfully with 1 violations.");
    assertThat(executions("drifting-mon").get(0).monitoringExecutionStatus())
        .isEqualTo(ExecutionStatus.COMPLETED_WITH_VIOLATIONS);
    JsonNode violations = report(described.processingOutputConfig().outputs().get(0).s3Output()
        .s3Uri(), "constraint_violations.json").path("violations");
    assertThat(violations).hasSize(1);
    assertThat(violations.get(0).path("feature_name").asText()).isEqualTo("amount");
    assertThat(violations.get(0).path("constraint_check_type").asText())
        .isEqualTo("baseline_drift_check");
    assertThat(violations.get(0).path("description").asText())
        .startsWith("Baseline drift distance: ");
  }

  @Test
  void noCapturedDataInTheWindowFails() {
    String job = emulator.runMonitoringScheduleNow("quiet-mon");
    DescribeProcessingJobResponse described = monitoring.waitForJob(job);

    assertThat(described.processingJobStatus()).isEqualTo(ProcessingJobStatus.FAILED);
    assertThat(described.failureReason()).isEqualTo("AlgorithmError: Job inputs had no data");
    MonitoringExecutionSummary execution = executions("quiet-mon").get(0);
    assertThat(execution.monitoringExecutionStatus()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.failureReason()).isEqualTo("Job inputs had no data");
    String folder = described.processingOutputConfig().outputs().get(0).s3Output().s3Uri();
    S3Location at = S3Location.parse(folder);
    assertThat(monitoring.s3().listObjectsV2(b -> b.bucket(at.bucket()).prefix(at.prefix()))
        .contents()).isEmpty();
  }

  @Test
  void missingBaselineFailsWithTheMissingFileNamed() {
    sageMaker.createDataQualityJobDefinition(Monitoring.definition("gone-dq", "clean-ep",
        "s3://" + Monitoring.BUCKET + "/baselines/gone").build());
    monitoring.schedule("gone-mon", "gone-dq", "cron(0 0 ? * * *)");
    String job = emulator.runMonitoringScheduleNow("gone-mon");

    assertThat(monitoring.waitForJob(job).failureReason()).isEqualTo("ClientError: Could not"
        + " read the baseline statistics file s3://fraud-monitoring/baselines/gone/"
        + "statistics.json: the object does not exist. Check DataQualityBaselineConfig and that"
        + " the role can read it.");
    monitoring.waitForSchedule("gone-mon", ScheduleStatus.SCHEDULED);
    sageMaker.deleteMonitoringSchedule(b -> b.monitoringScheduleName("gone-mon"));
  }

  @Test
  void executionsOfADeletedEndpointFailButItsScheduleStays() {
    sageMaker.deleteEndpoint(b -> b.endpointName("doomed-ep"));
    monitoring.hosting().waitUntilGone("doomed-ep");
    String job = emulator.runMonitoringScheduleNow("doomed-mon");

    assertThat(monitoring.waitForJob(job).failureReason()).isEqualTo("ClientError: Endpoint"
        + " doomed-ep does not exist, so its captured data cannot be found.");
    assertThat(sageMaker.describeMonitoringSchedule(b -> b.monitoringScheduleName("doomed-mon"))
        .monitoringScheduleStatus()).isEqualTo(ScheduleStatus.STOPPED);
  }

  @Test
  void describeProcessingJobShowsTheDefinitionItRan() {
    String job = emulator.runMonitoringScheduleNow("quiet-mon");
    DescribeProcessingJobResponse described = monitoring.waitForJob(job);

    assertThat(described.roleArn()).isEqualTo(Hosting.ROLE);
    assertThat(described.monitoringScheduleArn())
        .isEqualTo("arn:aws:sagemaker:us-east-1:111122223333:monitoring-schedule/quiet-mon");
    assertThat(described.processingResources().clusterConfig().volumeKmsKeyId())
        .isEqualTo(Monitoring.VOLUME_KMS);
    assertThat(described.networkConfig().enableNetworkIsolation()).isTrue();
    assertThat(described.networkConfig().vpcConfig().subnets()).containsExactly("subnet-0a1b2c3d");
    assertThat(described.appSpecification().imageUri()).isEqualTo(Monitoring.ANALYZER);
    assertThat(described.environment()).containsEntry("sagemaker_endpoint_name", "quiet-ep")
        .containsKeys("start_time", "end_time");
    assertThat(Duration.between(Instant.parse(described.environment().get("start_time")),
        Instant.parse(described.environment().get("end_time"))))
        .as("a day of emulated time at speed 1000").isEqualTo(Duration.ofMillis(86_400));
    assertThat(described.processingStartTime()).isAfterOrEqualTo(described.creationTime());
    assertThat(described.processingEndTime()).isAfter(described.processingStartTime());
    assertThatThrownBy(() -> sageMaker.describeProcessingJob(b -> b.processingJobName("nope")))
        .hasMessageContaining("Could not find requested job with name nope");
  }

  @Test
  void processingJobsLogToCloudWatch() {
    String job = emulator.runMonitoringScheduleNow("quiet-mon");
    monitoring.waitForJob(job);
    try (CloudWatchLogsClient logs = AwsTestClients.logs(emulator.endpoint())) {
      List<LogStream> streams = logs.describeLogStreams(b -> b
          .logGroupName("/aws/sagemaker/ProcessingJobs").logStreamNamePrefix(job)).logStreams();
      assertThat(streams).singleElement().satisfies(s ->
          assertThat(s.logStreamName()).matches(job + "/algo-1-\\d{10}"));
      List<String> lines = logs.getLogEvents(b -> b.logGroupName("/aws/sagemaker/ProcessingJobs")
          .logStreamName(streams.get(0).logStreamName()).startFromHead(true)).events().stream()
          .map(OutputLogEvent::message).toList();
      assertThat(lines).anyMatch(l -> l.contains("Analyzing captured data from"));
      assertThat(lines.get(lines.size() - 1)).endsWith("ERROR Main: Job inputs had no data");
    }
  }

  @Test
  void listMonitoringExecutionsFiltersSortsAndPages() {
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      jobs.add(emulator.runMonitoringScheduleNow("quiet-mon"));
      Hosting.sleep(3);
    }
    jobs.forEach(monitoring::waitForJob);

    List<MonitoringExecutionSummary> ascending = sageMaker.listMonitoringExecutions(b -> b
        .monitoringScheduleName("quiet-mon").sortBy("ScheduledTime")
        .sortOrder(SortOrder.ASCENDING).maxResults(100)).monitoringExecutionSummaries();
    assertThat(ascending).extracting(MonitoringExecutionSummary::scheduledTime).isSorted();
    assertThat(ascending).allSatisfy(e -> {
      assertThat(e.monitoringScheduleName()).isEqualTo("quiet-mon");
      assertThat(e.endpointName()).isEqualTo("quiet-ep");
      assertThat(e.monitoringJobDefinitionName()).isEqualTo("quiet-dq");
      assertThat(e.monitoringTypeAsString()).isEqualTo("DataQuality");
    });
    assertThat(ascending.subList(ascending.size() - 3, ascending.size()))
        .extracting(e -> e.processingJobArn().substring(e.processingJobArn().indexOf('/') + 1))
        .containsExactlyElementsOf(jobs);
    assertThat(executions("quiet-mon")).extracting(MonitoringExecutionSummary::scheduledTime)
        .isSortedAccordingTo(Comparator.reverseOrder());

    Instant second = ascending.get(ascending.size() - 2).scheduledTime();
    assertThat(sageMaker.listMonitoringExecutions(b -> b.monitoringScheduleName("quiet-mon")
        .scheduledTimeAfter(second.minusMillis(1))).monitoringExecutionSummaries()).hasSize(2);
    assertThat(sageMaker.listMonitoringExecutions(b -> b.endpointName("quiet-ep")
        .statusEquals(ExecutionStatus.FAILED).maxResults(100)).monitoringExecutionSummaries())
        .hasSameSizeAs(ascending);
    assertThat(sageMaker.listMonitoringExecutions(b -> b.monitoringScheduleName("quiet-mon")
        .statusEquals(ExecutionStatus.COMPLETED)).monitoringExecutionSummaries()).isEmpty();

    ListMonitoringExecutionsResponse first = sageMaker.listMonitoringExecutions(b -> b
        .monitoringScheduleName("quiet-mon").maxResults(2));
    assertThat(first.monitoringExecutionSummaries()).hasSize(2);
    assertThat(first.nextToken()).isNotNull();
    ListMonitoringExecutionsResponse next = sageMaker.listMonitoringExecutions(b -> b
        .monitoringScheduleName("quiet-mon").maxResults(100).nextToken(first.nextToken()));
    assertThat(next.monitoringExecutionSummaries()).hasSize(ascending.size() - 2)
        .doesNotContainAnyElementsOf(first.monitoringExecutionSummaries());

    assertThat(sageMaker.describeMonitoringSchedule(b -> b.monitoringScheduleName("quiet-mon"))
        .lastMonitoringExecutionSummary().processingJobArn()).endsWith("/" + jobs.get(2));
  }
}
