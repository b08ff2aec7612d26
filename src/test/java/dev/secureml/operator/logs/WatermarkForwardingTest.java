package dev.secureml.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.LogStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The FilterLogEvents watermark end to end: lines sharing a millisecond across pages and
 * restarts, late lines, checkpoints saved by the GetLogEvents reader (an upgrade), turning
 * FilterLogEvents off, a refused token, and the size of what status.logs keeps.
 */
class WatermarkForwardingTest extends FakeClockForwarding {
  private static final String STREAM = "job-0/algo-1-1";
  private final long t0 = clock.millis();

  @Test
  void linesSharingAMillisecondAcrossPagesAndARestartAreNeitherLostNorRepeated() {
    RecordingSink before = new RecordingSink("sink");
    LogForwarderSettings pagesOfTwo = LogForwarderSettings.defaults().withPageLimit(2);
    LogForwarder first = forwarder(pagesOfTwo, before);
    logs.putAt(GROUP, STREAM, t0, lines("same ", 5));
    logs.putAt(GROUP, STREAM, t0 + 1, lines("next ", 3));
    first.track(target(0, false));
    drive(first, Duration.ofSeconds(5));
    LogStatus midMillisecond = saved(s -> s.linesForwarded == 2);
    first.close();

    assertThat(midMillisecond.streams.get(0).nextForwardToken).isNull();
    assertThat(midMillisecond.streams.get(0).rereadFrom).isLessThanOrEqualTo(t0);
    assertThat(midMillisecond.streams.get(0).forwardedEventIds).hasSize(2)
        .allSatisfy(id -> assertThat(id).startsWith(t0 + ":"));

    RecordingSink after = new RecordingSink("sink");
    LogForwarder restarted = forwarder(pagesOfTwo, after);
    restarted.track(new LogTarget(key(0), "job-0", GROUP, "job-0/", false, midMillisecond));
    drive(restarted, Duration.ofSeconds(5));

    assertThat(after.messages()).containsExactly("same 2", "same 3", "same 4", "next 0",
        "next 1", "next 2");
    assertThat(before.lines().subList(0, 2)).extracting(ForwardedLine::message)
        .containsExactly("same 0", "same 1");
    List<ForwardedLine> all = new ArrayList<>(before.lines().subList(0, 2));
    all.addAll(after.lines());
    assertThat(all).extracting(ForwardedLine::eventId).doesNotHaveDuplicates();
    assertThat(before.lines()).as("the same line has the same id after the restart")
        .extracting(ForwardedLine::eventId).containsAll(after.lines().stream()
            .map(ForwardedLine::eventId).toList());
  }

