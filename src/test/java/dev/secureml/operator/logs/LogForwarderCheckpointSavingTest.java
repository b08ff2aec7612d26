package dev.secureml.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.LogStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A checkpoint save that fails is made again on its own, and nothing reads past it. */
class LogForwarderCheckpointSavingTest extends FakeClockForwarding {
  private static final String STREAM = "job-0/algo-1-1";

  @Test
  void aFinishedJobsLastBatchIsSavedEvenThoughItsSavesFailed() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults()
        .withFinishGrace(Duration.ZERO), sink);
    logs.put(GROUP, STREAM, lines("line ", 5));
    store.failNext.set(2); // the API server is away for the job's only batch and its end
    forwarder.track(target(0, true));
    drive(forwarder, Duration.ofSeconds(30));

    assertThat(sink.messages()).containsExactlyElementsOf(lines("line ", 5));
    LogStatus saved = store.last(key(0));
    assertThat(saved).as("saved once the API server answered again").isNotNull();
    assertThat(MemoryCheckpointStore.linesSaved(saved)).isEqualTo(5);
    assertThat(saved.streams).allSatisfy(s -> assertThat(s.finished).isTrue());
    assertThat(registry.counter("secureml.logs.checkpoint.save.errors").count()).isEqualTo(2);

    // After a restart, nothing is sent again.
    RecordingSink again = new RecordingSink("again");
    LogForwarder restarted = forwarder(LogForwarderSettings.defaults()
        .withFinishGrace(Duration.ZERO), again);
    restarted.track(new LogTarget(key(0), "job-0", GROUP, "job-0/", true, saved));
    drive(restarted, Duration.ofSeconds(30));
    assertThat(again.lines()).isEmpty();
  }

  @Test
  void aQuietStreamsUnsavedCheckpointIsSavedWithoutWaitingForNewLines() {
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), new RecordingSink("s"));
    logs.put(GROUP, STREAM, lines("line ", 5));
    store.failNext.set(1);
    forwarder.track(target(0, false));
    drive(forwarder, Duration.ofSeconds(5)); // an endpoint, say, that then has nothing to say

    assertThat(MemoryCheckpointStore.linesSaved(store.last(key(0)))).isEqualTo(5);
  }

  @Test
  void aStreamIsNotReadPastACheckpointThatIsNotSaved() {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), sink);
    logs.put(GROUP, STREAM, lines("a", 3));
    store.failNext.set(3); // retried 2 s, then 4 s, then 8 s after the first failure
    forwarder.track(target(0, false));
    drive(forwarder, Duration.ofMillis(500));
    long failedAt = reads(STREAM).get(0);
    logs.put(GROUP, STREAM, lines("b", 3));

    drive(forwarder, Duration.ofSeconds(12));
    assertThat(store.failures.get()).isEqualTo(3);
    assertThat(reads(STREAM)).as("no read while the checkpoint is unsaved").hasSize(1);
    assertThat(store.last(key(0))).isNull();

    drive(forwarder, Duration.ofSeconds(5));
    assertThat(MemoryCheckpointStore.linesSaved(store.last(key(0)))).isEqualTo(6);
    assertThat(reads(STREAM).get(1)).isGreaterThanOrEqualTo(failedAt + 14_000);
    assertThat(sink.messages()).containsExactly("a0", "a1", "a2", "b0", "b1", "b2");
  }

  @Test
  void aSaveThatCanNeverSucceedLetsTheLinesFlowSaysSoOnceAndIsTriedNowAndThen() {
    RecordingSink sink = new RecordingSink("sink");
    Heard heard = new Heard();
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), heard, sink);
    store.refuse = "the API server answered HTTP 403 Forbidden";
    logs.put(GROUP, STREAM, lines("a", 3));
    forwarder.track(target(0, false));
    drive(forwarder, Duration.ofSeconds(5));
    logs.put(GROUP, STREAM, lines("b", 3));
    drive(forwarder, Duration.ofSeconds(5));

    assertThat(sink.messages()).containsExactly("a0", "a1", "a2", "b0", "b1", "b2");
    assertThat(heard.failures).containsExactly(
        "SecureTrainingJob team/job-0: the API server answered HTTP 403 Forbidden");
    assertThat(store.failures.get()).as("no save per page while saves are stuck").isEqualTo(1);

    store.refuse = null; // RBAC repaired: the next slow try (2 minutes on) saves everything
    drive(forwarder, Duration.ofMinutes(2));
    assertThat(MemoryCheckpointStore.linesSaved(store.last(key(0)))).isEqualTo(6);
    assertThat(heard.failures).hasSize(1);
    logs.put(GROUP, STREAM, lines("c", 1));
    drive(forwarder, Duration.ofSeconds(35));
    assertThat(MemoryCheckpointStore.linesSaved(store.last(key(0)))).isEqualTo(7);
  }

  @Test
  void aSaveThatKeepsFailingStopsHoldingTheStreamsUpAfterAFewTries() {
    RecordingSink sink = new RecordingSink("sink");
    Heard heard = new Heard();
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), heard, sink);
    store.failNext.set(1_000);
    logs.put(GROUP, STREAM, lines("a", 3));
    forwarder.track(target(0, false));
    drive(forwarder, Duration.ofSeconds(1));
    logs.put(GROUP, STREAM, lines("b", 3));
    drive(forwarder, Duration.ofSeconds(40)); // 2 + 4 + 8 + 16 s of quick tries

    assertThat(store.failures.get()).isEqualTo(CheckpointSaver.MAX_TRIES);
    assertThat(sink.messages()).containsExactly("a0", "a1", "a2", "b0", "b1", "b2");
    assertThat(heard.failures).singleElement().asString()
        .contains("IllegalStateException: the API server is not answering");
  }

  @Test
  void theStatusTailCutsLongLinesAndStaysSmall() {
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), new RecordingSink("s"));
    String huge = "x".repeat(256 * 1024);
    logs.put(GROUP, STREAM, java.util.Collections.nCopies(20, huge));
    forwarder.track(target(0, false));
    drive(forwarder, Duration.ofSeconds(2));

    LogStatus saved = store.last(key(0));
    assertThat(saved.tail).isNotEmpty().allSatisfy(line -> assertThat(line)
        .hasSizeLessThanOrEqualTo(TargetState.TAIL_LINE_MAX_CHARS).endsWith("[truncated]"));
    assertThat(saved.tail.stream().mapToInt(String::length).sum())
        .isLessThanOrEqualTo(TargetState.TAIL_MAX_CHARS);
    assertThat(MemoryCheckpointStore.linesSaved(saved)).isEqualTo(20);
  }

  /** What people would be told about failed saves. */
  private static final class Heard implements SinkRejectionListener {
    final java.util.List<String> failures =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    @Override
    public void checkpointSaveFailed(LogSourceKey resource, String reason) {
      failures.add(resource + ": " + reason);
    }
  }

  @Test
  void closingSavesACheckpointWhoseSaveFailed() {
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), new RecordingSink("s"));
    logs.put(GROUP, STREAM, lines("line ", 5));
    store.failNext.set(1);
    forwarder.track(target(0, false));
    drive(forwarder, Duration.ofMillis(500));
    assertThat(store.last(key(0))).isNull();

    forwarder.close();
    assertThat(MemoryCheckpointStore.linesSaved(store.last(key(0)))).isEqualTo(5);
  }
}
