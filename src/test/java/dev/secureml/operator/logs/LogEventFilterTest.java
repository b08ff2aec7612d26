package dev.secureml.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secureml.operator.api.LogStatus;
import dev.secureml.operator.logs.LogEventFilter.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogEventFilterTest {
  private static final LogSourceKey JOB =
      new LogSourceKey("SecureTrainingJob", "fraud-models", "xgb", "uid-1");
  private static final LogSourceKey OTHER =
      new LogSourceKey("SecureTrainingJob", "fraud-models", "lgbm", "uid-2");
  private static final String STREAM_1 = "fraud-models-xgb-3f9a1c/algo-1-1700000000";
  private static final String STREAM_2 = "fraud-models-xgb-3f9a1c/algo-2-1700000000";

  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T21:00:00Z"));
  private final LogEventFilter filter =
      new LogEventFilter(clock, Duration.ofMinutes(5), 3, Duration.ofSeconds(30));
  private int eventIds;

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      ERROR: disk full                                                  | true
      2026-11-23 21:00:00,123 ERROR train.py: loss is nan               | true
      [2026-11-23 21:00:00] FATAL cannot allocate                       | true
      CRITICAL:root:giving up                                           | true
      java.lang.IllegalStateException: boom                             | true
      Exception in thread "main" java.lang.OutOfMemoryError             | true
      Traceback (most recent call last):                                | true
      Error: no such file or directory                                  | true
      ValueError: could not convert string to float: 'abc'              | true
      torch.cuda.OutOfMemoryError: CUDA out of memory                   | true
      [1,mpirank:0,algo-1]<stderr>:RuntimeError: NCCL failure           | true
      [0]#011train-error:0.12#011validation-error:0.15                  | false
      0 errors, 3 warnings                                              | false
      INFO ErrorHandler installed                                       | false
      ExceptionHandler registered                                       | false
      ERRORS=0                                                          | false
      INFO: no exceptions were raised                                   | false
      Epoch 3/10 - loss 0.231                                           | false
      """)
  void recognisesErrorLines(String line, boolean error) {
    assertThat(ErrorBlockParser.isErrorLine(line)).isEqualTo(error);
  }

  @ParameterizedTest(name = "[{index}] {0} ~ {1}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      ERROR epoch 12 failed | ERROR epoch 13 failed | true
      ERROR loss 0.2345 at step 100 | ERROR loss 1.5e-3 at step 7 | true
      ERROR 3f2b8c1e-4a5d-4e6f-8a9b-0c1d2e3f4a5b | ERROR 00000000-1111-2222-3333-44444444444a | true
      ERROR object at 0x7f3a9c0d | ERROR object at 0x10 | true
      ERROR blob 3f9a1c2b44 missing | ERROR blob 99aa11bb22cc missing | true
      2026-11-23T21:00:00.123Z ERROR timeout | 2026-11-24 01:02:03,456 ERROR timeout | true
      21:00:00 ERROR timeout | 22:13:59.5 ERROR timeout | true
      ERROR disk full | ERROR disk empty | false
      ValueError: bad shape | TypeError: bad shape | false
      """)
  void normalisesVariablePartsAway(String a, String b, boolean same) {
    assertThat(MessageSignature.of(a).equals(MessageSignature.of(b))).isEqualTo(same);
  }

  @Test
  void ignoresOrdinaryLines() {
    assertThat(filter.offer(JOB, lines(STREAM_1, "Starting training", "Epoch 1 loss 0.5",
        "[0]#011train-error:0.12"))).isEmpty();
  }

  @Test
  void foldsAPythonTracebackIntoOneEventHeadedByItsException() {
    List<LogEvent> events = filter.offer(JOB, lines(STREAM_1,
        "Epoch 1 loss 0.5",
        "Traceback (most recent call last):",
        "  File \"/opt/ml/code/train.py\", line 10, in <module>",
        "    main()",
        "  File \"/opt/ml/code/train.py\", line 5, in main",
        "    raise ValueError(\"bad shape 3x4\")",
        "ValueError: bad shape 3x4",
        "Epoch 2 loss 0.4"));

    assertThat(events).hasSize(1);
    LogEvent event = events.get(0);
    assertThat(event.key()).isEqualTo(JOB);
    assertThat(event.reason()).isEqualTo("LogError");
    assertThat(event.message()).isEqualTo("""
        ValueError: bad shape 3x4
        Traceback (most recent call last):
          File "/opt/ml/code/train.py", line 10, in <module>
            main()
          File "/opt/ml/code/train.py", line 5, in main
            raise ValueError("bad shape 3x4")""");
  }

  @Test
  void aTracebackInOneMultiLineEventIsFoldedToo() {
    List<LogEvent> events = filter.offer(JOB, lines(STREAM_1, """
        Traceback (most recent call last):
          File "train.py", line 3, in <module>
        KeyError: 'label'
        """));
    assertThat(events).extracting(e -> e.message().lines().findFirst().orElseThrow())
        .containsExactly("KeyError: 'label'");
  }

  @Test
  void chainedExceptionsAndLoggingExceptionStayInOneEvent() {
    List<LogEvent> events = filter.offer(JOB, lines(STREAM_1,
        "ERROR:root:training failed",
        "Traceback (most recent call last):",
        "  File \"train.py\", line 3, in load",
        "FileNotFoundError: [Errno 2] No such file: '/opt/ml/input/data/train'",
        "",
        "During handling of the above exception, another exception occurred:",
        "",
        "Traceback (most recent call last):",
        "  File \"train.py\", line 9, in <module>",
        "RuntimeError: no training data",
        "INFO shutting down"));

    assertThat(events).hasSize(1);
    String message = events.get(0).message();
    assertThat(message).startsWith("RuntimeError: no training data\n")
        .contains("ERROR:root:training failed", "FileNotFoundError", "During handling")
        .doesNotContain("shutting down");
  }

  @Test
  void foldsAJavaStackTrace() {
    List<LogEvent> events = filter.offer(JOB, lines(STREAM_1,
        "java.lang.IllegalStateException: model not loaded",
        "\tat com.example.Server.predict(Server.java:42)",
        "Caused by: java.io.FileNotFoundException: /opt/ml/model/model.bin",
        "\t... 3 more",
        "INFO retrying"));
    assertThat(events).hasSize(1);
    assertThat(events.get(0).message()).startsWith("java.lang.IllegalStateException")
        .contains("Server.java:42", "Caused by", "... 3 more").doesNotContain("retrying");
  }

  @Test
  void keepsInterleavedTracebacksOfTwoInstancesApart() {
    List<ForwardedLine> batch = new ArrayList<>();
    batch.add(line(STREAM_1, "Traceback (most recent call last):"));
    batch.add(line(STREAM_2, "Traceback (most recent call last):"));
    batch.add(line(STREAM_1, "  File \"train.py\", line 1, in <module>"));
    batch.add(line(STREAM_2, "  File \"train.py\", line 2, in <module>"));
    batch.add(line(STREAM_1, "ValueError: left"));
    batch.add(line(STREAM_2, "KeyError: right"));

    assertThat(filter.offer(JOB, batch))
        .extracting(e -> e.message().lines().findFirst().orElseThrow())
        .containsExactly("ValueError: left", "KeyError: right");
  }

  @Test
  void similarErrorsInOneBatchBecomeOneEventWithACount() {
    List<LogEvent> events = filter.offer(JOB, lines(STREAM_1,
        "ERROR epoch 12 failed", "ERROR epoch 13 failed", "ERROR epoch 14 failed"));
    assertThat(events).extracting(LogEvent::message)
        .containsExactly("ERROR epoch 12 failed (seen 3 times)");
  }

  @Test
  void repeatsInsideTheWindowAreCountedAndReportedWhenItEnds() {
    assertThat(filter.offer(JOB, lines(STREAM_1, "ERROR epoch 1 failed"))).hasSize(1);
    clock.advance(Duration.ofMinutes(1));
    assertThat(filter.offer(JOB, lines(STREAM_1, "ERROR epoch 2 failed"))).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(filter.offer(JOB, lines(STREAM_1, "ERROR epoch 3 failed",
        "ERROR epoch 4 failed"))).isEmpty();
    clock.advance(Duration.ofMinutes(3));

    assertThat(filter.offer(JOB, List.of())).extracting(LogEvent::message)
        .containsExactly("ERROR epoch 1 failed (seen 3 more times)");
    clock.advance(Duration.ofMinutes(5));
    assertThat(filter.offer(JOB, List.of())).isEmpty(); // a quiet window reports nothing
    assertThat(filter.offer(JOB, lines(STREAM_1, "ERROR epoch 9 failed")))
        .extracting(LogEvent::message).containsExactly("ERROR epoch 9 failed");
  }

  @Test
  void rateLimitsEachResourceAndMentionsWhatItDropped() {
    List<LogEvent> first = filter.offer(JOB, lines(STREAM_1,
        "ERROR a", "ERROR b", "ERROR c", "ERROR d", "ERROR e"));
    assertThat(first).extracting(LogEvent::message).containsExactly("ERROR a", "ERROR b",
        "ERROR c");
    assertThat(filter.offer(OTHER, lines(STREAM_1, "ERROR x"))).hasSize(1); // its own bucket

    clock.advance(Duration.ofSeconds(29));
    assertThat(filter.offer(JOB, lines(STREAM_1, "ERROR f"))).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(filter.offer(JOB, lines(STREAM_1, "ERROR g", "ERROR h")))
        .extracting(LogEvent::message)
        .containsExactly("ERROR g (+3 other error lines suppressed)");
    clock.advance(Duration.ofSeconds(30));
    assertThat(filter.offer(JOB, lines(STREAM_1, "ERROR i"))).extracting(LogEvent::message)
        .containsExactly("ERROR i (+1 other error lines suppressed)");
  }

  @Test
  void theBucketRefillsUpToTheBurstOnly() {
    filter.offer(JOB, List.of());
    clock.advance(Duration.ofHours(1));
    List<LogEvent> events = filter.offer(JOB, lines(STREAM_1,
        "ERROR a", "ERROR b", "ERROR c", "ERROR d"));
    assertThat(events).hasSize(3);
  }

  @Test
  void forgottenResourcesStartAfresh() {
    filter.offer(JOB, lines(STREAM_1, "ERROR a", "ERROR b", "ERROR c", "ERROR d"));
    filter.forget(JOB);
    assertThat(filter.offer(JOB, lines(STREAM_1, "ERROR d"))).extracting(LogEvent::message)
        .containsExactly("ERROR d");
  }

  @Test
  void boundsMessagesToOneKibibyteOfUtf8() {
    String huge = "ERROR " + "日本語のログ".repeat(400);
    List<String> frames = new ArrayList<>(List.of("Traceback (most recent call last):"));
    IntStream.range(0, 100).forEach(i -> frames.add("  File \"m" + i + ".py\", line " + i
        + ", in f" + "x".repeat(40)));
    frames.add("RecursionError: maximum recursion depth exceeded");
    List<LogEvent> events = filter.offer(JOB, lines(STREAM_1, huge));
    events.addAll(filter.offer(JOB, lines(STREAM_1, frames.toArray(String[]::new))));

    assertThat(events).hasSize(2);
    for (LogEvent event : events) {
      assertThat(event.message().getBytes(StandardCharsets.UTF_8).length)
          .isLessThanOrEqualTo(LogEventFilter.MAX_MESSAGE_BYTES);
    }
    assertThat(events.get(0).message()).startsWith("ERROR 日本語").endsWith("...");
    assertThat(events.get(1).message())
        .startsWith("RecursionError: maximum recursion depth exceeded\n");
  }

  @Test
  void summarisesTheTailForAFailedJob() {
    LogStatus status = new LogStatus();
    status.linesForwarded = 1234L;
    IntStream.rangeClosed(1, 10).forEach(i -> status.tail.add("line " + i));

    assertThat(LogEventFilter.failureSummary(status, 3))
        .isEqualTo("Last 3 log lines of 1234:\nline 8\nline 9\nline 10");
    assertThat(LogEventFilter.failureSummary(status, 50)).startsWith("Last 10 log lines of 1234:")
        .endsWith("line 10");
    assertThat(LogEventFilter.failureSummary(null, 5)).isEqualTo("No log lines were forwarded.");
    assertThat(LogEventFilter.failureSummary(new LogStatus(), 5))
        .isEqualTo("No log lines were forwarded.");
    assertThatThrownBy(() -> LogEventFilter.failureSummary(status, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFailureSummaryKeepsTheNewestLinesWithinOneKibibyte() {
    LogStatus status = new LogStatus();
    IntStream.rangeClosed(1, 20).forEach(i -> status.tail.add(i + " " + "x".repeat(200)));
    String summary = LogEventFilter.failureSummary(status, 20);

    assertThat(summary.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(LogEventFilter.MAX_MESSAGE_BYTES);
    assertThat(summary).startsWith("Last 4 log lines:\n17 ").endsWith("\n20 " + "x".repeat(200));

    status.tail.add("y".repeat(5000));
    assertThat(LogEventFilter.failureSummary(status, 3)).startsWith("Last 1 log line:\nyyy")
        .endsWith("...");
  }

  private List<ForwardedLine> lines(String stream, String... messages) {
    List<ForwardedLine> out = new ArrayList<>();
    for (String message : messages) {
      out.add(line(stream, message));
    }
    return out;
  }

  private ForwardedLine line(String stream, String message) {
    int id = eventIds++;
    return new ForwardedLine("ev-" + id, JOB.namespace(), JOB.kind(), JOB.name(),
        "fraud-models-xgb-3f9a1c", "/aws/sagemaker/TrainingJobs", stream,
        1_700_000_000_000L + id, message);
  }

  /** A clock that moves only when told to. */
  static final class FakeClock extends Clock {
    private Instant now;

    FakeClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
