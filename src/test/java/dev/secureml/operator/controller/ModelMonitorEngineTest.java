package dev.secureml.operator.controller;

import static dev.secureml.operator.controller.DataQualityMonitorControllerTest.KEY;
import static dev.secureml.operator.controller.DataQualityMonitorControllerTest.drift;
import static dev.secureml.operator.controller.DataQualityMonitorControllerTest.monitor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec.MonitorEngine;
import dev.secureml.operator.local.emulator.JournalEntry;
import dev.secureml.operator.testsupport.AwsTestClients;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ModelMonitor engine end to end: the operator creates the job definition (with the
 * policy applied) and the schedule, the emulator's Model Monitor runs it on emulated time, and
 * the operator reads each run's reports back into status.
 */
class ModelMonitorEngineTest {
  private OperatorHarness h;
  private MonitorTraffic traffic;

  @AfterEach
  void tearDown() {
    if (traffic != null) {
      traffic.close();
    }
    if (h != null) {
      h.close();
    }
  }

  @Test
  void createsTheScheduleUnderThePolicyAndReportsItsRuns() throws Exception {
    h = DataQualityMonitorControllerTest.startWithServingEndpoint();
    String endpointName = h.endpoint("ep").getStatus().endpointName;
    traffic = new MonitorTraffic(AwsTestClients.sageMakerRuntime(h.emulator.endpoint()),
        endpointName);
    h.apply(monitor("dqm", MonitorEngine.ModelMonitor, "hourly"));

    DataQualityMonitor scheduled = h.awaitMonitor("dqm", Duration.ofSeconds(30),
        m -> m.getStatus() != null && "Scheduled".equals(m.getStatus().scheduleStatus));
    var status = scheduled.getStatus();
    assertThat(status.phase).isEqualTo("Scheduled");
    assertThat(status.monitoringScheduleName).matches("fraud-models-dqm-[0-9a-f]{12}");

    // The policy went into the job definition, not the user's spec.
    JsonNode def = single("SageMaker.CreateDataQualityJobDefinition");
    assertThat(def.path("JobDefinitionName").asText()).isEqualTo(status.jobDefinitionName);
    assertThat(def.path("RoleArn").asText())
        .isEqualTo("arn:aws:iam::111122223333:role/fraud-sagemaker-execution");
    assertThat(def.at("/DataQualityJobOutputConfig/KmsKeyId").asText()).isEqualTo(KEY);
    assertThat(def.at("/JobResources/ClusterConfig/VolumeKmsKeyId").asText()).isEqualTo(KEY);
    assertThat(def.at("/NetworkConfig/EnableNetworkIsolation").asBoolean()).isTrue();
    assertThat(def.at("/NetworkConfig/EnableInterContainerTrafficEncryption").asBoolean())
        .isTrue();
    assertThat(def.at("/NetworkConfig/VpcConfig/Subnets").toString())
        .isEqualTo("[\"subnet-0a1b2c3d\",\"subnet-0e4f5a6b\"]");
    assertThat(def.at("/NetworkConfig/VpcConfig/SecurityGroupIds").toString())
        .isEqualTo("[\"sg-0c1d2e3f\"]");
    assertThat(def.at("/DataQualityJobInput/EndpointInput/EndpointName").asText())
        .isEqualTo(endpointName);
    assertThat(def.at("/DataQualityBaselineConfig/StatisticsResource/S3Uri").asText())
        .isEqualTo(status.baseline.statisticsS3Uri);
    assertThat(def.at("/DataQualityBaselineConfig/ConstraintsResource/S3Uri").asText())
        .isEqualTo(status.baseline.constraintsS3Uri);
    JsonNode schedule = single("SageMaker.CreateMonitoringSchedule");
    assertThat(schedule.at("/MonitoringScheduleConfig/ScheduleConfig/ScheduleExpression")
        .asText()).isEqualTo("cron(0 * ? * * *)");

    // Emulated hours pass every 18 s at speed 200; fire one run now instead of waiting.
    Thread.sleep(1500);
    h.emulator.runMonitoringScheduleNow(status.monitoringScheduleName);
    DataQualityMonitor calm = h.awaitMonitor("dqm", Duration.ofSeconds(30),
        m -> m.getStatus().lastExecution != null
            && "Completed".equals(m.getStatus().lastExecution.status) && drift(m, "False"));
    assertThat(calm.getStatus().lastExecution.processingJobArn).contains(":processing-job/");
    assertThat(calm.getStatus().lastExecution.violationsS3Uri)
        .startsWith("s3://fraud-models/monitoring/" + endpointName + "/");
    assertThat(calm.getStatus().lastExecution.recordsAnalyzed).isPositive();

    traffic.scaleTier1(0.4);
    Thread.sleep(3000);
    h.emulator.runMonitoringScheduleNow(status.monitoringScheduleName);
    DataQualityMonitor drifting = h.awaitMonitor("dqm", Duration.ofSeconds(30),
        m -> drift(m, "True"));
    assertThat(drifting.getStatus().lastExecution.status).isEqualTo("CompletedWithViolations");
    assertThat(drifting.getStatus().driftedFeatures).contains("tier1_capital_ratio");
    assertThat(h.eventReasons("dqm")).contains("DriftDetected");

    // A new threshold means a new (immutable) job definition; the old one goes.
    String firstDefinition = status.jobDefinitionName;
    h.editMonitor("dqm", m -> {
      m.getSpec().thresholds = new dev.secureml.operator.api.DataQualityMonitorSpec.Thresholds();
      m.getSpec().thresholds.drift = 0.3;
      return m;
    });
    h.awaitMonitor("dqm", Duration.ofSeconds(30), m -> m.getStatus().jobDefinitionName != null
        && !m.getStatus().jobDefinitionName.equals(firstDefinition)
        && m.getStatus().retiredJobDefinitions.isEmpty());
    assertThat(requests("SageMaker.UpdateMonitoringSchedule")).isNotEmpty();
    assertThat(requests("SageMaker.DeleteDataQualityJobDefinition"))
        .anySatisfy(r -> assertThat(r.path("JobDefinitionName").asText())
            .isEqualTo(firstDefinition));

    // Deleting the monitor deletes the schedule and the job definition.
    h.client.resource(h.monitor("dqm")).delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> h.monitor("dqm") == null);
    assertThat(requests("SageMaker.DeleteMonitoringSchedule")).hasSize(1);
    assertThat(requests("SageMaker.DeleteDataQualityJobDefinition")).hasSize(2);
  }

  @Test
  void retainLeavesTheScheduleInSageMaker() throws Exception {
    h = DataQualityMonitorControllerTest.startWithServingEndpoint();
    DataQualityMonitor m = monitor("dqm", MonitorEngine.ModelMonitor, "daily");
    m.getSpec().deletionPolicy = dev.secureml.operator.api.DeletionPolicy.Retain;
    h.apply(m);
    h.awaitMonitor("dqm", Duration.ofSeconds(30),
        x -> x.getStatus() != null && x.getStatus().monitoringScheduleArn != null);
    h.client.resource(h.monitor("dqm")).delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> h.monitor("dqm") == null);
    assertThat(requests("SageMaker.DeleteMonitoringSchedule")).isEmpty();
    assertThat(h.eventReasons("dqm")).contains("Retained");
  }

  @Test
  void switchingToBuiltinDeletesTheScheduleAndRunsInTheOperator() throws Exception {
    h = DataQualityMonitorControllerTest.startWithServingEndpoint();
    traffic = new MonitorTraffic(AwsTestClients.sageMakerRuntime(h.emulator.endpoint()),
        h.endpoint("ep").getStatus().endpointName);
    h.apply(monitor("dqm", MonitorEngine.ModelMonitor, "hourly"));
    h.awaitMonitor("dqm", Duration.ofSeconds(30),
        x -> x.getStatus() != null && "Scheduled".equals(x.getStatus().scheduleStatus));

    h.editMonitor("dqm", m -> {
      m.getSpec().engine = MonitorEngine.Builtin;
      m.getSpec().schedule = "every 2s";
      return m;
    });
    DataQualityMonitor builtin = h.awaitMonitor("dqm", Duration.ofSeconds(30),
        x -> x.getStatus().monitoringScheduleName == null
            && x.getStatus().jobDefinitionName == null
            && x.getStatus().retiredJobDefinitions.isEmpty()
            && x.getStatus().lastExecution != null
            && x.getStatus().lastExecution.processingJobArn == null
            && "Completed".equals(x.getStatus().lastExecution.status));
    assertThat(builtin.getStatus().phase).isEqualTo("Scheduled");
    assertThat(requests("SageMaker.DeleteMonitoringSchedule")).hasSize(1);
    assertThat(requests("SageMaker.DeleteDataQualityJobDefinition")).hasSize(1);
  }

  private List<JsonNode> requests(String target) {
    return h.emulator.journal().operations(target).stream()
        .filter(JournalEntry::succeeded).map(JournalEntry::request).toList();
  }

  private JsonNode single(String target) {
    List<JsonNode> all = requests(target);
    assertThat(all).as(target).hasSize(1);
    return all.get(0);
  }
}
