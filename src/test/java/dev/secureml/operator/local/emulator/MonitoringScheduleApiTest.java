package dev.secureml.operator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeDataQualityJobDefinitionResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeMonitoringScheduleResponse;
import software.amazon.awssdk.services.sagemaker.model.MonitoringJobDefinitionSummary;
import software.amazon.awssdk.services.sagemaker.model.MonitoringScheduleSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.ScheduleStatus;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Data quality job definitions and monitoring schedules through the SDK: create, describe,
 * list, tag, update, stop, start, delete, and the refusals with their codes and messages.
 * Schedules are daily, so none fires while these tests run.
 */
class MonitoringScheduleApiTest {
  private static final String ARN = "arn:aws:sagemaker:us-east-1:111122223333:";
  private static final String DAILY = "cron(0 3 ? * * *)";
  private static final String BASELINE = "s3://fraud-monitoring/baselines/cards";
  private static Monitoring monitoring;
  private static SageMakerClient sageMaker;

  @BeforeAll
  static void start() {
    monitoring = Monitoring.start(200);
    sageMaker = monitoring.sageMaker();
    monitoring.hosting().endpoint("api-ep", Hosting.IMAGE);
    monitoring.hosting().endpoint("other-ep", Hosting.IMAGE);
  }

  @AfterAll
  static void stop() {
    monitoring.close();
  }

  private static SageMakerException refused(Executable call, String code) {
    SageMakerException e = catchThrowableOfType(call::execute, SageMakerException.class);
    assertThat(e).as("expected a refusal").isNotNull();
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    return e;
  }

  private static void assertRefused(Executable call, String code, String message) {
    assertThat(refused(call, code).awsErrorDetails().errorMessage()).isEqualTo(message);
  }

  private static void definition(String name, String endpoint) {
    sageMaker.createDataQualityJobDefinition(Monitoring.definition(name, endpoint, BASELINE)
        .build());
  }

  private static DescribeMonitoringScheduleResponse describe(String schedule) {
    return sageMaker.describeMonitoringSchedule(b -> b.monitoringScheduleName(schedule));
  }

  @Test
  void jobDefinitionIsDescribedListedTaggedAndDeleted() {
    String arn = sageMaker.createDataQualityJobDefinition(Monitoring.definition("life-dq",
        "api-ep", BASELINE).tags(Tag.builder().key("team").value("fraud").build()).build())
        .jobDefinitionArn();
    assertThat(arn).isEqualTo(ARN + "data-quality-job-definition/life-dq");

    DescribeDataQualityJobDefinitionResponse d = sageMaker.describeDataQualityJobDefinition(b -> b
        .jobDefinitionName("life-dq"));
    assertThat(d.jobDefinitionArn()).isEqualTo(arn);
    assertThat(d.creationTime()).isNotNull();
    assertThat(d.dataQualityJobInput().endpointInput().endpointName()).isEqualTo("api-ep");
    assertThat(d.dataQualityBaselineConfig().statisticsResource().s3Uri())
        .isEqualTo(BASELINE + "/statistics.json");
    assertThat(d.dataQualityJobOutputConfig().kmsKeyId()).isEqualTo(Monitoring.OUTPUT_KMS);
    assertThat(d.jobResources().clusterConfig().volumeKmsKeyId()).isEqualTo(Monitoring.VOLUME_KMS);
    assertThat(d.networkConfig().enableInterContainerTrafficEncryption()).isTrue();
    assertThat(d.stoppingCondition().maxRuntimeInSeconds()).isEqualTo(1800);
    assertThat(d.roleArn()).isEqualTo(Hosting.ROLE);

    assertThat(sageMaker.listDataQualityJobDefinitions(b -> b.endpointName("api-ep"))
        .jobDefinitionSummaries()).extracting(MonitoringJobDefinitionSummary::monitoringJobDefinitionName)
        .contains("life-dq").allSatisfy(n -> assertThat(n).isNotEqualTo("other-dq"));
    assertThat(sageMaker.listTags(b -> b.resourceArn(arn)).tags())
        .containsExactly(Tag.builder().key("team").value("fraud").build());

    sageMaker.deleteDataQualityJobDefinition(b -> b.jobDefinitionName("life-dq"));
    assertRefused(() -> sageMaker.describeDataQualityJobDefinition(b -> b
        .jobDefinitionName("life-dq")), "ResourceNotFound",
        "Could not find data quality job definition \"life-dq\".");
  }

