package dev.secureml.operator.logs;

/** A sink did not accept a batch; the lines will be offered again. */
public class LogSinkException extends Exception {
  public LogSinkException(String message, Throwable cause) {
    super(message, cause);
  }

  public LogSinkException(String message) {
    super(message);
  }
}
