package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class SageMakerCallExceptionTest {
  @Test
  void carriesOperationKindCodeAndTheCleanAwsMessage() {
    AwsServiceException aws = AwsServiceException.builder()
        .statusCode(400)
        .requestId("req-1")
        .message("1 validation error detected (Service: SageMaker, Status Code: 400, "
            + "Request ID: req-1)")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
            .errorMessage("1 validation error detected").serviceName("SageMaker").build())
        .build();

    SageMakerCallException e = SageMakerCallException.from("CreateTrainingJob", aws);

    assertThat(e.operation()).isEqualTo("CreateTrainingJob");
    assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL);
    assertThat(e.errorCode()).isEqualTo("ValidationException");
    assertThat(e.awsMessage()).isEqualTo("1 validation error detected");
    assertThat(e.requestId()).isEqualTo("req-1");
    assertThat(e.getMessage()).isEqualTo(
        "SageMaker CreateTrainingJob failed (ValidationException): 1 validation error detected");
    assertThat(e.getCause()).isSameAs(aws);
  }

  @Test
  void namesTheExceptionTypeWhenAwsNeverAnswered() {
    SdkClientException io = SdkClientException.create("Unable to execute HTTP request: refused",
        new IOException("refused"));

    SageMakerCallException e = SageMakerCallException.from("DescribeTrainingJob", io);

    assertThat(e.kind()).isEqualTo(ErrorKind.RETRYABLE);
    assertThat(e.errorCode()).isEqualTo("SdkClientException");
    assertThat(e.requestId()).isNull();
    assertThat(e.getMessage()).isEqualTo("SageMaker DescribeTrainingJob failed "
        + "(SdkClientException): Unable to execute HTTP request: refused");
  }

  @Test
  void isNotWrappedTwice() {
    SageMakerCallException first = new SageMakerCallException("StopTrainingJob",
        ErrorKind.NOT_FOUND, "ValidationException", "Requested resource not found.", null, null);
    assertThat(SageMakerCallException.from("StopTrainingJob", first)).isSameAs(first);
  }

  @Test
  void namesAnotherServiceAndCanBeReclassified() {
    AwsServiceException aws = AwsServiceException.builder()
        .statusCode(400)
        .requestId("req-2")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ObjectNotFoundException")
            .errorMessage("No scalable target registered").build())
        .build();

    SageMakerCallException e = SageMakerCallException.from("Application Auto Scaling",
        "DeregisterScalableTarget", aws);
    SageMakerCallException retryable = e.withKind(ErrorKind.RETRYABLE);

    assertThat(e.service()).isEqualTo("Application Auto Scaling");
    assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(e.getMessage()).isEqualTo("Application Auto Scaling DeregisterScalableTarget "
        + "failed (ObjectNotFoundException): No scalable target registered");
    assertThat(retryable.kind()).isEqualTo(ErrorKind.RETRYABLE);
    assertThat(retryable.getMessage()).isEqualTo(e.getMessage());
    assertThat(retryable.requestId()).isEqualTo("req-2");
    assertThat(retryable.getCause()).isSameAs(aws);
    assertThat(new SageMakerCallException("CreateModel", ErrorKind.TERMINAL, "X", "m", null,
        null).service()).isEqualTo("SageMaker");
  }
}
