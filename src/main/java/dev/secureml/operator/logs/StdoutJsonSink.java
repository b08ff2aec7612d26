package dev.secureml.operator.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/**
 * Writes each line as one JSON object on its own line, the shape cluster log collectors
 * (Fluent Bit, Vector, the OpenTelemetry collector) parse without configuration.
 */
public final class StdoutJsonSink implements LogSink {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream out;

  public StdoutJsonSink() {
    this(System.out);
  }

  public StdoutJsonSink(PrintStream out) {
    this.out = out;
  }

  @Override
  public String name() {
    return "stdout";
  }

  @Override
  public void accept(List<ForwardedLine> batch) throws LogSinkException {
    StringBuilder text = new StringBuilder(batch.size() * 256);
    for (ForwardedLine line : batch) {
      text.append(json(line)).append('\n');
    }
    // One write per batch under the stream's lock: batches of different streams never interleave.
    synchronized (out) {
      out.print(text);
      out.flush();
      if (out.checkError()) {
        throw new LogSinkException("writing to the output stream failed");
      }
    }
  }

  static String json(ForwardedLine line) throws LogSinkException {
    ObjectNode node = JSON.createObjectNode()
        .put("namespace", line.namespace())
        .put("kind", line.kind())
        .put("name", line.name())
        .put("sageMakerResource", line.sageMakerResource())
        .put("group", line.group())
        .put("stream", line.stream())
        .put("timestamp", Instant.ofEpochMilli(line.timestampMillis()).toString())
        .put("eventId", line.eventId())
        .put("message", line.message());
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new LogSinkException("cannot serialise a log line", e);
    }
  }
}
