package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One request the emulator answered.
 *
 * @param service {@code SageMaker}, {@code SageMakerRuntime}, {@code ApplicationAutoScaling},
 *     {@code Logs} or {@code S3}
 * @param operation the API operation, e.g. {@code CreateTrainingJob}, {@code PutObject}
 * @param request the JSON request body; null for S3 and SageMakerRuntime, whose bodies are
 *     not JSON
 * @param errorCode the AWS error code sent back, null when the call succeeded
 */
public record JournalEntry(
    Instant time,
    String service,
    String operation,
    JsonNode request,
    int httpStatus,
    String errorCode) {

  /** The name tests match on: {@code SageMaker.CreateTrainingJob}, {@code S3.PutObject}. */
  public String target() {
    return service + "." + operation;
  }

  public boolean succeeded() {
    return errorCode == null;
  }
}
