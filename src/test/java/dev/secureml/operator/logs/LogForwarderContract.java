package dev.secureml.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.secureml.operator.api.LogStatus;
import dev.secureml.operator.testsupport.AwsTestClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

/**
 * The forwarder end to end over the real AWS SDK, against every CloudWatch Logs a subclass
 * points it at (the project's emulator and moto), with its own worker threads and the real
 * clock; intervals are shrunk so each test takes a second or two.
 */
abstract class LogForwarderContract {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final LogForwarderSettings FAST = LogForwarderSettings.defaults()
      .withGetLogEventsPerSecond(50).withDescribeStreamsPerSecond(20).withPageLimit(100)
      .withIntervals(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMillis(100))
      .withFinishGrace(Duration.ofMillis(200));

  private CloudWatchLogsClient client;
  private String group;
  private final LogSourceKey key =
      new LogSourceKey("SecureTrainingJob", "team", "job", UUID.randomUUID().toString());
  private final MemoryCheckpointStore store = new MemoryCheckpointStore();
  private final List<LogForwarder> forwarders = new ArrayList<>();
  private long clock = System.currentTimeMillis() - 60_000;

  protected abstract URI endpoint();

  @BeforeEach
  void connect() {
    client = AwsTestClients.logs(endpoint());
    group = "/aws/sagemaker/TrainingJobs-" + UUID.randomUUID();
    client.createLogGroup(b -> b.logGroupName(group));
  }

  @AfterEach
  void disconnect() {
    forwarders.forEach(LogForwarder::close);
    if (client != null) {
      client.close();
    }
  }

  @Test
  void forwardsEveryLineExactlyOnceAcrossAGracefulRestartMidStream() {
    List<String> streams = List.of("job/algo-1-1700000000", "job/algo-2-1700000000");
    for (String stream : streams) {
      put(stream, stream + " line ", 0, 1200);
    }
    RecordingSink before = new RecordingSink("sink");
    // 20 pages of 50 a second: the first second cannot finish both streams.
    LogForwarderSettings slower = FAST.withGetLogEventsPerSecond(20).withPageLimit(50);
    LogForwarder first = started(before, slower);
    first.track(target(false, null));
    await().atMost(WAIT).until(() -> before.lines().size() >= 500);
    first.close();

    LogStatus saved = store.last(key);
    assertThat(MemoryCheckpointStore.linesSaved(saved))
        .as("what the sink took is exactly what the checkpoint says").isEqualTo(before.lines().size())
        .isLessThan(2400);

    RecordingSink after = new RecordingSink("sink");
    LogForwarder second = started(after, slower);
    second.track(target(true, saved));
    await().atMost(WAIT).until(() -> allFinished(second));

    List<ForwardedLine> all = new ArrayList<>(before.lines());
    all.addAll(after.lines());
    assertThat(all).extracting(ForwardedLine::eventId).doesNotHaveDuplicates();
    for (String stream : streams) {
      assertThat(all.stream().filter(l -> l.stream().equals(stream)).map(ForwardedLine::message))
          .containsExactlyElementsOf(messages(stream + " line ", 0, 1200));
    }
    assertThat(second.snapshot(key).orElseThrow().linesForwarded).isEqualTo(2400);
  }

  @Test
  void anUpgradeFromGetLogEventsCheckpointsForwardsEveryLineOnce() {
    List<String> streams = List.of("job/algo-1-1700000000", "job/algo-2-1700000000");
    for (String stream : streams) {
      put(stream, stream + " line ", 0, 600);
    }
    RecordingSink before = new RecordingSink("sink");
    LogForwarder old = started(before, FAST.withoutFilterReads().withGetLogEventsPerSecond(10)
        .withPageLimit(50));
    old.track(target(false, null));
    await().atMost(WAIT).until(() -> before.lines().size() >= 300);
    old.close();
    LogStatus saved = store.last(key);
    assertThat(saved.streams).anySatisfy(s -> assertThat(s.nextForwardToken).isNotNull());

    RecordingSink after = new RecordingSink("sink");
    LogForwarder current = started(after, FAST);
    current.track(target(false, saved));
    await().atMost(WAIT).until(() -> before.lines().size() + after.lines().size() >= 1200);
    for (String stream : streams) {
      put(stream, stream + " line ", 600, 10); // read with FilterLogEvents once caught up
    }
    current.track(target(true, null));
    await().atMost(WAIT).until(() -> allFinished(current));

    List<ForwardedLine> all = new ArrayList<>(before.lines());
    all.addAll(after.lines());
    for (String stream : streams) {
      assertThat(all.stream().filter(l -> l.stream().equals(stream)).map(ForwardedLine::message))
          .containsExactlyElementsOf(messages(stream + " line ", 0, 610));
    }
    assertThat(store.last(key).streams).allSatisfy(s -> assertThat(s.nextForwardToken).isNull());
  }

