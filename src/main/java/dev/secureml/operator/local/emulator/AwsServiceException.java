package dev.secureml.operator.local.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error an AWS service would send back. Services throw it; the HTTP front renders it in the
 * service's own error format (JSON for SageMaker and Logs, XML for S3).
 */
final class AwsServiceException extends RuntimeException {
  private final String code;
  private final int httpStatus;
  /** Extra elements S3 puts into its error document, such as Key or BucketName. */
  private final Map<String, String> details = new LinkedHashMap<>();

  AwsServiceException(String code, String message, int httpStatus) {
    super(message, null, false, false);
    this.code = code;
    this.httpStatus = httpStatus;
  }

  /** The common case for JSON services: a client error with HTTP 400. */
  AwsServiceException(String code, String message) {
    this(code, message, 400);
  }

  static AwsServiceException validation(String message) {
    return new AwsServiceException("ValidationException", message);
  }

  AwsServiceException with(String element, String value) {
    details.put(element, value);
    return this;
  }

  String code() {
    return code;
  }

  int httpStatus() {
    return httpStatus;
  }

  Map<String, String> details() {
    return details;
  }
}
