package dev.secureml.operator.dataquality;

/**
 * A DataQualityMonitor input only the user can fix (a missing or unreadable baseline or training
 * object, an excluded column that does not exist, no records); the message names the spec field
 * and the S3 URI. Retrying does not help until the spec or the data changes.
 */
public class MonitorInputException extends RuntimeException {
  public MonitorInputException(String message) {
    super(message);
  }

  public MonitorInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
