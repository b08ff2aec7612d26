package dev.secureml.operator.logs;

/**
 * A sink refused a batch for a reason that retrying soon will not fix (bad credentials, a
 * malformed request, a line too large): the stream is parked at its checkpoint and the batch
 * offered again only now and then, so a repaired receiver still gets every line.
 */
public class LogSinkRejectedException extends LogSinkException {
  private final int status;

  /** @param status the receiver's answer, e.g. an HTTP status; safe to show people */
  public LogSinkRejectedException(String message, int status) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
