package dev.secureml.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secureml.operator.api.LogStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A resource whose streams never finish (an endpoint whose instances come and go) keeps a
 * bounded checkpoint: idle streams leave status.logs, and none of their lines comes twice.
 */
class StreamRetirementTest extends FakeClockForwarding {
  @Test
  void instanceChurnKeepsTheStatusSmallAndForwardsEveryLineOnce() throws Exception {
    RecordingSink sink = new RecordingSink("sink");
    LogForwarder forwarder = forwarder(LogForwarderSettings.defaults(), sink);
    forwarder.track(target(0, false)); // running, as an endpoint always is
    List<String> written = new ArrayList<>();
    int instances = 300;
    for (int instance = 0; instance < instances; instance++) {
      List<String> lines = lines("instance-" + instance + " line ", 3);
      logs.put(GROUP, "job-0/i-" + instance, lines);
      written.addAll(lines);
      for (int second = 0; second < 30; second++) { // a new instance every 30 s
        while (forwarder.runDueWork()) {
          // keep going while work is due
        }
        clock.advance(Duration.ofSeconds(1));
      }
    }
    drive(forwarder, Duration.ofSeconds(30));

    assertThat(sink.messages()).containsExactlyInAnyOrderElementsOf(written);
    assertThat(sink.lines()).extracting(ForwardedLine::eventId).doesNotHaveDuplicates();
    LogStatus status = store.last(key(0));
    assertThat(status.streams).hasSizeLessThanOrEqualTo(StreamRetirement.MAX_STREAMS);
    assertThat(status.retiredStreamsThrough).isNotNull();
    assertThat(status.linesForwarded).isEqualTo(written.size());
    assertThat(new ObjectMapper().writeValueAsBytes(status).length).isLessThan(64 * 1024);
  }

  @Test
  void aRetiredStreamWritingAgainAfterARestartForwardsOnlyItsNewLines() {
    RecordingSink before = new RecordingSink("sink");
    LogForwarder first = forwarder(LogForwarderSettings.defaults(), before);
    first.track(target(0, false));
    logs.put(GROUP, "job-0/i-old", lines("old ", 3));
    drive(first, Duration.ofSeconds(5));
    clock.advance(Duration.ofMillis(StreamRetirement.IDLE_MILLIS));
    logs.put(GROUP, "job-0/i-new", lines("new ", 2));
    drive(first, Duration.ofSeconds(30));
    LogStatus saved = store.last(key(0));
    first.close();
    assertThat(saved.streams).extracting(c -> c.name).containsExactly("job-0/i-new");

    RecordingSink after = new RecordingSink("sink");
    LogForwarder second = forwarder(LogForwarderSettings.defaults(), after);
    logs.put(GROUP, "job-0/i-old", List.of("old again"));
    second.track(new LogTarget(key(0), "job-0", GROUP, "job-0/", false, saved));
    drive(second, Duration.ofSeconds(30));

    assertThat(before.messages()).containsExactlyInAnyOrder("old 0", "old 1", "old 2", "new 0",
        "new 1");
    assertThat(after.messages()).containsExactly("old again");
  }
}