  @Test
  void jobDefinitionsAreRefusedAsModelMonitorRefusesThem() {
    definition("dup-dq", "api-ep");
    assertRefused(() -> definition("DUP-dq", "api-ep"), "ResourceInUse",
        "Data quality job definition \"" + ARN + "data-quality-job-definition/dup-dq\" already"
            + " exists.");
    assertRefused(() -> sageMaker.createDataQualityJobDefinition(Monitoring.definition(
        "no-baseline-dq", "api-ep", BASELINE).dataQualityBaselineConfig(c -> c
        .constraintsResource(r -> r.s3Uri(BASELINE + "/constraints.json"))).build()),
        "ValidationException", "DataQualityBaselineConfig must name both"
            + " ConstraintsResource.S3Uri and StatisticsResource.S3Uri: the emulator's data"
            + " quality jobs check captured data against a baseline.");
    assertRefused(() -> sageMaker.createDataQualityJobDefinition(Monitoring.definition(
        "bad_name", "api-ep", BASELINE).roleArn(null).build()), "ValidationException",
        "2 validation errors detected: Value 'bad_name' at 'jobDefinitionName' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern: "
            + "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}; Value null at 'roleArn' failed to satisfy"
            + " constraint: Member must not be null");
    assertRefused(() -> sageMaker.createDataQualityJobDefinition(Monitoring.definition(
        "nvme-dq", "api-ep", BASELINE).jobResources(r -> r.clusterConfig(c -> c
        .instanceCount(1).instanceType("ml.g4dn.xlarge").volumeSizeInGB(20)
        .volumeKmsKeyId(Monitoring.VOLUME_KMS))).build()), "ValidationException",
        "Instance type ml.g4dn.xlarge is not supported for VolumeKmsKeyId: its storage volumes"
            + " are local NVMe instance stores, which SageMaker encrypts with a hardware module."
            + " Remove VolumeKmsKeyId and try again.");
  }

  @Test
  void scheduleNeedsAnExistingJobDefinitionAndEndpoint() {
    assertRefused(() -> monitoring.schedule("orphan-mon", "no-such-dq", DAILY),
        "ValidationException", "Could not find data quality job definition \"no-such-dq\".");
    definition("ghost-dq", "ghost-ep");
    assertRefused(() -> monitoring.schedule("orphan-mon", "ghost-dq", DAILY),
        "ValidationException", "Could not find endpoint \"ghost-ep\".");
    assertRefused(() -> describe("orphan-mon"), "ResourceNotFound",
        "Could not find monitoring schedule \"orphan-mon\".");
  }

  @Test
  void onlyTheCronFormsModelMonitorSupportsAreAccepted() {
    definition("cron-dq", "api-ep");
    for (String bad : List.of("rate(1 hour)", "cron(0 * * * ? *)", "cron(30 * ? * * *)",
        "cron(0 24 ? * * *)", "cron(0 */0 ? * * *)", "cron(0 1/25 ? * * *)")) {
      assertRefused(() -> monitoring.schedule("cron-mon", "cron-dq", bad), "ValidationException",
          "Invalid ScheduleExpression '" + bad + "'. Supported expressions are hourly"
              + " cron(0 * ? * * *), daily cron(0 H ? * * *) and every N hours"
              + " cron(0 H/N ? * * *) or cron(0 */N ? * * *), with H in 0-23 and N in 1-24.");
    }
    List<String> good = List.of("cron(0 * ? * * *)", "cron(0 23 ? * * *)", "cron(0 2/6 ? * * *)",
        "cron(0 */12 ? * * *)");
    for (int i = 0; i < good.size(); i++) {
      monitoring.schedule("cron-mon-" + i, "cron-dq", good.get(i));
      assertThat(describe("cron-mon-" + i).monitoringScheduleConfig().scheduleConfig()
          .scheduleExpression()).isEqualTo(good.get(i));
    }
    for (int i = 0; i < good.size(); i++) {
      monitoring.waitForSchedule("cron-mon-" + i, ScheduleStatus.SCHEDULED);
      String name = "cron-mon-" + i;
      sageMaker.deleteMonitoringSchedule(b -> b.monitoringScheduleName(name));
    }
  }

  @Test
  void jobDefinitionInUseCannotBeDeleted() {
    definition("used-dq", "api-ep");
    monitoring.schedule("user-mon", "used-dq", DAILY);
    assertRefused(() -> sageMaker.deleteDataQualityJobDefinition(b -> b
        .jobDefinitionName("used-dq")), "ResourceInUse", "Cannot delete job definition \"" + ARN
        + "data-quality-job-definition/used-dq\": it is used by monitoring schedule(s)"
        + " user-mon.");
    monitoring.waitForSchedule("user-mon", ScheduleStatus.SCHEDULED);
    sageMaker.deleteMonitoringSchedule(b -> b.monitoringScheduleName("user-mon"));
    sageMaker.deleteDataQualityJobDefinition(b -> b.jobDefinitionName("used-dq"));
  }

