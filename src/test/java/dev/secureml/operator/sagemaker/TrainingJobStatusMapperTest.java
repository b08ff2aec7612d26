package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.SecureTrainingJobStatus;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;

/** Golden: describe.json (the wire body) -> status.json (phase plus the mapped fields). */
class TrainingJobStatusMapperTest {
  private static final String SUITE = "describe-training-job";

  static Stream<String> cases() {
    return Golden.cases(SUITE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mapsTheDescribeResponseToTheGoldenStatus(String name) {
    Golden.assertStatusMatches(SUITE, name, DescribeTrainingJobResponse.class, d -> {
      SecureTrainingJobStatus status = new SecureTrainingJobStatus();
      status.phase = TrainingJobStatusMapper.phaseOf(d);
      TrainingJobStatusMapper.apply(d, status);
      return status;
    });
  }

  @ParameterizedTest(name = "{0}/{1} -> {2}")
  @CsvSource(nullValues = "null", value = {
      "InProgress, Starting, Starting",
      "InProgress, Pending, Pending",
      "InProgress, Downloading, Downloading",
      "InProgress, Training, Training",
      "InProgress, Uploading, Uploading",
      "InProgress, Interrupted, Interrupted",
      "InProgress, null, Starting",
      "Completed, Completed, Completed",
      "Failed, Failed, Failed",
      "Stopping, Stopping, Stopping",
      "Stopped, Stopped, Stopped",
      "Failed, MaxRuntimeExceeded, Failed"})
  void phaseIsTheSecondaryStatusOnlyWhileInProgress(String primary, String secondary,
      String phase) {
    DescribeTrainingJobResponse d = DescribeTrainingJobResponse.builder()
        .trainingJobStatus(primary).secondaryStatus(secondary).build();

    assertThat(TrainingJobStatusMapper.phaseOf(d)).isEqualTo(phase);
  }

  @Test
  void clearsWhatSageMakerNoLongerReports() {
    SecureTrainingJobStatus status = new SecureTrainingJobStatus();
    status.failureReason = "stale";
    status.finalMetrics.put("stale", 1.0);
    status.phase = "Error";
    status.trainingJobName = "kept";

    TrainingJobStatusMapper.apply(DescribeTrainingJobResponse.builder()
        .trainingJobStatus("InProgress").build(), status);

    assertThat(status.failureReason).isNull();
    assertThat(status.finalMetrics).isEmpty();
    assertThat(status.secondaryStatusTransitions).isEmpty();
    // The operator's own fields are the controller's business.
    assertThat(status.phase).isEqualTo("Error");
    assertThat(status.trainingJobName).isEqualTo("kept");
  }
}
