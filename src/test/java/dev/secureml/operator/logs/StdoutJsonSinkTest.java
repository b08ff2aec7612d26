package dev.secureml.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StdoutJsonSinkTest {
  @Test
  void writesOneJsonObjectPerLineWithAnIsoTimestamp() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StdoutJsonSink sink = new StdoutJsonSink(new PrintStream(bytes, false, StandardCharsets.UTF_8));
    sink.accept(List.of(
        line("id-1", "epoch 1 \"quoted\"\nsecond line"),
        line("id-2", "done")));

    String[] out = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(out).hasSize(2);
    JsonNode first = new ObjectMapper().readTree(out[0]);
    assertThat(first.path("namespace").asText()).isEqualTo("team");
    assertThat(first.path("kind").asText()).isEqualTo("SecureTrainingJob");
    assertThat(first.path("name").asText()).isEqualTo("xgb");
    assertThat(first.path("sageMakerResource").asText()).isEqualTo("team-xgb-abc123");
    assertThat(first.path("group").asText()).isEqualTo("/aws/sagemaker/TrainingJobs");
    assertThat(first.path("stream").asText()).isEqualTo("team-xgb-abc123/algo-1-1700000000");
    assertThat(first.path("timestamp").asText()).isEqualTo("2023-11-14T22:13:20.123Z");
    assertThat(first.path("eventId").asText()).isEqualTo("id-1");
    assertThat(first.path("message").asText()).isEqualTo("epoch 1 \"quoted\"\nsecond line");
    assertThat(sink.name()).isEqualTo("stdout");
  }

  private static ForwardedLine line(String id, String message) {
    return new ForwardedLine(id, "team", "SecureTrainingJob", "xgb", "team-xgb-abc123",
        "/aws/sagemaker/TrainingJobs", "team-xgb-abc123/algo-1-1700000000", 1_700_000_000_123L,
        message);
  }
}
