package dev.secureml.operator.logs;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * The CloudWatch Logs reads log forwarding needs: find streams, page through one
 * (GetLogEvents), page through many at once (FilterLogEvents).
 */
public final class CloudWatchLogsGateway {
  /** GetLogEvents and FilterLogEvents return at most this many events per call. */
  public static final int MAX_LIMIT = 10_000;
  /** Streams one FilterLogEvents call may name (the API's maximum). */
  public static final int MAX_FILTER_STREAMS = 100;
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
    return read(group, stream, forwardToken, null, limit);
  }

  /**
   * As {@link #read(String, String, String, int)}; without a token, the first page starts at
   * the first line stamped at or after {@code startTime} (null: the head).
   */
  public LogPage read(String group, String stream, String forwardToken, Long startTime,
      int limit) {
    checkLimit(limit);
    GetLogEventsRequest.Builder request = GetLogEventsRequest.builder()
        .logGroupName(group)
        .logStreamName(stream)
        .startFromHead(true)
        .nextToken(forwardToken)
        .limit(limit);
    if (forwardToken == null && startTime != null) {
      request.startTime(startTime);
    }
    GetLogEventsResponse response = client.getLogEvents(request.build());
    List<LogLine> lines = response.events().stream()
        .map(e -> new LogLine(e.timestamp(), e.message(),
            e.ingestionTime() == null ? 0L : e.ingestionTime()))
        .toList();
    String next = response.nextForwardToken();
    return new LogPage(lines, next, forwardToken != null && forwardToken.equals(next));
  }

  /** One line of a FilterLogEvents page: its stream, its CloudWatch eventId, the line. */
  public record StreamEvent(String stream, String eventId, LogLine line) {}

  /**
   * One FilterLogEvents page.
   *
   * @param events the page's lines, several streams interleaved (each stream's in time order)
   * @param nextToken where the next page of the same search starts; null: the search is done.
   *     A page can be short or empty and still have one
   */
  public record FilterPage(List<StreamEvent> events, String nextToken) {
    public FilterPage {
      events = List.copyOf(events);
    }
  }

  /**
   * Reads a page of the lines of up to {@value #MAX_FILTER_STREAMS} streams of one group
   * stamped at or after {@code startTime}, continuing the search {@code token} names (null:
   * a new search). No filter pattern: every line.
   *
   * @throws ResourceNotFoundException when the group, or one of the streams, does not exist
   */
  public FilterPage filter(String group, List<String> streams, long startTime, String token,
      int limit) {
    checkLimit(limit);
    if (streams.isEmpty() || streams.size() > MAX_FILTER_STREAMS) {
      throw new IllegalArgumentException("streams must be 1-" + MAX_FILTER_STREAMS + ", were "
          + streams.size());
    }
    FilterLogEventsResponse response = client.filterLogEvents(b -> b
        .logGroupName(group)
        .logStreamNames(streams)
        .startTime(startTime)
        .nextToken(token)
        .limit(limit));
    List<StreamEvent> events = response.events().stream()
        .map(e -> new StreamEvent(e.logStreamName(), e.eventId(), new LogLine(e.timestamp(),
            e.message(), e.ingestionTime() == null ? 0L : e.ingestionTime())))
        .toList();
    return new FilterPage(events, response.nextToken());
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", was " + limit);
    }
  }
}
