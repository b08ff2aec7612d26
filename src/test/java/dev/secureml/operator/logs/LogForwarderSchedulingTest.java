package dev.secureml.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.LogStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The forwarder's scheduling, budget and failure handling on an in-memory CloudWatch and a
 * hand-moved clock: the test runs the due work itself, so timing is exact and nothing sleeps.
 * These pin down the GetLogEvents reader, one stream per call (FilterLogEvents turned off, and
 * what reads a checkpoint saved with a token); {@link FilterReadSchedulingTest} does the same
 * for FilterLogEvents passes.
 */
class LogForwarderSchedulingTest extends FakeClockForwarding {
  @Override
  LogForwarder forwarder(LogForwarderSettings settings, SinkRejectionListener listener,
      LogSink... sinks) {
    return super.forwarder(settings.withoutFilterReads(), listener, sinks);
  }
  @Test
  void neverCallsFasterThanTheBudgetInAnySecond() {
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults().withPageLimit(10),
        new RecordingSink("sink"));
    for (int job = 0; job < 40; job++) {
      logs.put(GROUP, "job-" + job + "/algo-1-1", lines("l", 500));
      forwarder.track(target(job, false));
    }
    drive(forwarder, Duration.ofSeconds(20));

    List<Long> reads = times(LogForwarder.GET_LOG_EVENTS);
    List<Long> describes = times(LogForwarder.DESCRIBE_LOG_STREAMS);
    assertThat(maxInAnySecond(reads)).isEqualTo(10);
    assertThat(maxInAnySecond(describes)).isLessThanOrEqualTo(5);
    assertThat(reads.size()).as("uses the budget it has").isGreaterThanOrEqualTo(190);
  }

  @Test
  void everyStreamMakesProgressWhenTheBudgetIsSaturated() {
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults().withPageLimit(10)
        .withDescribeStreamsPerSecond(50), new RecordingSink("sink"));
    for (int job = 0; job < 100; job++) {
      logs.put(GROUP, "job-" + job + "/algo-1-1", lines("l", 1000));
      forwarder.track(target(job, false));
    }
    drive(forwarder, Duration.ofSeconds(32));

    List<Long> perStream = IntStream.range(0, 100)
        .mapToObj(job -> forwarder.snapshot(key(job)).orElseThrow().linesForwarded).toList();
    // 10 reads/s for ~30 s over 100 always-busy streams: each gets its turn. The first jobs
    // found had the budget to themselves until discovery found the others.
    assertThat(perStream).allSatisfy(lines -> assertThat(lines).isGreaterThanOrEqualTo(20L));
    assertThat(perStream.subList(10, 100))
        .allSatisfy(lines -> assertThat(lines).isBetween(20L, 40L));
  }

  @Test
  void throttlingPausesTheBudgetAndIsRetriedWithoutReachingTheSinks() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults()
        .withFinishGrace(Duration.ZERO), sink);
    logs.put(GROUP, "job-0/algo-1-1", lines("line ", 25));
    logs.throttleNextReads.set(3);
    logs.throttleNextDescribes.set(1);
    forwarder.track(target(0, true));
    drive(forwarder, Duration.ofSeconds(30));

    assertThat(sink.messages()).containsExactlyElementsOf(lines("line ", 25));
    assertThat(sink.failures.get()).isZero();
    assertThat(registry.counter("secureml.logs.throttles", "operation", "GetLogEvents").count())
        .isEqualTo(3);
    assertThat(registry.counter("secureml.logs.throttles", "operation", "DescribeLogStreams")
        .count()).isEqualTo(1);
    assertThat(registry.find("secureml.logs.api.calls").tag("outcome", "error").counters())
        .isEmpty();
    // Each throttle paused the whole budget, twice as long as the one before: 1 s, 2 s, 4 s.
    List<Long> reads = times(LogForwarder.GET_LOG_EVENTS);
    assertThat(reads.get(1) - reads.get(0)).isGreaterThanOrEqualTo(1_000);
    assertThat(reads.get(2) - reads.get(1)).isGreaterThanOrEqualTo(2_000);
    assertThat(reads.get(3) - reads.get(2)).isGreaterThanOrEqualTo(4_000);
    assertThat(forwarder.snapshot(key(0)).orElseThrow().streams.get(0).finished).isTrue();
  }

  @Test
  void aFailingSinkHoldsTheCheckpointAndNoSinkSeesALineTwice() {
    RecordingSink first = new RecordingSink("first");
    RecordingSink flaky = new RecordingSink("flaky");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), first, flaky);
    logs.put(GROUP, "job-0/algo-1-1", lines("line ", 7));
    flaky.failNext.set(2);
    forwarder.track(target(0, false));

    drive(forwarder, Duration.ofSeconds(3)); // the delivery and its retry 2 s later fail
    assertThat(flaky.failures.get()).isEqualTo(2);
    assertThat(times(LogForwarder.GET_LOG_EVENTS)).as("retries do not read again").hasSize(1);
    assertThat(MemoryCheckpointStore.linesSaved(store.last(key(0)))).isZero();
    assertThat(forwarder.snapshot(key(0)).orElseThrow().linesForwarded).isZero();

    drive(forwarder, Duration.ofSeconds(10));
    assertThat(flaky.messages()).containsExactlyElementsOf(lines("line ", 7));
    assertThat(first.messages()).containsExactlyElementsOf(lines("line ", 7));
    assertThat(MemoryCheckpointStore.linesSaved(store.last(key(0)))).isEqualTo(7);
    assertThat(registry.counter("secureml.logs.sink.errors", "sink", "flaky").count()).isEqualTo(2);
  }

  @Test
  void aFinishedSourceIsReadToItsEndAndThenLeftAlone() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults().withPageLimit(2)
        .withFinishGrace(Duration.ZERO), sink);
    logs.put(GROUP, "job-0/algo-1-1", lines("a", 5));
    logs.put(GROUP, "job-0/algo-2-1", lines("b", 3));
    forwarder.track(target(0, true));
    drive(forwarder, Duration.ofSeconds(10));

    LogStatus status = forwarder.snapshot(key(0)).orElseThrow();
    assertThat(status.streams).allSatisfy(s -> assertThat(s.finished).isTrue());
    assertThat(status.linesForwarded).isEqualTo(8);
    assertThat(store.last(key(0)).streams).allSatisfy(s -> assertThat(s.finished).isTrue());
    int reads = times(LogForwarder.GET_LOG_EVENTS).size();
    int describes = times(LogForwarder.DESCRIBE_LOG_STREAMS).size();
    drive(forwarder, Duration.ofMinutes(2));
    assertThat(times(LogForwarder.GET_LOG_EVENTS)).hasSize(reads);
    assertThat(times(LogForwarder.DESCRIBE_LOG_STREAMS)).hasSize(describes);
    assertThat(registry.get("secureml.logs.streams.active").gauge().value()).isZero();
  }

  @Test
  void aRunningSourceIsPolledWithGrowingPausesAndNewLinesAreForwarded() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), sink);
    logs.put(GROUP, "job-0/algo-1-1", lines("a", 2));
    forwarder.track(target(0, false));
    drive(forwarder, Duration.ofSeconds(95));

    List<Long> reads = times(LogForwarder.GET_LOG_EVENTS);
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < reads.size(); i++) {
      gaps.add(reads.get(i) - reads.get(i - 1));
    }
    // Lines: again after the busy interval; then nothing new: 2, 4, 8, 16, 30 (the most), 30 s.
    assertThat(gaps).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L);
    assertThat(forwarder.snapshot(key(0)).orElseThrow().streams.get(0).finished).isFalse();

    logs.put(GROUP, "job-0/algo-1-1", lines("b", 3));
    drive(forwarder, Duration.ofSeconds(31));
    assertThat(sink.messages()).containsExactly("a0", "a1", "b0", "b1", "b2");
  }

  @Test
  void streamsThatAppearLaterAreFoundAndReadToTheEndOnceTheSourceFinishes() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults()
        .withFinishGrace(Duration.ZERO), sink);
    forwarder.track(target(0, false)); // no group yet: "no logs yet"
    drive(forwarder, Duration.ofSeconds(5));
    logs.put(GROUP, "job-0/algo-1-1", lines("a", 2));
    drive(forwarder, Duration.ofSeconds(15));
    logs.put(GROUP, "job-0/algo-2-1", lines("b", 2));
    logs.put(GROUP, "job-1/algo-1-1", lines("other job ", 2));
    forwarder.track(target(0, true));
    drive(forwarder, Duration.ofSeconds(3));

    assertThat(sink.messages()).containsExactlyInAnyOrder("a0", "a1", "b0", "b1");
    assertThat(forwarder.snapshot(key(0)).orElseThrow().streams)
        .extracting(s -> s.name + ":" + s.finished)
        .containsExactly("job-0/algo-1-1:true", "job-0/algo-2-1:true");
  }

  @Test
  void rereadingFromAnOlderCheckpointGivesTheSameEventIds() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults().withPageLimit(4), sink);
    logs.put(GROUP, "job-0/algo-1-1", List.of("same", "same", "same", "x", "same", "same", "y"));
    forwarder.track(target(0, true));
    drive(forwarder, Duration.ofSeconds(5));
    LogStatus afterFirstPage = store.history().stream()
        .filter(s -> s.linesForwarded == 4).findFirst().orElseThrow();
    forwarder.close();

    RecordingSink again = new RecordingSink("again");
    LogForwarder restarted = forwarder(LogForwarderSettings.defaults().withPageLimit(4), again);
    restarted.track(new LogTarget(key(0), "job-0", GROUP, "job-0/", true, afterFirstPage));
    drive(restarted, Duration.ofSeconds(5));

    assertThat(sink.lines()).extracting(ForwardedLine::eventId).doesNotHaveDuplicates();
    assertThat(again.lines()).extracting(ForwardedLine::eventId)
        .containsExactlyElementsOf(sink.lines().subList(4, 7).stream()
            .map(ForwardedLine::eventId).toList());
  }

  @Test
  void linesAreRedactedBeforeAnySinkAndTheTailKeepsTheNewest() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults().withTailLines(2), sink);
    logs.put(GROUP, "job-0/algo-1-1",
        List.of("start", "password=hunter2", "key AKIAIOSFODNN7EXAMPLE", "done"));
    forwarder.track(target(0, true));
    drive(forwarder, Duration.ofSeconds(5));

    assertThat(sink.messages()).containsExactly("start", "password=***", "key ***", "done");
    assertThat(sink.lines()).allSatisfy(l -> {
      assertThat(l.namespace()).isEqualTo("team");
      assertThat(l.sageMakerResource()).isEqualTo("job-0");
      assertThat(l.eventId()).hasSize(64);
    });
    LogStatus status = store.last(key(0));
    assertThat(status.tail).containsExactly("key ***", "done");
    assertThat(status.lastForwardTime).isNotNull();
    assertThat(registry.counter("secureml.logs.lines.forwarded", "kind", "SecureTrainingJob")
        .count()).isEqualTo(4);
  }

  @Test
  void aStreamThatIsNotThereYetIsRetriedLaterWithoutAnError() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), sink);
    LogStatus saved = new LogStatus();
    LogStatus.StreamCheckpoint checkpoint = new LogStatus.StreamCheckpoint();
    checkpoint.name = "job-0/algo-1-1";
    saved.streams.add(checkpoint);
    forwarder.track(new LogTarget(key(0), "job-0", GROUP, "job-0/", false, saved));
    drive(forwarder, Duration.ofSeconds(5));
    assertThat(registry.counter("secureml.logs.api.calls", "operation", "GetLogEvents",
        "outcome", "not_found").count()).isPositive();

    logs.put(GROUP, "job-0/algo-1-1", lines("late ", 2));
    drive(forwarder, Duration.ofSeconds(31));
    assertThat(sink.messages()).containsExactly("late 0", "late 1");
    assertThat(registry.find("secureml.logs.api.calls").tag("outcome", "error").counters())
        .isEmpty();
  }

  @Test
  void anUntrackedResourceIsNeitherReadNorSaved() {
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), new RecordingSink("s"));
    logs.put(GROUP, "job-0/algo-1-1", lines("a", 2));
    forwarder.track(target(0, false));
    drive(forwarder, Duration.ofSeconds(2));
    int reads = times(LogForwarder.GET_LOG_EVENTS).size();
    int saves = store.history().size();

    forwarder.untrack(key(0));
    logs.put(GROUP, "job-0/algo-1-1", lines("b", 2));
    drive(forwarder, Duration.ofSeconds(60));
    assertThat(times(LogForwarder.GET_LOG_EVENTS)).hasSize(reads);
    assertThat(store.history()).hasSize(saves);
    assertThat(forwarder.snapshot(key(0))).isEmpty();
  }

  @Test
  void lagIsTheOldestUnreadLineAmongStreamsWithLinesPending() {
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults().withPageLimit(10),
        new RecordingSink("sink"));
    logs.put(GROUP, "job-0/algo-1-1", lines("old ", 100));
    clock.advance(Duration.ofSeconds(60));
    forwarder.track(target(0, false));
    drive(forwarder, Duration.ofMillis(50)); // one page read; 90 lines still waiting
    assertThat(registry.get("secureml.logs.lag.seconds").gauge().value()).isBetween(60.0, 61.0);
    assertThat(registry.get("secureml.logs.streams.active").gauge().value()).isEqualTo(1);
  }

  @Test
  void jobsInOneGroupShareOneListingPerDiscoveryInterval() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), sink);
    for (int job = 0; job < 30; job++) {
      logs.put(GROUP, "job-" + job + "/algo-1-1", lines("j" + job + "-", 2));
      forwarder.track(target(job, false));
    }
    drive(forwarder, Duration.ofSeconds(60));

    // One listing of the group every 10 s, not one DescribeLogStreams per job.
    assertThat(times(LogForwarder.DESCRIBE_LOG_STREAMS)).hasSizeBetween(6, 7);
    assertThat(sink.messages()).hasSize(60);
    for (int job = 0; job < 30; job++) {
      assertThat(forwarder.snapshot(key(job)).orElseThrow().linesForwarded).isEqualTo(2);
    }
  }

  @Test
  void aSharedListingPagesOnlyBackToThePreviousOne() {
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), new RecordingSink("s"));
    for (int job = 0; job < 120; job++) {
      logs.put(GROUP, "job-" + job + "/algo-1-1", lines("l", 1));
      forwarder.track(target(job, false));
    }
    drive(forwarder, Duration.ofSeconds(5));
    assertThat(times(LogForwarder.DESCRIBE_LOG_STREAMS)).as("first look: every page").hasSize(3);
    for (int job = 0; job < 120; job++) {
      assertThat(forwarder.snapshot(key(job)).orElseThrow().streams).hasSize(1);
    }

    // Long after, only 2 jobs still write: once a listing has seen the quiet streams, the
    // next one stops at its first page.
    clock.advance(Duration.ofMinutes(10));
    drive(forwarder, Duration.ofSeconds(10));
    logs.put(GROUP, "job-7/algo-1-1", lines("m", 1));
    logs.put(GROUP, "job-8/algo-2-1", lines("n", 1));
    int before = times(LogForwarder.DESCRIBE_LOG_STREAMS).size();
    drive(forwarder, Duration.ofSeconds(10));
    assertThat(times(LogForwarder.DESCRIBE_LOG_STREAMS).size() - before).isEqualTo(1);
    assertThat(forwarder.snapshot(key(8)).orElseThrow().streams)
        .extracting(c -> c.name).containsExactly("job-8/algo-1-1", "job-8/algo-2-1");
  }

  @Test
  void aSharedListingFindsStreamsThatAppearLater() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), sink);
    for (int job = 0; job < 5; job++) {
      forwarder.track(target(job, false)); // no group yet: "no logs yet"
    }
    drive(forwarder, Duration.ofSeconds(15));
    logs.put(GROUP, "job-3/algo-1-1", lines("a", 2));
    drive(forwarder, Duration.ofSeconds(12));
    logs.put(GROUP, "job-3/algo-2-1", lines("b", 2));
    logs.put(GROUP, "job-4/algo-1-1", lines("c", 1));
    drive(forwarder, Duration.ofSeconds(12));

    assertThat(sink.messages()).containsExactlyInAnyOrder("a0", "a1", "b0", "b1", "c0");
    assertThat(forwarder.snapshot(key(3)).orElseThrow().streams).extracting(c -> c.name)
        .containsExactly("job-3/algo-1-1", "job-3/algo-2-1");
    assertThat(times(LogForwarder.DESCRIBE_LOG_STREAMS)).hasSizeLessThanOrEqualTo(5);
  }

  @Test
  void aSharedListingGivesEachJobOnlyItsOwnStreams() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), sink);
    logs.put(GROUP, "job-1/algo-1-1", lines("one ", 1));
    logs.put(GROUP, "job-10/algo-1-1", lines("ten ", 1));
    logs.put(GROUP, "job-10/algo-2-1", lines("ten-b ", 1));
    logs.put(GROUP, "job-2/algo-1-1", lines("untracked ", 1));
    logs.put("/aws/sagemaker/Endpoints/ep", "AllTraffic/i-1", lines("endpoint ", 1));
    forwarder.track(target(1, false));
    forwarder.track(target(10, false));
    forwarder.track(new LogTarget(key(99), "ep", "/aws/sagemaker/Endpoints/ep", null, false,
        null));
    drive(forwarder, Duration.ofSeconds(5));

    assertThat(forwarder.snapshot(key(1)).orElseThrow().streams).extracting(c -> c.name)
        .containsExactly("job-1/algo-1-1");
    assertThat(forwarder.snapshot(key(10)).orElseThrow().streams).extracting(c -> c.name)
        .containsExactly("job-10/algo-1-1", "job-10/algo-2-1");
    assertThat(forwarder.snapshot(key(99)).orElseThrow().streams).extracting(c -> c.name)
        .containsExactly("AllTraffic/i-1");
    assertThat(sink.messages()).containsExactlyInAnyOrder("one 0", "ten 0", "ten-b 0",
        "endpoint 0");
  }

  @Test
  void aJobThatFinishesLeavesTheSharedListingAndEndsItsOwnStreams() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), sink);
    for (int job = 0; job < 3; job++) {
      logs.put(GROUP, "job-" + job + "/algo-1-1", lines("j" + job + "-", 1));
      forwarder.track(target(job, false));
    }
    drive(forwarder, Duration.ofSeconds(5));
    logs.put(GROUP, "job-0/algo-2-1", lines("late", 1)); // between two listings
    forwarder.track(target(0, true));
    drive(forwarder, Duration.ofSeconds(45));

    assertThat(forwarder.snapshot(key(0)).orElseThrow().streams)
        .extracting(c -> c.name + ":" + c.finished)
        .containsExactly("job-0/algo-1-1:true", "job-0/algo-2-1:true");
    assertThat(forwarder.snapshot(key(1)).orElseThrow().streams)
        .extracting(c -> c.finished).containsExactly(false);
    assertThat(sink.messages()).contains("late0");
  }

  @Test
  void aFinishedSourceKeepsBeingReadUntilTheFinishGraceIsOver() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), sink); // 30 s grace
    logs.put(GROUP, "job-0/algo-1-1", lines("a", 2));
    forwarder.track(target(0, false));
    drive(forwarder, Duration.ofSeconds(5));
    long finishedAt = clock.millis();
    forwarder.track(target(0, true));
    drive(forwarder, Duration.ofSeconds(20));
    assertThat(forwarder.snapshot(key(0)).orElseThrow().streams.get(0).finished)
        .as("the end reached within the grace is not final").isFalse();

    // The container's last lines, and a stream of its own, arrive late.
    logs.put(GROUP, "job-0/algo-1-1", lines("late", 2));
    logs.put(GROUP, "job-0/algo-2-1", lines("b", 1));
    drive(forwarder, Duration.ofSeconds(9));
    assertThat(forwarder.snapshot(key(0)).orElseThrow().streams)
        .extracting(s -> s.finished).containsOnly(false);
    drive(forwarder, Duration.ofSeconds(6));

    assertThat(sink.messages()).containsExactlyInAnyOrder("a0", "a1", "late0", "late1", "b0");
    assertThat(forwarder.snapshot(key(0)).orElseThrow().streams)
        .extracting(s -> s.name + ":" + s.finished)
        .containsExactly("job-0/algo-1-1:true", "job-0/algo-2-1:true");
    // What ended the streams for good were reads that started once the grace was over.
    List<Long> reads = times(LogForwarder.GET_LOG_EVENTS);
    List<Long> describes = times(LogForwarder.DESCRIBE_LOG_STREAMS);
    assertThat(describes.get(describes.size() - 1)).isGreaterThanOrEqualTo(finishedAt + 30_000);
    assertThat(reads.get(reads.size() - 1)).isGreaterThanOrEqualTo(finishedAt + 30_000);
    assertThat(reads.get(reads.size() - 1)).isLessThan(finishedAt + 32_000);

    int readCount = reads.size();
    drive(forwarder, Duration.ofMinutes(2));
    assertThat(times(LogForwarder.GET_LOG_EVENTS)).hasSize(readCount);
  }

  @Test
  void aSourceTrackedAsFinishedIsSettledOnlyAfterTheGrace() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults()
        .withFinishGrace(Duration.ofSeconds(5)), sink);
    logs.put(GROUP, "job-0/algo-1-1", lines("a", 3));
    forwarder.track(target(0, true));
    drive(forwarder, Duration.ofSeconds(4));
    assertThat(sink.messages()).containsExactly("a0", "a1", "a2");
    assertThat(forwarder.snapshot(key(0)).orElseThrow().streams.get(0).finished).isFalse();
    drive(forwarder, Duration.ofSeconds(3));
    assertThat(forwarder.snapshot(key(0)).orElseThrow().streams.get(0).finished).isTrue();
  }

  @Test
  void finishGraceMustNotBeNegative() {
    assertThat(LogForwarderSettings.defaults().finishGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(new LogForwarderSettings(10, 5, 1000, 20, Duration.ofSeconds(1),
        Duration.ofSeconds(30), Duration.ofSeconds(10)).finishGrace())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(LogForwarderSettings.defaults().withFinishGrace(Duration.ZERO)
        .withPageLimit(5).finishGrace()).isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogForwarderSettings.defaults()
        .withFinishGrace(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }
}
