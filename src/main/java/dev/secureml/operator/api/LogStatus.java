package dev.secureml.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * Log forwarding progress. The per-stream checkpoints are what make forwarding survive an
 * operator restart without losing or repeating a line.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LogStatus {
  @JsonPropertyDescription("CloudWatch Logs group, e.g. /aws/sagemaker/TrainingJobs.")
  public String group;

  @JsonPropertyDescription("Streams read, with their checkpoints.")
  public List<StreamCheckpoint> streams = new ArrayList<>();

  @JsonPropertyDescription("Lines forwarded so far, all streams.")
  public Long linesForwarded;

  @JsonPropertyDescription("The last lines forwarded (redacted), newest last.")
  public List<String> tail = new ArrayList<>();

  @JsonPropertyDescription("When lines were last forwarded.")
  public String lastForwardTime;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class StreamCheckpoint {
    @JsonPropertyDescription("Stream name, e.g. <job>/algo-1-1700000000.")
    public String name;

    @JsonPropertyDescription("GetLogEvents forward token to continue from.")
    public String nextForwardToken;

    @JsonPropertyDescription("Lines forwarded from this stream.")
    public Long linesForwarded;

    @JsonPropertyDescription("Timestamp (epoch ms) of the last line forwarded.")
    public Long lastEventTimestamp;

    @JsonPropertyDescription("True once the resource has finished and the stream's end was read.")
    public Boolean finished;
  }
}
