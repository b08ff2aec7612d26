package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.MetricData;
import software.amazon.awssdk.services.sagemaker.model.ModelArtifacts;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;
import software.amazon.awssdk.services.sagemaker.model.VpcConfig;

class SdkJsonTest {
  @Test
  void usesWireMemberNamesAndLeavesUnsetMembersOut() {
    JsonNode json = SdkJson.toJson(CreateTrainingJobRequest.builder()
        .trainingJobName("job")
        .enableNetworkIsolation(true)
        .vpcConfig(VpcConfig.builder().subnets("subnet-1").securityGroupIds(List.of()).build())
        .build());

    assertThat(json.toString()).isEqualTo("{\"TrainingJobName\":\"job\","
        + "\"VpcConfig\":{\"SecurityGroupIds\":[],\"Subnets\":[\"subnet-1\"]},"
        + "\"EnableNetworkIsolation\":true}");
  }

  @Test
  void writesTimestampsAsEpochSecondsWithTheFractionOnlyWhenThereIsOne() {
    JsonNode json = SdkJson.toJson(DescribeTrainingJobResponse.builder()
        .creationTime(Instant.ofEpochSecond(1763900000))
        .trainingStartTime(Instant.ofEpochSecond(1763900125, 512_000_000))
        .build());

    assertThat(json.toString())
        .isEqualTo("{\"CreationTime\":1763900000,\"TrainingStartTime\":1763900125.512}");
  }

  @Test
  void keepsFloatsAsTheirDecimalText() {
    JsonNode json = SdkJson.toJson(MetricData.builder().metricName("auc").value(0.91f).build());
    assertThat(json.toString()).isEqualTo("{\"MetricName\":\"auc\",\"Value\":0.91}");
  }

  @Test
  void roundTripsNestedResponses() {
    DescribeTrainingJobResponse original = DescribeTrainingJobResponse.builder()
        .trainingJobName("job")
        .trainingJobStatus(TrainingJobStatus.COMPLETED)
        .modelArtifacts(ModelArtifacts.builder().s3ModelArtifacts("s3://b/job/output/model.tar.gz")
            .build())
        .trainingEndTime(Instant.ofEpochSecond(1763900990, 750_000_000))
        .finalMetricDataList(MetricData.builder().metricName("auc").value(0.91f).build())
        .hyperParameters(java.util.Map.of("eta", "0.2"))
        .trainingTimeInSeconds(864)
        .build();

    assertThat(SdkJson.fromJson(SdkJson.toJson(original), DescribeTrainingJobResponse.class))
        .isEqualTo(original);
  }

  @Test
  void readsOtherServicesToo() {
    // CloudWatch Logs models epoch-millisecond timestamps as plain longs.
    GetLogEventsResponse response = SdkJson.fromJson(Golden.JSON.createObjectNode()
            .put("nextForwardToken", "f/1")
            .set("events", Golden.JSON.createArrayNode().add(Golden.JSON.createObjectNode()
                .put("timestamp", 1763900000123L).put("message", "epoch 1"))),
        GetLogEventsResponse.class);

    assertThat(response.events()).containsExactly(
        OutputLogEvent.builder().timestamp(1763900000123L).message("epoch 1").build());
    assertThat(response.nextForwardToken()).isEqualTo("f/1");
  }

  @Test
  void rejectsUnknownMembersNamingThem() {
    assertThatThrownBy(() -> SdkJson.fromJson(
        Golden.JSON.createObjectNode().put("TrainingJobStatuz", "Completed"),
        DescribeTrainingJobResponse.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TrainingJobStatuz");
  }

  @Test
  void rejectsClassesThatAreNotSdkModels() {
    assertThatThrownBy(() -> SdkJson.fromJson(Golden.JSON.createObjectNode(),
        software.amazon.awssdk.core.SdkPojo.class))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
