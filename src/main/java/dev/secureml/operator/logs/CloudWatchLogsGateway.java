package dev.secureml.operator.logs;

import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** The two CloudWatch Logs reads log forwarding needs: find streams, page through one. */
public final class CloudWatchLogsGateway {
  /** GetLogEvents returns at most this many events per call. */
  public static final int MAX_LIMIT = 10_000;

  private final CloudWatchLogsClient client;

  public CloudWatchLogsGateway(CloudWatchLogsClient client) {
    this.client = client;
  }

  /**
   * Names of the group's streams that start with {@code prefix} (null or empty: all), in name
   * order, over all pages. A group that does not exist yet gives an empty list: SageMaker
   * creates it only when a container first writes, so "missing" just means "no logs yet".
   */
  public List<String> streams(String group, String prefix) {
    DescribeLogStreamsRequest.Builder request = DescribeLogStreamsRequest.builder()
        .logGroupName(group);
    if (prefix != null && !prefix.isEmpty()) {
      request.logStreamNamePrefix(prefix);
    }
    try {
      return client.describeLogStreamsPaginator(request.build()).logStreams().stream()
          .map(LogStream::logStreamName)
          .toList();
    } catch (ResourceNotFoundException e) {
      return List.of();
    }
  }

  /**
   * Reads up to {@code limit} lines forward from {@code forwardToken} (null: from the head).
   * A missing group or stream is an error here; discover streams with {@link #streams} first.
   *
   * @throws ResourceNotFoundException when the group or stream does not exist
   */
  public LogPage read(String group, String stream, String forwardToken, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", was " + limit);
    }
    GetLogEventsResponse response = client.getLogEvents(b -> b
        .logGroupName(group)
        .logStreamName(stream)
        .startFromHead(true)
        .nextToken(forwardToken)
        .limit(limit));
    List<LogLine> lines = response.events().stream()
        .map(e -> new LogLine(e.timestamp(), e.message(),
            e.ingestionTime() == null ? 0L : e.ingestionTime()))
        .toList();
    String next = response.nextForwardToken();
    return new LogPage(lines, next, forwardToken != null && forwardToken.equals(next));
  }
}
