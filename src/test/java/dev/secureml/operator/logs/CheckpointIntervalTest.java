package dev.secureml.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.LogStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A busy resource's checkpoint is saved at most once per checkpoint interval, yet nothing is
 * left unsaved: the rest is saved when the interval ends, when a stream ends and on close.
 */
class CheckpointIntervalTest extends FakeClockForwarding {
  private static final String STREAM = "job-0/algo-1-1";

  @BeforeEach
  void operatorsInterval() {
    checkpointInterval = LogForwarderSettings.DEFAULT_CHECKPOINT_INTERVAL; // 10 s
  }

  @Test
  void aBusyResourceIsSavedAboutOncePerIntervalAndClosingSavesTheRest() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), sink);
    forwarder.track(target(0, false));
    for (int second = 0; second < 35; second++) {
      logs.put(GROUP, STREAM, List.of("line " + second));
      drive(forwarder, Duration.ofSeconds(1));
    }
    assertThat(sink.messages()).hasSize(35);
    assertThat(store.history()).as("read every second, saved every 10 s").hasSizeBetween(3, 5);

    forwarder.close();
    LogStatus saved = store.last(key(0));
    assertThat(MemoryCheckpointStore.linesSaved(saved)).isEqualTo(35);

    RecordingSink again = new RecordingSink("again");
    LogForwarder restarted = forwarder(LogForwarderSettings.defaults(), again);
    restarted.track(new LogTarget(key(0), "job-0", GROUP, "job-0/", false, saved));
    drive(restarted, Duration.ofSeconds(5));
    assertThat(again.lines()).as("a restart repeats nothing").isEmpty();
  }

  @Test
  void progressIsSavedWhenTheIntervalEndsThoughNothingNewArrives() {
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), new RecordingSink("s"));
    logs.put(GROUP, STREAM, lines("a", 2));
    forwarder.track(target(0, false));
    drive(forwarder, Duration.ofSeconds(2));
    logs.put(GROUP, STREAM, lines("b", 3));
    drive(forwarder, Duration.ofSeconds(2));
    assertThat(MemoryCheckpointStore.linesSaved(store.last(key(0)))).as("deferred")
        .isEqualTo(2);

    drive(forwarder, Duration.ofSeconds(8));
    assertThat(MemoryCheckpointStore.linesSaved(store.last(key(0)))).isEqualTo(5);
  }

  @Test
  void closingSavesEveryResourcesDeferredProgress() {
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), new RecordingSink("s"));
    for (int job = 0; job < 30; job++) {
      logs.put(GROUP, "job-" + job + "/algo-1-1", lines("a", 2));
      forwarder.track(target(job, false));
    }
    drive(forwarder, Duration.ofSeconds(2));
    for (int job = 0; job < 30; job++) {
      logs.put(GROUP, "job-" + job + "/algo-1-1", lines("b", 3));
    }
    drive(forwarder, Duration.ofSeconds(2));
    assertThat(MemoryCheckpointStore.linesSaved(store.last(key(7)))).as("deferred").isEqualTo(2);

    forwarder.close();
    for (int job = 0; job < 30; job++) {
      assertThat(MemoryCheckpointStore.linesSaved(store.last(key(job)))).isEqualTo(5);
    }
  }

  @Test
  void aStreamThatEndsIsSavedAtOnce() {
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults()
        .withFinishGrace(Duration.ZERO), new RecordingSink("s"));
    logs.put(GROUP, STREAM, lines("a", 2));
    forwarder.track(target(0, false));
    drive(forwarder, Duration.ofSeconds(2));
    logs.put(GROUP, STREAM, lines("b", 1));
    forwarder.track(target(0, true));
    drive(forwarder, Duration.ofSeconds(2));

    LogStatus saved = store.last(key(0));
    assertThat(saved.streams).singleElement().satisfies(s -> assertThat(s.finished).isTrue());
    assertThat(MemoryCheckpointStore.linesSaved(saved)).isEqualTo(3);
  }
}
