package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.policy.ResolvedMonitorSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sagemaker.model.CreateDataQualityJobDefinitionRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateMonitoringScheduleRequest;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.UpdateMonitoringScheduleRequest;

/**
 * Golden: monitor.yaml + settings.yaml -> job-definition.json and schedule.json, exactly as the
 * requests go on the wire.
 */
class MonitoringRequestMapperTest {
  static final String SUITE = "create-data-quality-monitor";
  static final String ENDPOINT = "fraud-models-bank-failure-endpoint-710b68";
  static final String HOURLY = "cron(0 * ? * * *)";

  static Stream<String> cases() {
    return Golden.cases(SUITE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mapsMonitorAndResolvedPolicyToTheGoldenJobDefinition(String name) {
    Golden.assertMatches(SdkJson.toJson(jobDefinitionFor(name)),
        dir(name).resolve("job-definition.json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mapsMonitorAndResolvedPolicyToTheGoldenSchedule(String name) {
    Golden.assertMatches(SdkJson.toJson(scheduleFor(name)), dir(name).resolve("schedule.json"));
  }

  @Test
  void theScheduleIsNamedLikeEveryOtherKindAndRunsTheDefinition() {
    DataQualityMonitor monitor = monitor("basic");
    CreateDataQualityJobDefinitionRequest definition = jobDefinitionFor("basic");
    CreateMonitoringScheduleRequest schedule = scheduleFor("basic");

    assertThat(schedule.monitoringScheduleName()).isEqualTo(SageMakerNames.forResource(
        "fraud-models", "bank-failure-drift", monitor.getMetadata().getUid()));
    assertThat(schedule.monitoringScheduleConfig().monitoringJobDefinitionName())
        .isEqualTo(definition.jobDefinitionName());
  }

  @Test
  void theDefinitionIsNamedForTheMonitorWithAHashOfItsUidAndContent() {
    DataQualityMonitor monitor = monitor("basic");
    CreateDataQualityJobDefinitionRequest request = jobDefinitionFor("basic");
    String definition = request.jobDefinitionName();

    assertThat(definition).matches("fraud-models-bank-failure-drift-[0-9a-f]{12}")
        .isNotEqualTo(scheduleFor("basic").monitoringScheduleName())
        .isEqualTo(SageMakerNames.forPart(ResourceOwner.of(monitor.getMetadata()),
            SageMakerNames.Part.DATA_QUALITY_JOB_DEFINITION, null,
            SageMakerNames.contentOf(request.toBuilder().jobDefinitionName(null).build())));
    assertThat(jobDefinitionFor("basic").jobDefinitionName()).isEqualTo(definition);
  }

  @Test
  void twoMonitorsWithTheSameSpecAndALongCommonPrefixShareNoName() {
    String prefix = "fraud-scoring-endpoint-for-the-retail-banking-division-drift-";
    CreateDataQualityJobDefinitionRequest blue = jobDefinition(m -> {
      m.getMetadata().setName(prefix + "blue");
      m.getMetadata().setUid("11111111-1111-4111-8111-111111111111");
    }, settings("basic"), ENDPOINT, "c.json");
    CreateDataQualityJobDefinitionRequest green = jobDefinition(m -> {
      m.getMetadata().setName(prefix + "green");
      m.getMetadata().setUid("22222222-2222-4222-8222-222222222222");
    }, settings("basic"), ENDPOINT, "c.json");

    assertThat(blue.jobDefinitionName()).isNotEqualTo(green.jobDefinitionName());
    assertThat(MonitoringRequestMapper.scheduleName(monitor("basic"), "u-1"))
        .isNotEqualTo(MonitoringRequestMapper.scheduleName(monitor("basic"), "u-2"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"instance type", "runtime", "baseline", "endpoint", "key", "tags"})
  void anyChangeOfContentYieldsANewDefinitionName(String what) {
    Consumer<DataQualityMonitor> noChange = m -> { };
    String before =
        jobDefinition(noChange, settings("basic"), ENDPOINT, "c.json").jobDefinitionName();

    ResolvedMonitorSettings s = settings("basic");
    Map<String, String> tags = new LinkedHashMap<>(s.tags());
    tags.put("extra", "1");
    CreateDataQualityJobDefinitionRequest after = switch (what) {
      case "instance type" -> jobDefinition(
          m -> m.getSpec().resources.instanceType = "ml.m5.4xlarge", s, ENDPOINT, "c.json");
      case "runtime" -> jobDefinition(m -> m.getSpec().resources.maxRuntime = "50m", s, ENDPOINT,
          "c.json");
      case "baseline" -> jobDefinition(noChange, s, ENDPOINT, "c2.json");
      case "endpoint" -> jobDefinition(noChange, s, ENDPOINT + "x", "c.json");
      case "key" -> jobDefinition(noChange, new ResolvedMonitorSettings(s.policyName(),
          s.enforcement(), s.region(), s.roleArn(), s.subnets(), s.securityGroupIds(),
          s.networkIsolation(), s.interContainerTrafficEncryption(), s.outputKmsKeyId() + "x",
          s.volumeKmsKeyId(), s.tags()), ENDPOINT, "c.json");
      default -> jobDefinition(noChange, new ResolvedMonitorSettings(s.policyName(),
          s.enforcement(), s.region(), s.roleArn(), s.subnets(), s.securityGroupIds(),
          s.networkIsolation(), s.interContainerTrafficEncryption(), s.outputKmsKeyId(),
          s.volumeKmsKeyId(), tags), ENDPOINT, "c.json");
    };

    assertThat(after.jobDefinitionName()).isNotEqualTo(before)
        .startsWith(before.substring(0, before.length() - 12));
  }

  @Test
  void longNamesStayWithinSixtyThreeCharacters() {
    CreateDataQualityJobDefinitionRequest request = jobDefinition(m -> {
      m.getMetadata().setNamespace("n".repeat(63));
      m.getMetadata().setName("m".repeat(200));
    }, settings("basic"), ENDPOINT, "c.json");

    assertThat(request.jobDefinitionName()).hasSize(63);
    assertThat(SageMakerNames.isValid(request.jobDefinitionName())).isTrue();
  }

  @Test
  void ownershipTagsComeLastFromTheGivenUidAndCannotBeOverridden() {
    CreateDataQualityJobDefinitionRequest definition = jobDefinitionFor("nvme-audit-no-vpc");

    assertThat(definition.tags()).extracting(Tag::key).containsExactly("team",
        "secureml.dev/namespace", "secureml.dev/name", "secureml.dev/uid");
    assertThat(definition.tags()).filteredOn(t -> t.key().equals("secureml.dev/uid"))
        .extracting(Tag::value).containsExactly("5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9");
    assertThat(scheduleFor("nvme-audit-no-vpc").tags()).isEqualTo(definition.tags());
  }

  @Test
  void leavesTheVolumeKeyAndVpcOutWhenTheSettingsHaveNone() {
    CreateDataQualityJobDefinitionRequest request = jobDefinitionFor("nvme-audit-no-vpc");

    assertThat(request.jobResources().clusterConfig().volumeKmsKeyId()).isNull();
    assertThat(request.networkConfig().vpcConfig()).isNull();
    assertThat(jobDefinitionFor("basic").jobResources().clusterConfig().volumeKmsKeyId())
        .isEqualTo("arn:aws:kms:us-east-1:111122223333:key/hc-volume-1111");
  }

  @Test
  void anUpdatePointsTheScheduleAtTheNewDefinition() {
    UpdateMonitoringScheduleRequest update =
        MonitoringRequestMapper.toUpdateScheduleRequest("sched", "def-2", "cron(0 6 ? * * *)");

    assertThat(SdkJson.toJson(update).toString()).isEqualTo("{\"MonitoringScheduleName\":"
        + "\"sched\",\"MonitoringScheduleConfig\":{\"ScheduleConfig\":{\"ScheduleExpression\":"
        + "\"cron(0 6 ? * * *)\"},\"MonitoringJobDefinitionName\":\"def-2\","
        + "\"MonitoringType\":\"DataQuality\"}}");
  }

  @ParameterizedTest
  @CsvSource({
      "us-east-1, 156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer",
      "us-west-2, 159807026194.dkr.ecr.us-west-2.amazonaws.com/sagemaker-model-monitor-analyzer",
      "cn-north-1, 453000072557.dkr.ecr.cn-north-1.amazonaws.com.cn/"
          + "sagemaker-model-monitor-analyzer"})
  void theAnalyzerImageComesFromTheRegionsAwsAccount(String region, String image) {
    assertThat(ModelMonitorImages.analyzerImageUri(region)).isEqualTo(image);
  }

  @Test
  void anUnknownRegionIsAClearError() {
    assertThatThrownBy(() -> ModelMonitorImages.analyzerImageUri("mars-north-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no Model Monitor analyzer image is known for region "
            + "mars-north-1; known regions: ap-east-1, ");
    assertThatThrownBy(() -> ModelMonitorImages.analyzerImageUri(null))
        .hasMessageContaining("region null");
  }

  static CreateDataQualityJobDefinitionRequest jobDefinitionFor(String name) {
    DataQualityMonitor monitor = monitor(name);
    String output = monitor.getSpec().outputS3Uri;
    return MonitoringRequestMapper.toJobDefinitionRequest(monitor, settings(name), ENDPOINT,
        output + "baseline/constraints.json", output + "baseline/statistics.json",
        monitor.getMetadata().getUid());
  }

  static CreateMonitoringScheduleRequest scheduleFor(String name) {
    DataQualityMonitor monitor = monitor(name);
    return MonitoringRequestMapper.toCreateScheduleRequest(monitor, settings(name),
        jobDefinitionFor(name).jobDefinitionName(), HOURLY, monitor.getMetadata().getUid());
  }

  private static CreateDataQualityJobDefinitionRequest jobDefinition(
      Consumer<DataQualityMonitor> change, ResolvedMonitorSettings settings, String endpoint,
      String constraints) {
    DataQualityMonitor monitor = monitor("basic");
    change.accept(monitor);
    return MonitoringRequestMapper.toJobDefinitionRequest(monitor, settings, endpoint,
        constraints, "s.json", monitor.getMetadata().getUid());
  }

  static DataQualityMonitor monitor(String name) {
    return Golden.readYaml(dir(name).resolve("monitor.yaml"), DataQualityMonitor.class);
  }

  private static ResolvedMonitorSettings settings(String name) {
    return Golden.readYaml(dir(name).resolve("settings.yaml"), ResolvedMonitorSettings.class);
  }

  private static Path dir(String name) {
    return Golden.ROOT.resolve(SUITE).resolve(name);
  }
}