  @Test
  void moreStreamsThanOneCallMayNameAreEachForwardedOnce() {
    List<String> written = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      String stream = String.format("job/algo-%03d-1700000000", i);
      put(stream, stream + " line ", 0, 3);
      written.addAll(messages(stream + " line ", 0, 3));
    }
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = started(sink);
    forwarder.track(target(true, null));
    await().atMost(WAIT).until(() -> allFinished(forwarder)
        && forwarder.snapshot(key).orElseThrow().streams.size() == 130);

    assertThat(sink.messages()).containsExactlyInAnyOrderElementsOf(written);
    assertThat(sink.lines()).extracting(ForwardedLine::eventId).doesNotHaveDuplicates();
  }

  @Test
  void aRunningJobIsFollowedAndAFinishedOneStopsAtTheEnd() {
    String stream = "job/algo-1-1700000000";
    put(stream, "a", 0, 10);
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = started(sink);
    forwarder.track(target(false, null));
    await().atMost(WAIT).until(() -> sink.lines().size() == 10);

    put(stream, "a", 10, 5); // after the end was reached: same token, new lines
    await().atMost(WAIT).until(() -> sink.lines().size() == 15);
    assertThat(forwarder.snapshot(key).orElseThrow().streams.get(0).finished).isFalse();

    forwarder.track(target(true, null));
    await().atMost(WAIT).until(() -> allFinished(forwarder));
    assertThat(sink.messages()).containsExactlyElementsOf(messages("a", 0, 15));
    assertThat(store.last(key).streams.get(0).finished).isTrue();
  }

  @Test
  void findsStreamsThatAppearLaterAndRedactsBeforeTheSinks() {
    put("job/algo-1-1700000000", "first ", 0, 3);
    put("other-job/algo-1-1700000000", "not ours ", 0, 3);
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = started(sink);
    forwarder.track(target(false, null));
    await().atMost(WAIT).until(() -> sink.lines().size() == 3);

    client.createLogStream(b -> b.logGroupName(group).logStreamName("job/algo-2-1700000000"));
    client.putLogEvents(b -> b.logGroupName(group).logStreamName("job/algo-2-1700000000")
        .logEvents(event("export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG"),
            event("Authorization: Bearer abc.def.ghi")));
    forwarder.track(target(true, null));
    await().atMost(WAIT).until(() -> allFinished(forwarder));

    assertThat(sink.messages()).containsExactlyInAnyOrder("first 0", "first 1", "first 2",
        "export AWS_SECRET_ACCESS_KEY=***", "Authorization: Bearer ***");
    assertThat(forwarder.snapshot(key).orElseThrow().streams).hasSize(2);
  }

  private LogForwarder started(LogSink sink) {
    return started(sink, FAST);
  }

  private LogForwarder started(LogSink sink, LogForwarderSettings settings) {
    LogForwarder forwarder = new LogForwarder(new CloudWatchLogsGateway(client), settings,
        List.of(sink), LogRedactor.defaults(), store, new SimpleMeterRegistry(),
        Clock.systemUTC());
    forwarders.add(forwarder);
    forwarder.start();
    return forwarder;
  }

  private LogTarget target(boolean finished, LogStatus saved) {
    return new LogTarget(key, "job", group, "job/", finished, saved);
  }

  private boolean allFinished(LogForwarder forwarder) {
    LogStatus status = forwarder.snapshot(key).orElseThrow();
    return !status.streams.isEmpty() && status.streams.stream().allMatch(s -> s.finished);
  }

  private void put(String stream, String prefix, int from, int count) {
    try {
      client.createLogStream(b -> b.logGroupName(group).logStreamName(stream));
    } catch (software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException e) {
      // appending to a stream made earlier
    }
    for (int start = from; start < from + count; start += 500) {
      int end = Math.min(from + count, start + 500);
      List<InputLogEvent> batch = IntStream.range(start, end)
          .mapToObj(i -> InputLogEvent.builder().timestamp(++clock).message(prefix + i).build())
          .toList();
      client.putLogEvents(b -> b.logGroupName(group).logStreamName(stream).logEvents(batch));
    }
  }

  private InputLogEvent event(String message) {
    return InputLogEvent.builder().timestamp(++clock).message(message).build();
  }

  private static List<String> messages(String prefix, int from, int count) {
    return IntStream.range(from, from + count).mapToObj(i -> prefix + i).toList();
  }
}
