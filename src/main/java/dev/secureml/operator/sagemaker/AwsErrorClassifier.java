package dev.secureml.operator.sagemaker;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Sorts AWS failures into {@link ErrorKind}s, by error code and HTTP status first.
 *
 * <p>Some message matching is unavoidable: the live SageMaker API reports "not found" and
 * "already exists" for several resources as a plain {@code ValidationException} whose only
 * distinguishing feature is the message (see SAGEMAKER-NOTES.md). Those few messages are
 * matched here and nowhere else. Missing monitoring schedules and job definitions come as
 * {@code ResourceNotFound}; a missing processing job as "Could not find requested job ...";
 * some resources (model packages, for one) say "... does not exist.".
 */
public final class AwsErrorClassifier {
  private static final String VALIDATION = "ValidationException";

  // The SDK's own throttling codes (AwsErrorCode) plus the variants named in SAGEMAKER-NOTES.md.
  private static final Set<String> THROTTLING_CODES = Set.of(
      "ThrottlingException", "Throttling", "ThrottledException", "RequestThrottled",
      "RequestThrottledException", "TooManyRequestsException", "RequestLimitExceeded",
      "ProvisionedThroughputExceededException", "ProvisionedThroughputExceeded",
      "SlowDown", "BandwidthLimitExceeded", "PriorRequestNotComplete",
      "EC2ThrottledException", "TransactionInProgressException");

  // ObjectNotFoundException: Application Auto Scaling's answer for a scalable target or scaling
  // policy that does not exist.
  private static final Set<String> NOT_FOUND_CODES = Set.of(
      "ResourceNotFound", "ResourceNotFoundException", "NoSuchKey", "NoSuchBucket",
      "NotFound", "NotFoundException", "ObjectNotFoundException");

  // ResourceInUse is what CreateTrainingJob answers for a duplicate name ("Training job names
  // must be unique within an AWS account and region"); ResourceAlreadyExistsException is the
  // CloudWatch Logs equivalent. Answering a delete, ResourceInUse means "in use" instead;
  // EndpointGateway reports it as RETRYABLE there.
  private static final Set<String> ALREADY_EXISTS_CODES = Set.of(
      "ResourceInUse", "ResourceInUseException", "ResourceAlreadyExistsException",
      "BucketAlreadyOwnedByYou");

  // Application Auto Scaling models InternalServiceException and ConcurrentUpdateException
  // (another change to the same target is in flight) as HTTP 400; both clear on their own.
  private static final Set<String> SERVER_FAULT_CODES = Set.of(
      "InternalFailure", "InternalError", "InternalServerError", "InternalServerException",
      "ServiceUnavailable", "ServiceUnavailableException", "RequestTimeout",
      "RequestTimeoutException", "InternalServiceException", "ConcurrentUpdateException");

  private AwsErrorClassifier() {}

  /** The kind of a failure; unknown failures are TERMINAL so they are reported, not looped on. */
  public static ErrorKind classify(Throwable t) {
    // Walk wrappers such as CompletionException; the first AWS-specific cause decides.
    int depth = 0;
    for (Throwable c = t; c != null && depth < 10; c = c.getCause(), depth++) {
      if (c instanceof SageMakerCallException call) {
        return call.kind();
      }
      if (c instanceof AwsServiceException aws) {
        return classifyService(aws);
      }
      if (c instanceof SdkServiceException service) {
        return classifyStatus(service.statusCode(), service.isThrottlingException());
      }
      if (c instanceof SdkClientException) {
        // Client-side: I/O, timeouts, credentials not yet available (IRSA token rotation).
        // Nothing reached AWS, so trying again later is always safe.
        return ErrorKind.RETRYABLE;
      }
      if (c instanceof IOException) {
        return ErrorKind.RETRYABLE;
      }
      if (c instanceof RejectedExecutionException) {
        // A call on a client closed under it (the operator stopping): nothing reached AWS.
        return ErrorKind.RETRYABLE;
      }
    }
    return ErrorKind.TERMINAL;
  }

  /** The AWS error code, or null when the failure did not come from an AWS service. */
  public static String errorCode(Throwable t) {
    int depth = 0;
    for (Throwable c = t; c != null && depth < 10; c = c.getCause(), depth++) {
      if (c instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
        return aws.awsErrorDetails().errorCode();
      }
    }
    return null;
  }

  private static ErrorKind classifyService(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
    int status = e.statusCode();
    if (code != null) {
      if (THROTTLING_CODES.contains(code)) {
        return ErrorKind.THROTTLED;
      }
      if (NOT_FOUND_CODES.contains(code)) {
        return ErrorKind.NOT_FOUND;
      }
      if (ALREADY_EXISTS_CODES.contains(code)) {
        return ErrorKind.ALREADY_EXISTS;
      }
      if (SERVER_FAULT_CODES.contains(code)) {
        return ErrorKind.RETRYABLE;
      }
      if (VALIDATION.equals(code) && message != null) {
        if (message.startsWith("Requested resource not found")
            || message.startsWith("Could not find")
            || message.strip().replaceFirst("\\.$", "").endsWith("does not exist")) {
          return ErrorKind.NOT_FOUND;
        }
        if (message.startsWith("Cannot create already existing")) {
          return ErrorKind.ALREADY_EXISTS;
        }
      }
    }
    // SageMaker's throttle is a 400 whose message is the only hint when the code is missing.
    if (message != null && message.startsWith("Rate exceeded")) {
      return ErrorKind.THROTTLED;
    }
    // ResourceLimitExceeded (a quota: instances, concurrent jobs) lands here as TERMINAL. It can
    // clear when other jobs finish or the quota is raised; a later version may poll for that.
    return classifyStatus(status, e.isThrottlingException());
  }

  private static ErrorKind classifyStatus(int status, boolean sdkSaysThrottling) {
    if (sdkSaysThrottling || status == 429) {
      return ErrorKind.THROTTLED;
    }
    if (status == 404) {
      return ErrorKind.NOT_FOUND;
    }
    if (status >= 500) {
      return ErrorKind.RETRYABLE;
    }
    // Any other 4xx (ValidationException, AccessDenied, ...) fails the same way next time.
    return ErrorKind.TERMINAL;
  }
}