  @Test
  void aLateLineInsideTheOverlapIsForwardedOnceAndOneFurtherBackIsNot() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), sink); // 10 s overlap
    logs.putAt(GROUP, STREAM, t0, List.of("a"));
    forwarder.track(target(0, false));
    drive(forwarder, Duration.ofSeconds(5));
    logs.put(GROUP, STREAM, List.of("b"));
    drive(forwarder, Duration.ofSeconds(3));
    assertThat(sink.messages()).containsExactly("a", "b");

    // CloudWatch makes a line stamped before "b" searchable only now.
    long stampedB = sink.lines().get(1).timestampMillis();
    logs.putAt(GROUP, STREAM, stampedB - 6_000, List.of("late but inside"));
    logs.putAt(GROUP, STREAM, stampedB - 60_000, List.of("later than the overlap"));
    drive(forwarder, Duration.ofSeconds(40));
    assertThat(forwarder.snapshot(key(0)).orElseThrow().streams.get(0).lastEventTimestamp)
        .as("a late line does not move the watermark back").isEqualTo(stampedB);
    logs.put(GROUP, STREAM, List.of("c"));
    drive(forwarder, Duration.ofSeconds(40));

    // A line further back than the overlap is taken as forwarded: the documented trade-off.
    assertThat(sink.messages()).containsExactly("a", "b", "late but inside", "c");
    assertThat(sink.lines()).extracting(ForwardedLine::eventId).doesNotHaveDuplicates();
  }

  @Test
  void aGetLogEventsCheckpointIsReadTheOldWayUntilItCatchesUpAndThenByFilter() {
    for (int i = 0; i < 10; i++) {
      logs.putAt(GROUP, STREAM, t0 + i, List.of("old " + i));
    }
    RecordingSink before = new RecordingSink("sink");
    LogForwarder old = forwarder(LogForwarderSettings.defaults().withoutFilterReads()
        .withPageLimit(4), before);
    old.track(target(0, false));
    drive(old, Duration.ofMillis(500));
    LogStatus upgraded = saved(s -> s.linesForwarded == 4);
    old.close();
    assertThat(upgraded.streams.get(0).nextForwardToken).isNotNull();
    assertThat(upgraded.streams.get(0).rereadFrom).isNull();

    RecordingSink after = new RecordingSink("sink");
    LogForwarder current = forwarder(LogForwarderSettings.defaults().withPageLimit(4), after);
    current.track(new LogTarget(key(0), "job-0", GROUP, "job-0/", false, upgraded));
    drive(current, Duration.ofSeconds(3));
    logs.put(GROUP, STREAM, lines("new ", 3));
    drive(current, Duration.ofSeconds(5));

    List<String> all = new ArrayList<>(before.messages().subList(0, 4));
    all.addAll(after.messages());
    assertThat(all).containsExactly("old 0", "old 1", "old 2", "old 3", "old 4", "old 5",
        "old 6", "old 7", "old 8", "old 9", "new 0", "new 1", "new 2");
    long lastGet = times(LogForwarder.GET_LOG_EVENTS).stream().mapToLong(t -> t).max()
        .orElseThrow();
    long firstFilter = reads(STREAM).stream()
        .filter(t -> times(LogForwarder.FILTER_LOG_EVENTS).contains(t)).findFirst()
        .orElseThrow();
    assertThat(firstFilter).as("GetLogEvents until caught up, then FilterLogEvents only")
        .isGreaterThanOrEqualTo(lastGet);
    LogStatus.StreamCheckpoint now = store.last(key(0)).streams.get(0);
    assertThat(now.nextForwardToken).isNull();
    assertThat(now.rereadFrom).isNotNull();
    assertThat(now.linesForwarded).isEqualTo(13);
  }

  @Test
  void turningFilterReadsOffGoesOnWithGetLogEventsWithoutRepeatingALine() {
    RecordingSink before = new RecordingSink("sink");
    LogForwarder filtering = forwarder(LogForwarderSettings.defaults().withPageLimit(2),
        before);
    logs.putAt(GROUP, STREAM, t0, lines("same ", 5));
    logs.putAt(GROUP, STREAM, t0 + 1, lines("next ", 2));
    filtering.track(target(0, false));
    drive(filtering, Duration.ofSeconds(5));
    LogStatus midMillisecond = saved(s -> s.linesForwarded == 2);
    filtering.close();

    RecordingSink after = new RecordingSink("sink");
    LogForwarder getting = forwarder(LogForwarderSettings.defaults().withoutFilterReads()
        .withPageLimit(2), after);
    getting.track(new LogTarget(key(0), "job-0", GROUP, "job-0/", false, midMillisecond));
    drive(getting, Duration.ofSeconds(5));

    assertThat(after.messages()).containsExactly("same 2", "same 3", "same 4", "next 0",
        "next 1");
    assertThat(times(LogForwarder.GET_LOG_EVENTS)).isNotEmpty();
    assertThat(store.last(key(0)).streams.get(0).nextForwardToken).isNotNull();
  }

  @Test
  void aTokenCloudWatchRefusesGoesOnWithFilterReadsAfterItsLastLine() {
    for (int i = 0; i < 6; i++) {
      logs.putAt(GROUP, STREAM, t0 + i, List.of("line " + i));
    }
    LogStatus saved = new LogStatus();
    LogStatus.StreamCheckpoint checkpoint = new LogStatus.StreamCheckpoint();
    checkpoint.name = STREAM;
    checkpoint.nextForwardToken = "f/expired";
    checkpoint.linesForwarded = 3L;
    checkpoint.lastEventTimestamp = t0 + 2;
    saved.streams.add(checkpoint);
    saved.linesForwarded = 3L;
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), sink);
    forwarder.track(new LogTarget(key(0), "job-0", GROUP, "job-0/", false, saved));
    drive(forwarder, Duration.ofSeconds(10));

    assertThat(sink.messages()).containsExactly("line 3", "line 4", "line 5");
    assertThat(store.last(key(0)).streams.get(0).nextForwardToken).isNull();
    assertThat(store.last(key(0)).linesForwarded).isEqualTo(6);
  }

  @Test
  void aChattyStreamsCheckpointStaysSmall() {
    for (int i = 0; i < 500; i++) {
      logs.putAt(GROUP, STREAM, t0 + i, List.of("line " + i));
    }
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), new RecordingSink("s"));
    forwarder.track(target(0, false));
    drive(forwarder, Duration.ofSeconds(3));

    LogStatus.StreamCheckpoint checkpoint = store.last(key(0)).streams.get(0);
    assertThat(checkpoint.linesForwarded).isEqualTo(500);
    assertThat(checkpoint.forwardedEventIds).hasSize(Watermark.MAX_IDS);
    assertThat(checkpoint.rereadFrom).isEqualTo(t0 + 500 - Watermark.MAX_IDS);
  }

  @Test
  void manyStreamsStoppedMidWayResumeFromTheirCheckpointsWithoutLossOrRepeat() {
    int jobs = 250; // three passes of at most 100
    RecordingSink before = new RecordingSink("sink");
    LogForwarder first = forwarder(LogForwarderSettings.defaults().withPageLimit(300), before);
    List<String> written = new ArrayList<>();
    for (int job = 0; job < jobs; job++) {
      List<String> lines = lines("job-" + job + " line ", 6);
      logs.put(GROUP, "job-" + job + "/algo-1-1", lines);
      written.addAll(lines);
      first.track(target(job, false));
    }
    while (before.lines().size() < 700) { // a few pages: some streams done, some not begun
      first.runDueWork();
      clock.advance(Duration.ofMillis(10));
    }
    first.close();
    assertThat(before.lines()).hasSizeBetween(1, written.size() - 1);

    RecordingSink after = new RecordingSink("sink");
    LogForwarder second = forwarder(LogForwarderSettings.defaults().withPageLimit(300), after);
    for (int job = 0; job < jobs; job++) {
      second.track(new LogTarget(key(job), "job-" + job, GROUP, "job-" + job + "/", false,
          store.last(key(job))));
    }
    drive(second, Duration.ofSeconds(20));

    List<ForwardedLine> all = new ArrayList<>(before.lines());
    all.addAll(after.lines());
    assertThat(all).extracting(ForwardedLine::message)
        .containsExactlyInAnyOrderElementsOf(written);
    assertThat(all).extracting(ForwardedLine::eventId).doesNotHaveDuplicates();
  }

  @Test
  void tenThousandLinesInOneMillisecondAcrossARestartAreNeitherLostNorRepeatedAndTheIdsStayFew() {
    List<String> written = lines("traceback ", 10_000);
    logs.putAt(GROUP, STREAM, t0, written);
    logs.putAt(GROUP, STREAM, t0 + 1, List.of("after"));
    LogForwarderSettings pages = LogForwarderSettings.defaults().withPageLimit(700);
    RecordingSink before = new RecordingSink("sink");
    LogForwarder first = forwarder(pages, before);
    first.track(target(0, false));
    while (before.lines().size() < 4_000) { // stopped in the middle of the millisecond
      first.runDueWork();
      clock.advance(Duration.ofMillis(10));
    }
    first.close();
    LogStatus stopped = store.last(key(0));
    assertThat(stopped.streams.get(0).skipAtRereadFrom).as("counted, not listed")
        .isEqualTo(MemoryCheckpointStore.linesSaved(stopped));

    RecordingSink after = new RecordingSink("sink");
    LogForwarder restarted = forwarder(pages, after);
    restarted.track(new LogTarget(key(0), "job-0", GROUP, "job-0/", false, stopped));
    drive(restarted, Duration.ofSeconds(5));

    List<ForwardedLine> all = new ArrayList<>(before.lines().subList(0,
        (int) MemoryCheckpointStore.linesSaved(stopped)));
    all.addAll(after.lines());
    List<String> expected = new ArrayList<>(written);
    expected.add("after");
    assertThat(all).extracting(ForwardedLine::message).containsExactlyElementsOf(expected);
    assertThat(all).extracting(ForwardedLine::eventId).doesNotHaveDuplicates();
    assertThat(store.history()).allSatisfy(status -> status.streams.forEach(c ->
        assertThat(c.forwardedEventIds == null ? List.of() : c.forwardedEventIds)
            .hasSizeLessThanOrEqualTo(Watermark.MAX_IDS)));
  }

  @Test
  void anIdleStreamDropsItsIdsAndStillForwardsALineLaterInItsLastMillisecond() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), sink);
    logs.putAt(GROUP, STREAM, t0, lines("a", 3));
    forwarder.track(target(0, false));
    drive(forwarder, Duration.ofSeconds(5));
    assertThat(store.last(key(0)).streams.get(0).forwardedEventIds).hasSize(3);

    drive(forwarder, Duration.ofSeconds(60)); // idle for longer than the 10 s overlap
    LogStatus.StreamCheckpoint idle = store.last(key(0)).streams.get(0);
    assertThat(idle.forwardedEventIds).isNullOrEmpty();
    assertThat(idle.rereadFrom).isEqualTo(t0);
    assertThat(idle.skipAtRereadFrom).isEqualTo(3);

    logs.putAt(GROUP, STREAM, t0, List.of("a3")); // ingested late into the same millisecond
    logs.put(GROUP, STREAM, List.of("b"));
    drive(forwarder, Duration.ofSeconds(60));
    assertThat(sink.messages()).containsExactly("a0", "a1", "a2", "a3", "b");
  }

  /** The first status saved for job 0 that matches. */
  private LogStatus saved(Predicate<LogStatus> which) {
    return store.history().stream().filter(which).findFirst().orElseThrow();
  }
}
