package dev.secureml.operator.logs;

/**
 * A checkpoint save failed. Its message is safe to show the resource's owners (an API status
 * and reason, never a credential or the saved status itself).
 *
 * @see CheckpointStore
 */
public class CheckpointSaveException extends RuntimeException {
  private final boolean permanent;

  /**
   * @param permanent retrying the same save will not help (e.g. 403, 413, 400): the forwarder
   *     stops waiting for the save and keeps trying it only now and then
   */
  public CheckpointSaveException(String message, boolean permanent, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  public boolean permanent() {
    return permanent;
  }
}
