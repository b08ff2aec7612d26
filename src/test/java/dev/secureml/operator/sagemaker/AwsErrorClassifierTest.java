package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.ResourceLimitExceededException;

class AwsErrorClassifierTest {

  @ParameterizedTest(name = "{0} {1} \"{2}\" -> {3}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      # status | code | message | kind
      400 | ThrottlingException | Rate exceeded | THROTTLED
      400 | null | Rate exceeded | THROTTLED
      400 | ProvisionedThroughputExceededException | too fast | THROTTLED
      400 | ProvisionedThroughputExceeded | too fast | THROTTLED
      429 | TooManyRequestsException | Too Many Requests | THROTTLED
      503 | SlowDown | Please reduce your request rate. | THROTTLED
      429 | null | null | THROTTLED
      500 | InternalFailure | An internal error occurred. | RETRYABLE
      503 | ServiceUnavailable | Service Unavailable | RETRYABLE
      502 | null | Bad Gateway | RETRYABLE
      400 | ValidationException | Requested resource not found. | NOT_FOUND
      400 | ValidationException | Could not find endpoint "arn:aws:sagemaker:us-east-1:111122223333:endpoint/x". | NOT_FOUND
      400 | ValidationException | Could not find model "arn:aws:sagemaker:us-east-1:111122223333:model/m". | NOT_FOUND
      400 | ResourceNotFound | Resource not found | NOT_FOUND
      400 | ResourceNotFoundException | The specified log stream does not exist. | NOT_FOUND
      404 | NoSuchKey | The specified key does not exist. | NOT_FOUND
      404 | null | null | NOT_FOUND
      400 | ResourceInUse | Training job names must be unique within an AWS account and region, and a training job with this name already exists (arn:aws:sagemaker:us-east-1:111122223333:training-job/x) | ALREADY_EXISTS
      400 | ValidationException | Cannot create already existing endpoint "arn:aws:sagemaker:us-east-1:111122223333:endpoint/x". | ALREADY_EXISTS
      400 | ValidationException | Cannot create already existing endpoint configuration "arn:aws:sagemaker:us-east-1:111122223333:endpoint-config/x". | ALREADY_EXISTS
      400 | ResourceAlreadyExistsException | The specified log group already exists | ALREADY_EXISTS
      400 | ValidationException | Cannot create already existing model "arn:aws:sagemaker:us-east-1:111122223333:model/m". | ALREADY_EXISTS
      400 | ValidationException | Could not find endpoint configuration "arn:aws:sagemaker:us-east-1:111122223333:endpoint-config/c". | NOT_FOUND
      400 | ObjectNotFoundException | No scalable target registered for service namespace: sagemaker, resource ID: endpoint/e/variant/v, scalable dimension: sagemaker:variant:DesiredInstanceCount | NOT_FOUND
      400 | ConcurrentUpdateException | Concurrent update in progress | RETRYABLE
      400 | InternalServiceException | Internal service error | RETRYABLE
      400 | ResourceNotFound | Monitoring schedule arn:aws:sagemaker:us-east-1:111122223333:monitoring-schedule/s not found | NOT_FOUND
      400 | ResourceNotFound | Job definition arn:aws:sagemaker:us-east-1:111122223333:data-quality-job-definition/d not found | NOT_FOUND
      400 | ValidationException | Could not find requested job with name fraud-models-drift-5fcbed-202401011200 | NOT_FOUND
      400 | ValidationException | Monitoring schedule fraud-models-drift-5fcbed does not exist. | NOT_FOUND
      400 | ValidationException | ModelPackage arn:aws:sagemaker:us-east-1:111122223333:model-package/p/1 does not exist | NOT_FOUND
      400 | ResourceInUse | Monitoring schedule fraud-models-drift-5fcbed already exists | ALREADY_EXISTS
      400 | ValidationException | The role does not exist or is not assumable by SageMaker | TERMINAL
      400 | ValidationException | Endpoint e is not in service | TERMINAL
      400 | ValidationException | 1 validation error detected: Value 'ml.m5.huge' at 'resourceConfig.instanceType' failed to satisfy constraint: Member must satisfy enum value set | TERMINAL
      400 | ValidationException | Cannot update in-progress endpoint "arn:aws:sagemaker:us-east-1:111122223333:endpoint/x". | TERMINAL
      400 | ValidationException | The training job x is not in InProgress status; its status is Completed. | TERMINAL
      400 | ResourceLimitExceeded | The account-level service limit 'ml.p3.16xlarge for training job usage' is 0 Instances | TERMINAL
      400 | AccessDeniedException | User is not authorized to perform: sagemaker:CreateTrainingJob | TERMINAL
      403 | AccessDenied | Access Denied | TERMINAL
      400 | null | null | TERMINAL
      """)
  void classifiesServiceErrors(int status, String code, String message, ErrorKind kind) {
    AwsServiceException e = AwsServiceException.builder()
        .statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
        .message(message)
        .build();

    assertThat(AwsErrorClassifier.classify(e)).isEqualTo(kind);
  }

  @Test
  void classifiesTheModelledSageMakerExceptions() {
    assertThat(AwsErrorClassifier.classify(ResourceInUseException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceInUse")
            .errorMessage("Training job names must be unique").build())
        .build())).isEqualTo(ErrorKind.ALREADY_EXISTS);
    assertThat(AwsErrorClassifier.classify(ResourceLimitExceededException.builder()
        .statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceLimitExceeded").build())
        .build())).isEqualTo(ErrorKind.TERMINAL);
  }

  @Test
  void clientSideFailuresAreRetryable() {
    assertThat(AwsErrorClassifier.classify(SdkClientException.create(
        "Unable to execute HTTP request: Connection refused", new IOException("refused"))))
        .isEqualTo(ErrorKind.RETRYABLE);
    assertThat(AwsErrorClassifier.classify(ApiCallTimeoutException.create(1000)))
        .isEqualTo(ErrorKind.RETRYABLE);
    assertThat(AwsErrorClassifier.classify(new UncheckedIOException(new IOException("reset"))))
        .isEqualTo(ErrorKind.RETRYABLE);
  }

  @Test
  void aCallOnAClosedClientIsRetryable() {
    // What a reconcile still running while the operator stops gets from the closed client.
    SageMakerClient closed = new AwsClientFactory(new AwsSettings("us-east-1",
        URI.create("http://127.0.0.1:9"), 1, 10, 10)).sageMaker();
    closed.close();

    RuntimeException failure = catchThrowableOfType(
        () -> closed.describeTrainingJob(b -> b.trainingJobName("any")), RuntimeException.class);

    assertThat(AwsErrorClassifier.classify(failure)).isEqualTo(ErrorKind.RETRYABLE);
  }

  @Test
  void looksThroughWrappers() {
    AwsServiceException throttled = AwsServiceException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build())
        .build();
    assertThat(AwsErrorClassifier.classify(new CompletionException(throttled)))
        .isEqualTo(ErrorKind.THROTTLED);
    assertThat(AwsErrorClassifier.errorCode(new CompletionException(throttled)))
        .isEqualTo("ThrottlingException");
  }

  @Test
  void unknownFailuresAreTerminal() {
    assertThat(AwsErrorClassifier.classify(new IllegalArgumentException("bad")))
        .isEqualTo(ErrorKind.TERMINAL);
    assertThat(AwsErrorClassifier.errorCode(new IllegalArgumentException("bad"))).isNull();
  }
}
