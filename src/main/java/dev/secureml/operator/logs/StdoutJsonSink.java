package dev.secureml.operator.logs;

import java.io.PrintStream;
import java.util.List;

/**
 * Writes each line as one JSON object on its own line, the shape cluster log collectors
 * (Fluent Bit, Vector, the OpenTelemetry collector) parse without configuration.
 */
public final class StdoutJsonSink implements LogSink {
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
    String text = JsonLines.ndjson(batch);
    // One write per batch under the stream's lock: batches of different streams never interleave.
    synchronized (out) {
      out.print(text);
      out.flush();
      if (out.checkError()) {
        throw new LogSinkException("writing to the output stream failed");
      }
    }
  }

  static String json(ForwardedLine line) {
    return JsonLines.json(line);
  }

}
