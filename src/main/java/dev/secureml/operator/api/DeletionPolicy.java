package dev.secureml.operator.api;

/** What happens to the SageMaker resources when the custom resource is deleted. */
public enum DeletionPolicy {
  /** Stop or delete the SageMaker resources. */
  Delete,
  /** Leave the SageMaker resources as they are. */
  Retain
}
