package dev.secureml.operator.sagemaker;

/**
 * A SageMaker resource has the name the operator wants, and its ownership tags name another
 * custom resource (or none). The operator leaves it untouched: no adoption, no update, no
 * delete. The message names the resource and is meant for a condition and a Warning Event.
 */
public final class NameConflictException extends RuntimeException {
  private final String resourceKind;
  private final String resourceName;

  /** @param resourceKind as messages name it, e.g. {@code monitoring schedule} */
  public NameConflictException(String resourceKind, String resourceName) {
    super("a SageMaker " + resourceKind + " named " + resourceName + " already exists and is "
        + "not owned by this resource (its " + OwnershipTags.PREFIX + " ownership tags differ); "
        + "it is left untouched");
    this.resourceKind = resourceKind;
    this.resourceName = resourceName;
  }

  /** What kind of SageMaker resource conflicts, e.g. {@code endpoint configuration}. */
  public String resourceKind() {
    return resourceKind;
  }

  public String resourceName() {
    return resourceName;
  }
}