  @Test
  void scheduleIsDescribedListedAndTagged() {
    definition("shown-dq", "api-ep");
    String arn = sageMaker.createMonitoringSchedule(b -> b.monitoringScheduleName("shown-mon")
        .monitoringScheduleConfig(c -> c.monitoringJobDefinitionName("shown-dq")
            .monitoringType("DataQuality").scheduleConfig(s -> s.scheduleExpression(DAILY)))
        .tags(Tag.builder().key("owner").value("risk").build())).monitoringScheduleArn();
    assertThat(arn).isEqualTo(ARN + "monitoring-schedule/shown-mon");
    monitoring.waitForSchedule("shown-mon", ScheduleStatus.SCHEDULED);

    DescribeMonitoringScheduleResponse d = describe("shown-mon");
    assertThat(d.monitoringScheduleArn()).isEqualTo(arn);
    assertThat(d.monitoringTypeAsString()).isEqualTo("DataQuality");
    assertThat(d.endpointName()).isEqualTo("api-ep");
    assertThat(d.monitoringScheduleConfig().monitoringJobDefinitionName()).isEqualTo("shown-dq");
    assertThat(d.lastModifiedTime()).isAfter(d.creationTime());
    assertThat(d.lastMonitoringExecutionSummary()).isNull();

    assertThat(sageMaker.listMonitoringSchedules(b -> b.endpointName("api-ep")
        .statusEquals(ScheduleStatus.SCHEDULED).maxResults(100)).monitoringScheduleSummaries())
        .extracting(MonitoringScheduleSummary::monitoringScheduleName).contains("shown-mon");
    assertThat(sageMaker.listMonitoringSchedules(b -> b.endpointName("other-ep"))
        .monitoringScheduleSummaries()).extracting(MonitoringScheduleSummary::monitoringScheduleName)
        .doesNotContain("shown-mon");
    sageMaker.addTags(b -> b.resourceArn(arn).tags(Tag.builder().key("tier").value("1").build()));
    assertThat(sageMaker.listTags(b -> b.resourceArn(arn)).tags()).extracting(Tag::key)
        .containsExactly("owner", "tier");
  }

  @Test
  void updatePointsTheScheduleAtAnotherJobDefinition() {
    definition("first-dq", "api-ep");
    definition("second-dq", "other-ep");
    monitoring.schedule("moving-mon", "first-dq", DAILY);
    monitoring.waitForSchedule("moving-mon", ScheduleStatus.SCHEDULED);

    String arn = sageMaker.updateMonitoringSchedule(b -> b.monitoringScheduleName("moving-mon")
        .monitoringScheduleConfig(c -> c.monitoringJobDefinitionName("second-dq")
            .monitoringType("DataQuality")
            .scheduleConfig(s -> s.scheduleExpression("cron(0 */6 ? * * *)"))))
        .monitoringScheduleArn();
    assertThat(arn).isEqualTo(ARN + "monitoring-schedule/moving-mon");
    DescribeMonitoringScheduleResponse d = describe("moving-mon");
    assertThat(d.monitoringScheduleConfig().monitoringJobDefinitionName()).isEqualTo("second-dq");
    assertThat(d.monitoringScheduleConfig().scheduleConfig().scheduleExpression())
        .isEqualTo("cron(0 */6 ? * * *)");
    assertThat(d.endpointName()).isEqualTo("other-ep");
    monitoring.waitForSchedule("moving-mon", ScheduleStatus.SCHEDULED);
    sageMaker.deleteDataQualityJobDefinition(b -> b.jobDefinitionName("first-dq"));
  }

  @Test
  void stopAndStartSwitchBetweenStoppedAndScheduled() {
    definition("paused-dq", "api-ep");
    monitoring.schedule("paused-mon", "paused-dq", DAILY);
    monitoring.waitForSchedule("paused-mon", ScheduleStatus.SCHEDULED);
    sageMaker.stopMonitoringSchedule(b -> b.monitoringScheduleName("paused-mon"));
    assertThat(describe("paused-mon").monitoringScheduleStatus()).isEqualTo(ScheduleStatus.STOPPED);
    sageMaker.startMonitoringSchedule(b -> b.monitoringScheduleName("paused-mon"));
    assertThat(describe("paused-mon").monitoringScheduleStatus())
        .isEqualTo(ScheduleStatus.SCHEDULED);
  }

  @Test
  void journalKeepsTheWholeJobDefinitionRequest() {
    definition("journaled-dq", "api-ep");
    JsonNode request = monitoring.emulator().journal()
        .operations("SageMaker.CreateDataQualityJobDefinition").stream()
        .map(e -> e.request())
        .filter(r -> r.path("JobDefinitionName").asText().equals("journaled-dq"))
        .findFirst().orElseThrow();
    assertThat(request.path("NetworkConfig").path("EnableNetworkIsolation").asBoolean()).isTrue();
    assertThat(request.path("NetworkConfig").path("VpcConfig").path("Subnets").get(0).asText())
        .isEqualTo("subnet-0a1b2c3d");
    assertThat(request.path("DataQualityJobOutputConfig").path("KmsKeyId").asText())
        .isEqualTo(Monitoring.OUTPUT_KMS);
    assertThat(request.path("JobResources").path("ClusterConfig").path("VolumeKmsKeyId").asText())
        .isEqualTo(Monitoring.VOLUME_KMS);
    assertThat(request.path("RoleArn").asText()).isEqualTo(Hosting.ROLE);
  }
}
