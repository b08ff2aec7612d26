package dev.secureml.operator.logs;

import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import java.util.ArrayList;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** The two CloudWatch Logs reads log forwarding needs: find streams, page through one. */
public final class CloudWatchLogsGateway {
  /** GetLogEvents returns at most this many events per call. */
  public static final int MAX_LIMIT = 10_000;
  /** Streams per DescribeLogStreams page (the API's maximum and default). */
  public static final int DESCRIBE_PAGE_SIZE = 50;

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
   * One page of a newest-first listing of a group.
   *
   * @param nextToken where the next page starts; null when the listing is done: the page
   *     reached a stream older than asked, or was the group's last
   */
  public record RecentStreamsPage(List<String> names, String nextToken) {}

  /**
   * One page of the group's streams by last event time, newest first, starting at
   * {@code token} (null: the newest). The listing is done after the page that reaches a stream
   * whose last event and last ingestion are both older than {@code sinceMillis} (streams
   * without events count as older): the listing is ordered by last event time, so every stream
   * after it is older still. Every stream on the page is returned, so some older ones come
   * along. One call per page, so the caller can keep each call inside the DescribeLogStreams
   * quota. A missing group gives an empty, finished page.
   */
  public RecentStreamsPage recentStreamsPage(String group, long sinceMillis, String token) {
    DescribeLogStreamsResponse page;
    try {
      page = client.describeLogStreams(DescribeLogStreamsRequest.builder().logGroupName(group)
          .orderBy(OrderBy.LAST_EVENT_TIME).descending(true).limit(DESCRIBE_PAGE_SIZE)
          .nextToken(token).build());
    } catch (ResourceNotFoundException e) {
      return new RecentStreamsPage(List.of(), null);
    }
    List<String> names = new ArrayList<>();
    boolean older = false;
    for (LogStream stream : page.logStreams()) {
      names.add(stream.logStreamName());
      older |= lastActivity(stream) < sinceMillis;
    }
    boolean done = older || page.logStreams().isEmpty();
    return new RecentStreamsPage(names, done ? null : page.nextToken());
  }

  private static long lastActivity(LogStream stream) {
    long last = Long.MIN_VALUE;
    if (stream.lastEventTimestamp() != null) {
      last = Math.max(last, stream.lastEventTimestamp());
    }
    if (stream.lastIngestionTime() != null) {
      last = Math.max(last, stream.lastIngestionTime());
    }
    return last;
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
