package dev.secureml.operator.sagemaker;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * A failed SageMaker call, already classified. The message is meant for a condition or an
 * Event: {@code SageMaker CreateTrainingJob failed (ValidationException): <AWS message>},
 * without the SDK's request-id suffix (that is in {@link #requestId()}).
 *
 * <p>Calls to Application Auto Scaling for endpoints, and to S3, fail the same way; their message
 * names that service instead of SageMaker.
 */
public class SageMakerCallException extends RuntimeException {
  static final String SAGEMAKER = "SageMaker";

  private final String service;
  private final String operation;
  private final ErrorKind kind;
  private final String errorCode;
  private final String awsMessage;
  private final String requestId;

  public SageMakerCallException(String operation, ErrorKind kind, String errorCode,
      String awsMessage, String requestId, Throwable cause) {
    this(SAGEMAKER, operation, kind, errorCode, awsMessage, requestId, cause);
  }

  /** A failed call to {@code service} (as named in the message, e.g. Application Auto Scaling). */
  public SageMakerCallException(String service, String operation, ErrorKind kind,
      String errorCode, String awsMessage, String requestId, Throwable cause) {
    super(service + " " + operation + " failed (" + errorCode + "): " + awsMessage, cause);
    this.service = service;
    this.operation = operation;
    this.kind = kind;
    this.errorCode = errorCode;
    this.awsMessage = awsMessage;
    this.requestId = requestId;
  }

  /** Wraps any failure of {@code operation}, classifying it with {@link AwsErrorClassifier}. */
  public static SageMakerCallException from(String operation, Throwable failure) {
    return from(SAGEMAKER, operation, failure);
  }

  /** Like {@link #from(String, Throwable)} for a call to another AWS service. */
  public static SageMakerCallException from(String service, String operation, Throwable failure) {
    if (failure instanceof SageMakerCallException already) {
      return already;
    }
    ErrorKind kind = AwsErrorClassifier.classify(failure);
    String code = AwsErrorClassifier.errorCode(failure);
    String message = failure.getMessage();
    String requestId = null;
    if (failure instanceof AwsServiceException aws) {
      requestId = aws.requestId();
      if (aws.awsErrorDetails() != null && aws.awsErrorDetails().errorMessage() != null) {
        message = aws.awsErrorDetails().errorMessage();
      }
    }
    if (code == null) {
      // Not from the service (I/O, timeout, ...): the exception type is the best code we have.
      code = failure.getClass().getSimpleName();
    }
    return new SageMakerCallException(service, operation, kind, code, message, requestId,
        failure);
  }

  /**
   * The same failure with another kind, for callers that know more than the classifier: e.g. a
   * ResourceInUse answer to a delete means "in use", not "already exists".
   */
  public SageMakerCallException withKind(ErrorKind newKind) {
    return new SageMakerCallException(service, operation, newKind, errorCode, awsMessage,
        requestId, getCause());
  }

  /** The AWS service called: SageMaker, Application Auto Scaling or S3. */
  public String service() {
    return service;
  }

  /** The SageMaker operation, e.g. CreateTrainingJob. */
  public String operation() {
    return operation;
  }

  public ErrorKind kind() {
    return kind;
  }

  /**
   * The AWS error code (ValidationException, ResourceInUse, ...), or the exception's simple class
   * name for failures that never reached AWS (SdkClientException, ...). Never null.
   */
  public String errorCode() {
    return errorCode;
  }

  /** AWS's own message, without operation or code. */
  public String awsMessage() {
    return awsMessage;
  }

  /** The AWS request id, for support cases; null when the call never got an answer. */
  public String requestId() {
    return requestId;
  }
}
