package dev.secureml.operator.logs;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.paginators.DescribeLogStreamsIterable;

/**
 * CloudWatch Logs in memory, with the forward-token semantics of the real service, a record of
 * when each call was made (on the test's clock) and throttling on demand. Lets scheduling tests
 * run on a fake clock, without sleeping. FilterLogEvents returns the named streams' lines
 * sorted by timestamp (then arrival), with stable eventIds, and says a named stream that does
 * not exist is missing, as AWS does.
 */
final class FakeLogsClient implements CloudWatchLogsClient {
  /**
   * @param stream the stream read; null for a listing or a FilterLogEvents call
   * @param token the token the call continued from; null: from the start
   * @param streams the streams a FilterLogEvents call named; empty for other calls
   * @param startTime the startTime a FilterLogEvents call asked for; null for other calls
   */
  record Call(String operation, long atMillis, boolean throttled, String stream, String token,
      List<String> streams, Long startTime) {
    Call(String operation, long atMillis, boolean throttled, String stream, String token) {
      this(operation, atMillis, throttled, stream, token, List.of(), null);
    }

    /** The call read this stream, alone or among others. */
    boolean read(String name) {
      return name.equals(stream) || streams.contains(name);
    }
  }

  private final Clock clock;
  private final Map<String, Map<String, List<OutputLogEvent>>> groups = new TreeMap<>();
  /** Per event (by identity): its eventId and its place in the order of arrival. */
  private final Map<OutputLogEvent, Long> arrival = new java.util.IdentityHashMap<>();
  private long arrived;
  private final List<Call> calls = new ArrayList<>();
  final AtomicInteger throttleNextReads = new AtomicInteger();
  final AtomicInteger throttleNextFilters = new AtomicInteger();
  final AtomicInteger throttleNextDescribes = new AtomicInteger();
  /** Throttles the next DescribeLogStreams calls that ask for a page after the first. */
  final AtomicInteger throttleNextLaterPages = new AtomicInteger();
  /**
   * DescribeLogStreams calls accepted in any second of the clock, as AWS's quota counts them;
   * a call beyond it is throttled. 0: no quota.
   */
  volatile int describesPerSecond;

  FakeLogsClient(Clock clock) {
    this.clock = clock;
  }

  synchronized void createStream(String group, String stream) {
    groups.computeIfAbsent(group, g -> new TreeMap<>()).putIfAbsent(stream, new ArrayList<>());
  }

  /** Appends lines, each stamped with the clock's time. */
  synchronized void put(String group, String stream, List<String> messages) {
    putAt(group, stream, clock.millis(), messages);
  }

  /**
   * Appends lines stamped {@code timestamp}, ingested now: a timestamp older than lines already
   * there is a line CloudWatch received late.
   */
  synchronized void putAt(String group, String stream, long timestamp, List<String> messages) {
    createStream(group, stream);
    for (String message : messages) {
      OutputLogEvent event = OutputLogEvent.builder().timestamp(timestamp)
          .ingestionTime(clock.millis()).message(message).build();
      groups.get(group).get(stream).add(event);
      arrival.put(event, arrived++);
    }
  }

  synchronized List<Call> calls(String operation) {
    return calls.stream().filter(c -> c.operation().equals(operation)).toList();
  }

