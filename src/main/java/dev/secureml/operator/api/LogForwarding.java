package dev.secureml.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Whether the resource's CloudWatch logs are forwarded into the cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LogForwarding {
  @Default("true")
  @JsonPropertyDescription("Forward the SageMaker logs (default true): to the operator's "
      + "stdout as JSON lines, to status.logs, to Events, and to the HTTP sink if configured.")
  public Boolean forward = true;

  public static boolean enabled(LogForwarding logs) {
    return logs == null || !Boolean.FALSE.equals(logs.forward);
  }
}
