package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.ModelEndpointStatus;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/** Golden: describe.json (the wire body) -> status.json (phase plus the mapped fields). */
class EndpointStatusMapperTest {
  private static final String SUITE = "describe-endpoint";

  static Stream<String> cases() {
    return Golden.cases(SUITE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mapsTheDescribeResponseToTheGoldenStatus(String name) {
    Golden.assertStatusMatches(SUITE, name, DescribeEndpointResponse.class, d -> {
      ModelEndpointStatus status = new ModelEndpointStatus();
      status.phase = EndpointStatusMapper.phaseOf(d);
      EndpointStatusMapper.apply(d, status);
      return status;
    });
  }

  @Test
  void anEndpointDescribedWithoutAStatusIsNotTransitional() {
    DescribeEndpointResponse d = DescribeEndpointResponse.builder().endpointName("ep").build();

    assertThat(EndpointStatusMapper.isTransitional(d)).isFalse();
    assertThat(EndpointStatusMapper.phaseOf(d)).isEqualTo("Unknown");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "Creating, true", "Updating, true", "SystemUpdating, true", "RollingBack, true",
      "Deleting, true", "InService, false", "Failed, false", "OutOfService, false",
      "UpdateRollbackFailed, false"})
  void transitionalStatesAcceptNoUpdateOrDelete(String status, boolean transitional) {
    DescribeEndpointResponse d = DescribeEndpointResponse.builder().endpointStatus(status).build();

    assertThat(EndpointStatusMapper.isTransitional(d)).isEqualTo(transitional);
    assertThat(EndpointStatusMapper.phaseOf(d)).isEqualTo(status);
  }

  @Test
  void phaseIsUnknownWithoutAStatus() {
    assertThat(EndpointStatusMapper.phaseOf(DescribeEndpointResponse.builder().build()))
        .isEqualTo("Unknown");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "null", value = {
      "arn:aws:sagemaker:us-east-1:111122223333:endpoint/ep, "
          + "https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/Ep/invocations",
      "arn:aws-cn:sagemaker:cn-north-1:111122223333:endpoint/ep, "
          + "https://runtime.sagemaker.cn-north-1.amazonaws.com.cn/endpoints/Ep/invocations",
      "not-an-arn, null",
      "arn:aws:sagemaker::111122223333:endpoint/ep, null",
      "null, null"})
  void invocationUrlTakesTheRegionFromTheArnAndTheNameAsGiven(String arn, String url) {
    assertThat(EndpointStatusMapper.invocationUrl(arn, "Ep")).isEqualTo(url);
  }

  @Test
  void clearsWhatSageMakerNoLongerReports() {
    ModelEndpointStatus status = new ModelEndpointStatus();
    status.failureReason = "stale";
    status.variants.add(new ModelEndpointStatus.VariantStatus());
    status.phase = "Error";
    status.endpointName = "kept";
    status.modelNames.add("kept-model");

    EndpointStatusMapper.apply(DescribeEndpointResponse.builder()
        .endpointStatus("Creating").build(), status);

    assertThat(status.failureReason).isNull();
    assertThat(status.variants).isEmpty();
    assertThat(status.invocationUrl).isNull();
    // The operator's own fields are the controller's business.
    assertThat(status.phase).isEqualTo("Error");
    assertThat(status.endpointName).isEqualTo("kept");
    assertThat(status.modelNames).containsExactly("kept-model");
  }
}
