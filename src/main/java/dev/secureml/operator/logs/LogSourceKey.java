package dev.secureml.operator.logs;

/** The custom resource whose SageMaker logs are forwarded. */
public record LogSourceKey(String kind, String namespace, String name, String uid) {
  @Override
  public String toString() {
    return kind + " " + namespace + "/" + name;
  }
}
