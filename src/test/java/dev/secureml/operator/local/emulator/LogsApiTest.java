package dev.secureml.operator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secureml.operator.testsupport.AwsTestClients;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** The emulator's CloudWatch Logs through the real SDK: tokens, filters, ordering, errors. */
class LogsApiTest {
  private static final String GROUP = "/aws/sagemaker/TrainingJobs";
  private static final long T0 = 1_795_000_000_000L;
  private static AwsEmulator emulator;
  private static CloudWatchLogsClient logs;

  @BeforeAll
  static void start() {
    emulator = AwsEmulator.start(EmulatorOptions.defaults());
    logs = AwsTestClients.logs(emulator.endpoint());
    logs.createLogGroup(b -> b.logGroupName(GROUP));
    // job-a/algo-1 has ten lines 0..9 at T0+0..9; job-a/algo-2 two lines later; job-b one.
    put("job-a/algo-1", T0, "[%d]#011train-logloss:0.5", 10);
    put("job-a/algo-2", T0 + 100, "ERROR something broke %d", 2);
    put("job-b/algo-1", T0 + 50, "[%d]#011train-logloss:0.4", 1);
  }

  @AfterAll
  static void stop() {
    logs.close();
    emulator.close();
  }

  @Test
  void withoutStartFromHeadTheNewestEventsComeBack() {
    GetLogEventsResponse tail = logs.getLogEvents(b -> b.logGroupName(GROUP)
        .logStreamName("job-a/algo-1").limit(3));
    assertThat(messages(tail.events())).containsExactly("[7]#011train-logloss:0.5",
        "[8]#011train-logloss:0.5", "[9]#011train-logloss:0.5");
    assertThat(tail.nextForwardToken()).isEqualTo("f/10");
    GetLogEventsResponse before = logs.getLogEvents(b -> b.logGroupName(GROUP)
        .logStreamName("job-a/algo-1").limit(3).nextToken(tail.nextBackwardToken()));
    assertThat(messages(before.events())).first().isEqualTo("[4]#011train-logloss:0.5");
  }

  @Test
  void backwardTokenAtTheStartComesBackUnchanged() {
    GetLogEventsResponse head = logs.getLogEvents(b -> b.logGroupName(GROUP)
        .logStreamName("job-a/algo-1").startFromHead(true).limit(2));
    assertThat(head.nextBackwardToken()).isEqualTo("b/0");
    GetLogEventsResponse none = logs.getLogEvents(b -> b.logGroupName(GROUP)
        .logStreamName("job-a/algo-1").nextToken("b/0"));
    assertThat(none.events()).isEmpty();
    assertThat(none.nextBackwardToken()).isEqualTo("b/0");
  }

  @Test
  void timeWindowSelectsEvents() {
    GetLogEventsResponse window = logs.getLogEvents(b -> b.logGroupName(GROUP)
        .logStreamName("job-a/algo-1").startFromHead(true).startTime(T0 + 3).endTime(T0 + 5));
    assertThat(window.events()).extracting(OutputLogEvent::timestamp)
        .containsExactly(T0 + 3, T0 + 4);
  }

