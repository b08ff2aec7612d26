package dev.secureml.operator.local.sandbox;

import dev.secureml.operator.logs.ForwardedLine;
import dev.secureml.operator.logs.LogSink;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Shows forwarded log lines in the sandbox's story: the first few of each resource, then the
 * telling ones (metrics, warnings, errors), a bounded number per resource.
 */
final class ConsoleLogSink implements LogSink {
  private final PrintStream out;
  private final Supplier<String> clock;
  private final int maxLinesPerResource;
  private static final int FIRST_LINES = 6;
  private static final Pattern TELLING = Pattern.compile(
      "train-|validation-|WARN|ERROR|Error|Traceback|Completed|Model server started");

  private final Map<String, Integer> shown = new ConcurrentHashMap<>();
  private final Map<String, Integer> seenCount = new ConcurrentHashMap<>();

  ConsoleLogSink(PrintStream out, Supplier<String> clock, int maxLinesPerResource) {
    this.out = out;
    this.clock = clock;
    this.maxLinesPerResource = maxLinesPerResource;
  }

  @Override
  public String name() {
    return "console";
  }

  @Override
  public void accept(List<ForwardedLine> batch) {
    for (ForwardedLine line : batch) {
      String resource = line.namespace() + "/" + line.name();
      int seen = seenCount.merge(resource, 1, Integer::sum);
      if (seen > FIRST_LINES && !TELLING.matcher(line.message()).find()) {
        continue;
      }
      int n = shown.merge(resource, 1, Integer::sum);
      if (n <= maxLinesPerResource) {
        String stream = line.stream().substring(line.stream().lastIndexOf('/') + 1);
        out.printf("%s  log %-36s %s | %s%n", clock.get(), resource, stream, line.message());
      } else if (n == maxLinesPerResource + 1) {
        out.printf("%s  log %-36s (more lines in status.logs and with the logs command)%n",
            clock.get(), resource);
      }
    }
  }
}
