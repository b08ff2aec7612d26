package dev.secureml.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Streams read many per FilterLogEvents call, on an in-memory CloudWatch and a hand-moved
 * clock: the budget, the 100-stream cap, paging, fairness at a thousand streams, throttling,
 * quiet back-off, missing streams and the end of a finished job.
 */
class FilterReadSchedulingTest extends FakeClockForwarding {
  private static final String FILTER = LogForwarder.FILTER_LOG_EVENTS;

  @Test
  void aThousandBusyStreamsAreForwardedWithinSecondsInsideTheBudget() {
    int jobs = 1_000;
    LagSink sink = new LagSink();
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), sink);
    for (int job = 0; job < jobs; job++) {
      logs.createStream(GROUP, stream(job));
      forwarder.track(target(job, false));
    }
    int written = 0;
    for (int second = 0; second < 30; second++) {
      for (int job = 0; job < jobs; job++) {
        logs.put(GROUP, stream(job), List.of("job-" + job + " line " + second));
        written++;
      }
      drive(forwarder, Duration.ofSeconds(1));
    }
    drive(forwarder, Duration.ofSeconds(30));

    assertThat(sink.messages()).doesNotHaveDuplicates().hasSize(written);
    assertThat(times(LogForwarder.GET_LOG_EVENTS)).isEmpty();
    List<FakeLogsClient.Call> filters = logs.calls(FILTER);
    assertThat(maxInAnySecond(times(FILTER))).isLessThanOrEqualTo(5);
    assertThat(filters).allSatisfy(c -> assertThat(c.streams()).hasSizeBetween(1, 100));
    assertThat(filters).noneMatch(FakeLogsClient.Call::throttled);
    // 1,000 streams in passes of 100 at 5 calls a second: each read about every 2 s.
    List<Long> lags = sink.lags();
    assertThat(lags.get(lags.size() * 95 / 100)).isLessThanOrEqualTo(5_000);
    assertThat(lags.get(lags.size() - 1)).isLessThanOrEqualTo(10_000);
  }

  @Test
  void aPassPagesOnWithItsTokenAndEachStreamGetsItsLinesOnceInOrder() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults().withPageLimit(7)
        .withFinishGrace(Duration.ZERO), sink);
    for (int job = 0; job < 3; job++) {
      logs.put(GROUP, stream(job), lines("j" + job + "-", 10)); // all in one millisecond
      forwarder.track(target(job, false)); // running: one listing finds all three
    }
    drive(forwarder, Duration.ofMillis(10));
    for (int job = 0; job < 3; job++) {
      forwarder.track(target(job, true));
    }
    drive(forwarder, Duration.ofSeconds(10));

    List<FakeLogsClient.Call> pass = logs.calls(FILTER).stream()
        .filter(c -> c.streams().size() == 3).toList();
    assertThat(pass).hasSizeGreaterThanOrEqualTo(5); // 30 lines, 7 a page
    assertThat(pass.get(0).token()).isNull();
    assertThat(pass.subList(1, 5)).allSatisfy(c -> assertThat(c.token()).isNotNull());
    for (int job = 0; job < 3; job++) {
      String name = stream(job);
      assertThat(sink.lines().stream().filter(l -> l.stream().equals(name))
          .map(ForwardedLine::message)).containsExactlyElementsOf(lines("j" + job + "-", 10));
      assertThat(forwarder.snapshot(key(job)).orElseThrow().streams.get(0).finished).isTrue();
    }
    assertThat(sink.lines()).extracting(ForwardedLine::eventId).doesNotHaveDuplicates();
  }

  @Test
  void throttlingPausesTheFilterBudgetAndTheSamePageIsAskedAgain() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults().withPageLimit(5), sink);
    logs.put(GROUP, stream(0), lines("a", 12));
    logs.put(GROUP, stream(1), lines("b", 12));
    forwarder.track(target(0, false));
    forwarder.track(target(1, false));
    while (logs.calls(FILTER).isEmpty()) { // up to the first page
      forwarder.runDueWork();
      clock.advance(Duration.ofMillis(10));
    }
    logs.throttleNextFilters.set(2);
    drive(forwarder, Duration.ofSeconds(10));

    assertThat(sink.messages()).containsExactlyInAnyOrderElementsOf(
        concat(lines("a", 12), lines("b", 12)));
    assertThat(registry.counter("secureml.logs.throttles", "operation", FILTER).count())
        .isEqualTo(2);
    List<FakeLogsClient.Call> calls = logs.calls(FILTER);
    assertThat(calls.get(1).throttled()).isTrue();
    assertThat(calls.get(3).token()).as("the throttled page again, not a new pass")
        .isEqualTo(calls.get(1).token()).isNotNull();
    assertThat(calls.get(3).atMillis() - calls.get(1).atMillis())
        .as("paused 1 s, then 2 s").isGreaterThanOrEqualTo(3_000);
    assertThat(registry.find("secureml.logs.api.calls").tag("outcome", "error").counters())
        .isEmpty();
  }

  @Test
  void aPassWhoseStreamsAllFailToDeliverEndsAndTheyGoOnLater() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults().withPageLimit(4), sink);
    logs.put(GROUP, stream(0), lines("a", 5));
    logs.put(GROUP, stream(1), lines("b", 5));
    sink.failNext.set(2); // both streams' share of the first page: the pass has none left
    forwarder.track(target(0, false));
    forwarder.track(target(1, false));
    drive(forwarder, Duration.ofSeconds(15));

    assertThat(sink.failures.get()).isEqualTo(2);
    assertThat(sink.messages()).containsExactlyInAnyOrderElementsOf(
        concat(lines("a", 5), lines("b", 5)));
    assertThat(sink.lines()).extracting(ForwardedLine::eventId).doesNotHaveDuplicates();
  }

  @Test
  void aPassNamesTheSameStreamsOnEveryPageEvenAfterOneLeftIt() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults().withPageLimit(4), sink);
    for (int job = 0; job < 3; job++) {
      logs.put(GROUP, stream(job), lines("j" + job + "-", 6));
    }
    sink.failNext.set(1); // one stream's share of the first page: it leaves the pass
    for (int job = 0; job < 3; job++) {
      forwarder.track(target(job, false));
    }
    drive(forwarder, Duration.ofSeconds(15));

    List<FakeLogsClient.Call> filters = logs.calls(FILTER);
    List<String> passNames = null;
    int pagesWithToken = 0;
    for (FakeLogsClient.Call call : filters) {
      if (call.token() == null) {
        passNames = call.streams();
      } else {
        pagesWithToken++;
        assertThat(call.streams()).as("a token is used with the streams of its search")
            .isEqualTo(passNames);
      }
    }
    assertThat(pagesWithToken).isPositive();
    assertThat(sink.messages()).containsExactlyInAnyOrderElementsOf(concat(
        concat(lines("j0-", 6), lines("j1-", 6)), lines("j2-", 6)));
    assertThat(sink.lines()).extracting(ForwardedLine::eventId).doesNotHaveDuplicates();
  }

  @Test
  void quietStreamsAreReadTogetherWithGrowingPauses() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), sink);
    for (int job = 0; job < 3; job++) {
      logs.put(GROUP, stream(job), lines("j" + job + "-", 2));
      forwarder.track(target(job, false));
    }
    drive(forwarder, Duration.ofSeconds(95));

    List<Long> calls = times(FILTER);
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < calls.size(); i++) {
      gaps.add(calls.get(i) - calls.get(i - 1));
    }
    // Lines: again after the busy interval; then nothing new: 2, 4, 8, 16, 30 (the most), 30 s.
    assertThat(gaps).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L);
    assertThat(logs.calls(FILTER)).allSatisfy(c -> assertThat(c.streams()).hasSize(3));

    logs.put(GROUP, stream(1), lines("new ", 1));
    drive(forwarder, Duration.ofSeconds(31));
    assertThat(sink.messages()).hasSize(7).contains("new 0");
  }

  @Test
  void aMissingStreamIsFoundOnItsOwnAndHoldsUpNoOther() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), sink);
    logs.put(GROUP, stream(1), lines("one ", 2));
    logs.put(GROUP, stream(2), lines("two ", 2));
    forwarder.track(target(1, false));
    forwarder.track(target(2, false));
    drive(forwarder, Duration.ofSeconds(2));
    // A checkpoint names a stream CloudWatch does not have (deleted, or not created yet).
    dev.secureml.operator.api.LogStatus saved = new dev.secureml.operator.api.LogStatus();
    dev.secureml.operator.api.LogStatus.StreamCheckpoint gone =
        new dev.secureml.operator.api.LogStatus.StreamCheckpoint();
    gone.name = stream(0);
    saved.streams.add(gone);
    forwarder.track(new LogTarget(key(0), "job-0", GROUP, "job-0/", false, saved));
    logs.put(GROUP, stream(1), lines("more ", 1));
    drive(forwarder, Duration.ofSeconds(10));

    assertThat(sink.messages()).containsExactlyInAnyOrder("one 0", "one 1", "two 0", "two 1",
        "more 0");
    assertThat(registry.counter("secureml.logs.api.calls", "operation", FILTER,
        "outcome", "not_found").count()).isPositive();
    assertThat(logs.calls(FILTER).stream().filter(c -> c.streams().contains(stream(0))))
        .as("read on its own once a shared call said something was missing")
        .anySatisfy(c -> assertThat(c.streams()).containsExactly(stream(0)));

    logs.put(GROUP, stream(0), lines("zero ", 1)); // it appears after all
    drive(forwarder, Duration.ofSeconds(35));
    assertThat(sink.messages()).contains("zero 0").doesNotHaveDuplicates();
    assertThat(registry.find("secureml.logs.api.calls").tag("outcome", "error").counters())
        .isEmpty();
  }

  @Test
  void aFinishedJobsStreamsEndAndAreNoLongerRead() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults()
        .withFinishGrace(Duration.ofSeconds(5)), sink);
    logs.put(GROUP, stream(0), lines("a", 3));
    logs.put(GROUP, "job-0/algo-2-1", lines("b", 3));
    logs.put(GROUP, stream(1), lines("other ", 1));
    forwarder.track(target(0, false));
    forwarder.track(target(1, false));
    drive(forwarder, Duration.ofSeconds(3));
    forwarder.track(target(0, true));
    logs.put(GROUP, stream(0), lines("last", 1)); // within the grace
    drive(forwarder, Duration.ofSeconds(10));

    assertThat(forwarder.snapshot(key(0)).orElseThrow().streams)
        .extracting(s -> s.finished).containsOnly(true);
    assertThat(sink.messages()).contains("last0");
    assertThat(store.last(key(0)).streams).allSatisfy(s -> {
      assertThat(s.finished).isTrue();
      assertThat(s.forwardedEventIds).as("a finished stream keeps no ids").isNull();
    });
    long before = logs.calls(FILTER).stream().filter(c -> c.read(stream(0))).count();
    drive(forwarder, Duration.ofMinutes(2));
    assertThat(logs.calls(FILTER).stream().filter(c -> c.read(stream(0))).count())
        .isEqualTo(before);
    assertThat(logs.calls(FILTER).stream().filter(c -> c.read(stream(1))).count())
        .as("the running job is still read").isGreaterThan(before);
  }

  @Test
  void aStreamFarBehindIsReadInAPassOfItsOwn() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), sink);
    for (int job = 0; job < 3; job++) {
      logs.put(GROUP, stream(job), lines("j" + job + "-", 1));
      forwarder.track(target(job, false));
    }
    drive(forwarder, Duration.ofSeconds(2));
    clock.advance(Duration.ofMinutes(5));
    long jump = clock.millis();
    logs.put(GROUP, stream(3), lines("new ", 1)); // a new job: read from its start
    forwarder.track(target(3, false));
    for (int job = 0; job < 3; job++) {
      logs.put(GROUP, stream(job), lines("again" + job + "-", 1));
    }
    drive(forwarder, Duration.ofSeconds(3));

    List<FakeLogsClient.Call> since = logs.calls(FILTER).stream()
        .filter(c -> c.atMillis() >= jump).toList();
    FakeLogsClient.Call first = since.stream().filter(c -> c.read(stream(3))).findFirst()
        .orElseThrow();
    assertThat(first.streams()).as("its first read, from its start, alone")
        .containsExactly(stream(3));
    assertThat(first.startTime()).isZero();
    assertThat(since).filteredOn(c -> c.read(stream(0)))
        .isNotEmpty().allSatisfy(c -> assertThat(c.startTime()).isGreaterThan(jump - 400_000));
    assertThat(sink.messages()).contains("new 0", "again0-0", "again1-0", "again2-0");
  }

  private static String stream(int job) {
    return "job-" + job + "/algo-1-1";
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Records how long after it was written (on the test's clock) each line arrived. */
  private final class LagSink implements LogSink {
    private final List<String> messages = new ArrayList<>();
    private final Map<String, Long> lag = new HashMap<>();

    @Override
    public String name() {
      return "lag";
    }

    @Override
    public synchronized void accept(List<ForwardedLine> batch) {
      for (ForwardedLine line : batch) {
        messages.add(line.message());
        lag.put(line.eventId(), clock.millis() - line.timestampMillis());
      }
    }

    synchronized List<String> messages() {
      return List.copyOf(messages);
    }

    synchronized List<Long> lags() {
      return lag.values().stream().sorted().toList();
    }
  }
}