  @Override
  public synchronized GetLogEventsResponse getLogEvents(GetLogEventsRequest request) {
    boolean throttled = take(throttleNextReads);
    calls.add(new Call(LogForwarder.GET_LOG_EVENTS, clock.millis(), throttled,
        request.logStreamName(), request.nextToken()));
    if (throttled) {
      throw throttling();
    }
    List<OutputLogEvent> events = groups.getOrDefault(request.logGroupName(), Map.of())
        .get(request.logStreamName());
    if (events == null) {
      throw ResourceNotFoundException.builder().message("The specified log stream does not exist.")
          .statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
              .errorCode("ResourceNotFoundException").build()).build();
    }
    int from = request.nextToken() == null ? 0 : position(request.nextToken(), events.size());
    if (request.nextToken() == null && request.startTime() != null) {
      while (from < events.size() && events.get(from).timestamp() < request.startTime()) {
        from++;
      }
    }
    int to = Math.min(events.size(), from + request.limit());
    return GetLogEventsResponse.builder().events(List.copyOf(events.subList(from, to)))
        .nextForwardToken("f/" + to).nextBackwardToken("b/" + from).build();
  }

  @Override
  public synchronized FilterLogEventsResponse filterLogEvents(FilterLogEventsRequest request) {
    boolean throttled = take(throttleNextFilters);
    calls.add(new Call(LogForwarder.FILTER_LOG_EVENTS, clock.millis(), throttled, null,
        request.nextToken(), List.copyOf(request.logStreamNames()), request.startTime()));
    if (throttled) {
      throw throttling();
    }
    Map<String, List<OutputLogEvent>> streams = groups.get(request.logGroupName());
    if (streams == null || !streams.keySet().containsAll(request.logStreamNames())) {
      throw ResourceNotFoundException.builder().message(streams == null
          ? "The specified log group does not exist."
          : "The specified log stream does not exist.").statusCode(400)
          .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException")
              .build()).build();
    }
    long start = request.startTime() == null ? 0 : request.startTime();
    long[] after = request.nextToken() == null ? new long[] {Long.MIN_VALUE, -1}
        : java.util.Arrays.stream(request.nextToken().split("/")).mapToLong(Long::parseLong)
            .toArray();
    List<FilteredLogEvent> hits = new ArrayList<>();
    for (String name : request.logStreamNames()) {
      for (OutputLogEvent e : streams.get(name)) {
        long seq = arrival.get(e);
        boolean later = e.timestamp() > after[0] || (e.timestamp() == after[0] && seq > after[1]);
        if (e.timestamp() >= start && later) {
          hits.add(FilteredLogEvent.builder().logStreamName(name).eventId("e" + seq)
              .timestamp(e.timestamp()).ingestionTime(e.ingestionTime()).message(e.message())
              .build());
        }
      }
    }
    hits.sort(Comparator.comparingLong(FilteredLogEvent::timestamp)
        .thenComparingLong(e -> Long.parseLong(e.eventId().substring(1))));
    int limit = request.limit() == null ? 10_000 : request.limit();
    List<FilteredLogEvent> page = hits.subList(0, Math.min(limit, hits.size()));
    String next = null;
    if (hits.size() > page.size()) {
      FilteredLogEvent last = page.get(page.size() - 1);
      next = last.timestamp() + "/" + last.eventId().substring(1);
    }
    return FilterLogEventsResponse.builder().events(List.copyOf(page)).nextToken(next).build();
  }

  @Override
  public synchronized DescribeLogStreamsResponse describeLogStreams(
      DescribeLogStreamsRequest request) {
    boolean throttled = take(throttleNextDescribes) || describeQuotaFull()
        || (request.nextToken() != null && take(throttleNextLaterPages));
    calls.add(new Call(LogForwarder.DESCRIBE_LOG_STREAMS, clock.millis(), throttled, null,
        request.nextToken()));
    if (throttled) {
      throw throttling();
    }
    Map<String, List<OutputLogEvent>> streams = groups.get(request.logGroupName());
    if (streams == null) {
      throw ResourceNotFoundException.builder().message("The specified log group does not exist.")
          .statusCode(400).build();
    }
    String prefix = request.logStreamNamePrefix() == null ? "" : request.logStreamNamePrefix();
    if (request.orderBy() == OrderBy.LAST_EVENT_TIME) {
      // Like the service: newest last event first (descending), streams without events last.
      List<LogStream> all = new ArrayList<>();
      streams.forEach((name, events) -> {
        LogStream.Builder stream = LogStream.builder().logStreamName(name);
        if (!events.isEmpty()) {
          OutputLogEvent last = events.get(events.size() - 1);
          stream.lastEventTimestamp(last.timestamp()).lastIngestionTime(last.ingestionTime());
        }
        all.add(stream.build());
      });
      Comparator<LogStream> order = Comparator.comparing(
          (LogStream s) -> s.lastEventTimestamp() == null ? 0L : s.lastEventTimestamp())
          .thenComparing(LogStream::logStreamName);
      all.sort(Boolean.TRUE.equals(request.descending()) ? order.reversed() : order);
      int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
      int limit = request.limit() == null ? 50 : request.limit();
      int to = Math.min(all.size(), from + limit);
      return DescribeLogStreamsResponse.builder().logStreams(List.copyOf(all.subList(from, to)))
          .nextToken(to < all.size() ? String.valueOf(to) : null).build();
    }
    return DescribeLogStreamsResponse.builder().logStreams(streams.keySet().stream()
        .filter(n -> n.startsWith(prefix))
        .map(n -> LogStream.builder().logStreamName(n).build()).toList()).build();
  }

  @Override
  public DescribeLogStreamsIterable describeLogStreamsPaginator(DescribeLogStreamsRequest r) {
    return new DescribeLogStreamsIterable(this, r);
  }

  @Override
  public String serviceName() {
    return "logs";
  }

  @Override
  public void close() {}

  private boolean describeQuotaFull() {
    long now = clock.millis();
    return describesPerSecond > 0 && calls(LogForwarder.DESCRIBE_LOG_STREAMS).stream()
        .filter(c -> !c.throttled() && c.atMillis() > now - 1_000).count() >= describesPerSecond;
  }

  /** A forward token's position; one CloudWatch would refuse (expired, say) is refused. */
  private static int position(String token, int size) {
    try {
      int at = Integer.parseInt(token.substring(2));
      if (token.startsWith("f/") && at <= size) {
        return at;
      }
    } catch (RuntimeException ignored) {
      // refused below
    }
    throw InvalidParameterException.builder().message("The specified nextToken is invalid.")
        .statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
            .errorCode("InvalidParameterException").build()).build();
  }

  private static boolean take(AtomicInteger counter) {
    return counter.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  private static CloudWatchLogsException throttling() {
    return (CloudWatchLogsException) CloudWatchLogsException.builder().message("Rate exceeded")
        .statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
            .errorCode("ThrottlingException").errorMessage("Rate exceeded").build()).build();
  }
}