  @Test
  void limitAboveTenThousandIsRejected() {
    InvalidParameterException e = catchThrowableOfType(InvalidParameterException.class,
        () -> logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName("job-a/algo-1")
            .limit(10_001)));
    assertThat(e.getMessage()).contains("Member must have value less than or equal to 10000");
  }

  @Test
  void filterMatchesTermsAcrossStreamsInTimeOrder() {
    FilterLogEventsResponse hits = logs.filterLogEvents(b -> b.logGroupName(GROUP)
        .filterPattern("?ERROR ?\"[0]\""));
    assertThat(hits.events()).extracting(FilteredLogEvent::logStreamName)
        .containsExactly("job-a/algo-1", "job-b/algo-1", "job-a/algo-2", "job-a/algo-2");
    assertThat(hits.nextToken()).isNull();
    FilterLogEventsResponse excluded = logs.filterLogEvents(b -> b.logGroupName(GROUP)
        .logStreamNamePrefix("job-a/").filterPattern("train-logloss -\"[0]\""));
    assertThat(excluded.events()).hasSize(9);
  }

  @Test
  void filterPagesWithATokenThatDisappearsAtTheEnd() {
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String next = token;
      FilterLogEventsResponse page = logs.filterLogEvents(b -> b.logGroupName(GROUP)
          .logStreamNames("job-a/algo-1", "job-a/algo-2").limit(5).nextToken(next));
      page.events().forEach(e -> seen.add(e.message()));
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(12).doesNotHaveDuplicates();
  }

  @Test
  void filterFollowsTheServiceModel() {
    FilterLogEventsResponse all = logs.filterLogEvents(b -> b.logGroupName(GROUP)
        .logStreamNames("job-a/algo-1", "job-b/algo-1").interleaved(false));
    assertThat(all.events()).as("always interleaved by time, whatever the flag says")
        .extracting(FilteredLogEvent::timestamp).isSorted().hasSize(11);
    assertThat(all.searchedLogStreams()).as("no longer filled in by AWS").isEmpty();
    assertThat(all.events()).extracting(FilteredLogEvent::eventId)
        .allSatisfy(id -> assertThat(id).hasSize(56).containsOnlyDigits())
        .doesNotHaveDuplicates();

    List<String> tooMany = java.util.stream.IntStream.range(0, 101)
        .mapToObj(i -> "job-" + i + "/algo-1").toList();
    InvalidParameterException names = catchThrowableOfType(InvalidParameterException.class,
        () -> logs.filterLogEvents(b -> b.logGroupName(GROUP).logStreamNames(tooMany)));
    assertThat(names.getMessage()).contains("logStreamNames");
    catchThrowableOfType(InvalidParameterException.class,
        () -> logs.filterLogEvents(b -> b.logGroupName(GROUP).limit(10_001)));
    catchThrowableOfType(InvalidParameterException.class,
        () -> logs.filterLogEvents(b -> b.logGroupName(GROUP).limit(0)));
    ResourceNotFoundException missing = catchThrowableOfType(ResourceNotFoundException.class,
        () -> logs.filterLogEvents(b -> b.logGroupName(GROUP)
            .logStreamNames("job-a/algo-1", "job-z/algo-1")));
    assertThat(missing.awsErrorDetails().errorMessage())
        .isEqualTo("The specified log stream does not exist.");
  }

  @Test
  void filterEventIdsStayTheSameWhenALateEventIsStoredBeforeThem() {
    logs.createLogGroup(b -> b.logGroupName("/late"));
    logs.createLogStream(b -> b.logGroupName("/late").logStreamName("s"));
    logs.putLogEvents(b -> b.logGroupName("/late").logStreamName("s").logEvents(
        InputLogEvent.builder().timestamp(T0 + 10).message("first").build(),
        InputLogEvent.builder().timestamp(T0 + 20).message("second").build()));
    List<String> before = logs.filterLogEvents(b -> b.logGroupName("/late")).events().stream()
        .map(FilteredLogEvent::eventId).toList();
    logs.putLogEvents(b -> b.logGroupName("/late").logStreamName("s").logEvents(
        InputLogEvent.builder().timestamp(T0 + 15).message("late").build()));

    FilterLogEventsResponse after = logs.filterLogEvents(b -> b.logGroupName("/late"));
    assertThat(after.events()).extracting(FilteredLogEvent::message)
        .containsExactly("first", "late", "second");
    assertThat(after.events()).extracting(FilteredLogEvent::eventId)
        .contains(before.get(0), before.get(1));
  }

  @Test
  void streamsCanBeOrderedByLastEventNewestFirst() {
    List<LogStream> streams = logs.describeLogStreams(b -> b.logGroupName(GROUP)
        .orderBy(OrderBy.LAST_EVENT_TIME).descending(true)).logStreams();
    assertThat(streams).extracting(LogStream::logStreamName)
        .containsExactly("job-a/algo-2", "job-b/algo-1", "job-a/algo-1");
    assertThat(streams.get(2).firstEventTimestamp()).isEqualTo(T0);
    assertThat(streams.get(2).lastEventTimestamp()).isEqualTo(T0 + 9);
    assertThat(streams.get(2).arn()).endsWith(":log-group:" + GROUP + ":log-stream:job-a/algo-1");
  }

  @Test
  void prefixCannotBeCombinedWithLastEventOrder() {
    catchThrowableOfType(InvalidParameterException.class, () -> logs.describeLogStreams(b -> b
        .logGroupName(GROUP).logStreamNamePrefix("job-a/").orderBy(OrderBy.LAST_EVENT_TIME)));
  }

  @Test
  void describeStreamsPagesWithLimit() {
    var first = logs.describeLogStreams(b -> b.logGroupName(GROUP).limit(2));
    assertThat(first.logStreams()).hasSize(2);
    var rest = logs.describeLogStreams(b -> b.logGroupName(GROUP).limit(2)
        .nextToken(first.nextToken()));
    assertThat(rest.logStreams()).extracting(LogStream::logStreamName)
        .containsExactly("job-b/algo-1");
    assertThat(rest.nextToken()).isNull();
  }

  @Test
  void missingThingsAndDuplicatesAreReportedLikeCloudWatch() {
    ResourceNotFoundException group = catchThrowableOfType(ResourceNotFoundException.class,
        () -> logs.describeLogStreams(b -> b.logGroupName("/no/such/group")));
    assertThat(group.awsErrorDetails().errorMessage())
        .isEqualTo("The specified log group does not exist.");
    ResourceNotFoundException stream = catchThrowableOfType(ResourceNotFoundException.class,
        () -> logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName("job-z/algo-1")));
    assertThat(stream.awsErrorDetails().errorMessage())
        .isEqualTo("The specified log stream does not exist.");
    catchThrowableOfType(ResourceAlreadyExistsException.class,
        () -> logs.createLogGroup(b -> b.logGroupName(GROUP)));
    catchThrowableOfType(ResourceAlreadyExistsException.class,
        () -> logs.createLogStream(b -> b.logGroupName(GROUP).logStreamName("job-b/algo-1")));
  }

  @Test
  void eventsOutOfOrderInOneBatchAreRejected() {
    logs.createLogGroup(b -> b.logGroupName("/disorder"));
    logs.createLogStream(b -> b.logGroupName("/disorder").logStreamName("s"));
    InvalidParameterException e = catchThrowableOfType(InvalidParameterException.class,
        () -> logs.putLogEvents(b -> b.logGroupName("/disorder").logStreamName("s").logEvents(
            InputLogEvent.builder().timestamp(T0 + 5).message("later").build(),
            InputLogEvent.builder().timestamp(T0).message("earlier").build())));
    assertThat(e.awsErrorDetails().errorMessage()).contains("chronological order");
  }

  private static void put(String stream, long start, String format, int count) {
    logs.createLogStream(b -> b.logGroupName(GROUP).logStreamName(stream));
    List<InputLogEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(InputLogEvent.builder().timestamp(start + i).message(String.format(format, i))
          .build());
    }
    logs.putLogEvents(b -> b.logGroupName(GROUP).logStreamName(stream).logEvents(events));
  }

  private static List<String> messages(List<OutputLogEvent> events) {
    return events.stream().map(OutputLogEvent::message).toList();
  }
}
