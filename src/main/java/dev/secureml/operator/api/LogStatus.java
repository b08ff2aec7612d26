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

  @JsonPropertyDescription("Newest line (epoch ms) of the streams dropped from this list after "
      + "being idle; a stream found later is read only from after it.")
  public Long retiredStreamsThrough;

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

    @JsonPropertyDescription("GetLogEvents forward token to continue from; absent once the "
        + "stream is read with FilterLogEvents.")
    public String nextForwardToken;

    @JsonPropertyDescription("FilterLogEvents reads of this stream start at this timestamp "
        + "(epoch ms): lines from it up to lastEventTimestamp were forwarded if and only if "
        + "forwardedEventIds lists them or skipAtRereadFrom counts them.")
    public Long rereadFrom;

    @JsonPropertyDescription("<timestamp>:<CloudWatch eventId> of the lines forwarded from "
        + "rereadFrom on, so a re-read skips them; at most 50.")
    public List<String> forwardedEventIds;

    @JsonPropertyDescription("When set, rereadFrom is lastEventTimestamp and this many lines "
        + "stamped with it were forwarded: a re-read skips that many of them, in CloudWatch's "
        + "order, instead of listing their ids.")
    public Integer skipAtRereadFrom;

    @JsonPropertyDescription("Lines forwarded from this stream.")
    public Long linesForwarded;

    @JsonPropertyDescription("Timestamp (epoch ms) of the last line forwarded.")
    public Long lastEventTimestamp;

    @JsonPropertyDescription("True once the resource has finished and the stream's end was read.")
    public Boolean finished;
  }
}
