package dev.secureml.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secureml.operator.testsupport.AwsTestClients;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * What {@link CloudWatchLogsGateway} relies on from CloudWatch Logs, checked against every
 * server a subclass points it at (the project's emulator and moto).
 */
abstract class CloudWatchLogsGatewayContract {
  private CloudWatchLogsClient client;
  private CloudWatchLogsGateway gateway;
  private String group;
  private long clock = System.currentTimeMillis() - 60_000;
  private int written;

  protected abstract URI endpoint();

  @BeforeEach
  void connect() {
    client = AwsTestClients.logs(endpoint());
    gateway = new CloudWatchLogsGateway(client);
    group = "/contract/" + UUID.randomUUID();
    client.createLogGroup(b -> b.logGroupName(group));
  }

  @AfterEach
  void disconnect() {
    if (client != null) { // null when the server was not available and the test was skipped
      client.close();
    }
  }

  @Test
  void missingGroupMeansNoStreamsYet() {
    assertThat(gateway.streams("/aws/sagemaker/NoSuchGroup-" + UUID.randomUUID(), null)).isEmpty();
  }

  @Test
  void findsStreamsByPrefixInNameOrder() {
    for (String stream : List.of("job-b/algo-1-1700000000", "job-a/algo-2-1700000000",
        "job-a/algo-1-1700000000")) {
      client.createLogStream(b -> b.logGroupName(group).logStreamName(stream));
    }
    assertThat(gateway.streams(group, "job-a/"))
        .containsExactly("job-a/algo-1-1700000000", "job-a/algo-2-1700000000");
    assertThat(gateway.streams(group, null)).hasSize(3);
    assertThat(gateway.streams(group, "job-c/")).isEmpty();
  }

  @Test
  void findsStreamsBeyondTheFirstPage() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 55; i++) { // DescribeLogStreams returns 50 per page
      String stream = String.format("job/algo-%02d", i);
      client.createLogStream(b -> b.logGroupName(group).logStreamName(stream));
      created.add(stream);
    }
    assertThat(gateway.streams(group, "job/")).containsExactlyElementsOf(created);
  }

  @Test
  void listsRecentStreamsNewestFirstAndPagesOnlyAsFarAsAsked() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 60; i++) { // one line each, stream 59 written last
      String stream = String.format("job-%02d/algo-1-1700000000", i);
      client.createLogStream(b -> b.logGroupName(group).logStreamName(stream));
      put(stream, 1);
      created.add(0, stream);
    }
    CloudWatchLogsGateway.RecentStreamsPage first = gateway.recentStreamsPage(group, 0, null);
    assertThat(first.names()).containsExactlyElementsOf(created.subList(0, 50));
    assertThat(first.nextToken()).as("nothing older than asked yet: go on").isNotNull();
    CloudWatchLogsGateway.RecentStreamsPage second =
        gateway.recentStreamsPage(group, 0, first.nextToken());
    assertThat(second.names()).containsExactlyElementsOf(created.subList(50, 60));
    assertThat(second.nextToken()).as("the group's end").isNull();

    // Nothing is newer than an hour from now: the first page already reaches older streams.
    CloudWatchLogsGateway.RecentStreamsPage onlyPage =
        gateway.recentStreamsPage(group, System.currentTimeMillis() + 3_600_000, null);
    assertThat(onlyPage.names()).containsExactlyElementsOf(created.subList(0, 50));
    assertThat(onlyPage.nextToken()).isNull();
    CloudWatchLogsGateway.RecentStreamsPage missing = gateway.recentStreamsPage(
        "/aws/sagemaker/NoSuchGroup-" + UUID.randomUUID(), 0, null);
    assertThat(missing.names()).isEmpty();
    assertThat(missing.nextToken()).isNull();
  }

  @Test
  void pagesForwardUntilTheSameTokenComesBack() {
    String stream = stream();
    put(stream, 25);
    List<String> read = new ArrayList<>();
    LogPage page = gateway.read(group, stream, null, 10);
    int pages = 1;
    while (!page.endOfStream()) {
      page.lines().forEach(l -> read.add(l.message()));
      String token = page.nextForwardToken();
      page = gateway.read(group, stream, token, 10);
      pages++;
      if (page.endOfStream()) {
        assertThat(page.nextForwardToken()).isEqualTo(token);
        assertThat(page.lines()).isEmpty();
      }
    }
    assertThat(pages).isEqualTo(4); // 10 + 10 + 5 + the empty page that confirms the end
    assertThat(read).hasSize(25).first().isEqualTo("line 0");
    assertThat(read).last().isEqualTo("line 24");
  }

  @Test
  void linesAppendedAfterTheEndAppearUnderTheSameToken() {
    String stream = stream();
    put(stream, 3);
    LogPage first = gateway.read(group, stream, null, 100);
    LogPage end = gateway.read(group, stream, first.nextForwardToken(), 100);
    assertThat(end.endOfStream()).isTrue();

    put(stream, 2);
    LogPage more = gateway.read(group, stream, end.nextForwardToken(), 100);
    assertThat(more.lines()).extracting(LogLine::message).containsExactly("line 3", "line 4");
    assertThat(more.endOfStream()).isFalse();
  }

  @Test
  void readsAStreamLargerThanOnePage() {
    String stream = stream();
    put(stream, 2500);
    int total = 0;
    int calls = 0;
    String token = null;
    LogPage page;
    do {
      page = gateway.read(group, stream, token, 1000);
      assertThat(page.lines().size()).isLessThanOrEqualTo(1000);
      total += page.lines().size();
      token = page.nextForwardToken();
      calls++;
    } while (!page.endOfStream());
    assertThat(total).isEqualTo(2500);
    assertThat(calls).isEqualTo(4);
  }

  @Test
  void keepsEventTimesAndIngestionTimes() {
    String stream = stream();
    long at = clock + 1;
    put(stream, 1);
    LogLine line = gateway.read(group, stream, null, 10).lines().get(0);
    assertThat(line.timestampMillis()).isEqualTo(at);
    assertThat(line.ingestionTimeMillis()).isGreaterThanOrEqualTo(at);
    assertThat(line.message()).isEqualTo("line 0");
  }

  @Test
  void emptyStreamReachesItsEndOnTheSecondRead() {
    String stream = stream();
    LogPage first = gateway.read(group, stream, null, 10);
    assertThat(first.lines()).isEmpty();
    LogPage second = gateway.read(group, stream, first.nextForwardToken(), 10);
    assertThat(second.endOfStream()).isTrue();
  }

  @Test
  void readingAMissingStreamIsAnError() {
    assertThatThrownBy(() -> gateway.read(group, "no-such-stream", null, 10))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void filterReadsTheNamedStreamsEachInTimeOrderWithStableEventIds() {
    List<String> streams = List.of("job-a/algo-1-1700000000", "job-a/algo-2-1700000000",
        "job-b/algo-1-1700000000");
    for (String stream : streams) {
      client.createLogStream(b -> b.logGroupName(group).logStreamName(stream));
    }
    for (int round = 0; round < 3; round++) {
      for (String stream : streams) {
        put(stream, 2);
      }
    }
    List<String> named = streams.subList(0, 2);
    CloudWatchLogsGateway.FilterPage page = gateway.filter(group, named, 0, null, 100);

    assertThat(page.nextToken()).isNull();
    assertThat(page.events()).hasSize(12)
        .allSatisfy(e -> assertThat(named).contains(e.stream()));
    for (String stream : named) {
      assertThat(page.events().stream().filter(e -> e.stream().equals(stream))
          .map(e -> e.line().timestampMillis()).toList()).hasSize(6).isSorted();
    }
    assertThat(page.events()).extracting(CloudWatchLogsGateway.StreamEvent::eventId)
        .doesNotContainNull().doesNotHaveDuplicates();
    assertThat(gateway.filter(group, named, 0, null, 100).events())
        .as("the same events, the same ids, when read again").isEqualTo(page.events());
  }

  @Test
  void filterPagesWithATokenAndStartsAtTheStartTime() {
    List<String> streams = List.of("job/algo-1-1700000000", "job/algo-2-1700000000");
    for (String stream : streams) {
      client.createLogStream(b -> b.logGroupName(group).logStreamName(stream));
      put(stream, 15);
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      CloudWatchLogsGateway.FilterPage page = gateway.filter(group, streams, 0, token, 7);
      assertThat(page.events().size()).isLessThanOrEqualTo(7);
      page.events().forEach(e -> seen.add(e.line().message()));
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(seen).hasSize(30).doesNotHaveDuplicates();
    assertThat(pages).isGreaterThanOrEqualTo(5);

    long from = clock - 4; // the last five lines written, all of the second stream
    assertThat(gateway.filter(group, streams, from, null, 100).events())
        .extracting(e -> e.line().message())
        .containsExactly("line 25", "line 26", "line 27", "line 28", "line 29");
  }

  private String stream() {
    String stream = "job/algo-1-" + (System.currentTimeMillis() / 1000);
    client.createLogStream(b -> b.logGroupName(group).logStreamName(stream));
    return stream;
  }

  /** Appends {@code count} lines, numbered on from the lines written before, 1 ms apart. */
  private void put(String stream, int count) {
    for (int start = 0; start < count; start += 1000) {
      List<InputLogEvent> batch = new ArrayList<>();
      for (int i = start; i < Math.min(count, start + 1000); i++) {
        clock++;
        batch.add(InputLogEvent.builder().timestamp(clock).message("line " + written++).build());
      }
      client.putLogEvents(b -> b.logGroupName(group).logStreamName(stream).logEvents(batch));
    }
  }
}
