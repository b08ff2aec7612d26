package dev.secureml.operator.logs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the error lines in a batch and folds what belongs to them (a Python traceback's frames
 * and source lines, a Java stack trace's frames and causes) into one block. Each stream is read
 * on its own, so tracebacks of two instances that interleave in a batch stay apart. A block
 * still open when the batch ends is returned as it is.
 */
final class ErrorBlockParser {
  /** Lines kept per block; a RecursionError can print a thousand frames. */
  static final int MAX_LINES = 40;

  private static final Pattern TRACEBACK = Pattern.compile("Traceback \\(most recent call last\\)");
  private static final Pattern PY_FRAME = Pattern.compile("File \"[^\"]*\", line \\d+");
  private static final Pattern CHAINED = Pattern.compile(
      "^(During handling of the above exception|The above exception was the direct cause)");
  private static final Pattern JAVA_FRAME = Pattern.compile(
      "^\\s+(at [\\w$.<>/]+\\(.*\\)|\\.\\.\\. \\d+ (more|common frames omitted))\\s*$");
  private static final Pattern CAUSED_BY = Pattern.compile("^\\s*(Caused by|Suppressed): ");
  private static final Pattern LEVEL = Pattern.compile("\\b(ERROR|FATAL|CRITICAL)\\b");
  private static final Pattern EXCEPTION = Pattern.compile("\\b\\w*Exception\\b");
  /** What mpirun and some launchers put before each line: [1,mpirank:0,algo-1]<stderr>: */
  private static final Pattern LAUNCHER_PREFIX =
      Pattern.compile("^\\[[^\\]]*\\](<std(out|err)>)?:");
  private static final Pattern ERROR_PREFIX = Pattern.compile("^\\s*[\\w.]*Error:");

  /**
   * @param headline what the block is about: the exception line that ends a traceback, else
   *     its first line
   * @param lines all lines of the block, headline included, at most {@link #MAX_LINES}
   * @param order position of the block's first line in the batch
   */
  record Block(String headline, List<String> lines, int order) {}

  private ErrorBlockParser() {}

  static boolean isErrorLine(String line) {
    return LEVEL.matcher(line).find() || EXCEPTION.matcher(line).find()
        || ERROR_PREFIX.matcher(withoutPrefix(line)).find() || TRACEBACK.matcher(line).find();
  }

  private static String withoutPrefix(String text) {
    return LAUNCHER_PREFIX.matcher(text).replaceFirst("");
  }

  static List<Block> parse(List<ForwardedLine> batch) {
    Map<String, StreamState> streams = new LinkedHashMap<>();
    List<Block> blocks = new ArrayList<>();
    int order = 0;
    for (ForwardedLine line : batch) {
      StreamState state = streams.computeIfAbsent(String.valueOf(line.stream()),
          s -> new StreamState(blocks));
      String message = line.message() == null ? "" : line.message();
      // One event can carry several lines when a container wrote them in one go.
      for (String text : message.split("\\r?\\n", -1)) {
        if (!text.isEmpty() || state.open != null) {
          state.accept(text, order);
        }
      }
      order++;
    }
    streams.values().forEach(StreamState::finish);
    blocks.sort((a, b) -> Integer.compare(a.order(), b.order()));
    return blocks;
  }

  /** The open block of one stream. */
  private static final class StreamState {
    private final List<Block> out;
    private Open open;

    StreamState(List<Block> out) {
      this.out = out;
    }

    void accept(String text, int order) {
      if (open != null && open.absorbs(text)) {
        return;
      }
      finish();
      if (TRACEBACK.matcher(text).find()) {
        open = new Open(order, true);
        open.add(text);
      } else if (isErrorLine(text)) {
        open = new Open(order, false);
        open.add(text);
      }
    }

    void finish() {
      if (open != null) {
        out.add(open.toBlock());
        open = null;
      }
    }
  }

  /** A block being read: a traceback waits for its exception line; an error for its frames. */
  private static final class Open {
    private final int order;
    private final List<String> lines = new ArrayList<>();
    private boolean traceback;
    private boolean closed;
    private String exceptionLine;

    Open(int order, boolean traceback) {
      this.order = order;
      this.traceback = traceback;
    }

    boolean absorbs(String text) {
      if (!traceback) {
        if (TRACEBACK.matcher(text).find() && lines.size() == 1) {
          // logging.exception(): the message first, then the traceback it explains
          traceback = true;
          add(text);
          return true;
        }
        if (JAVA_FRAME.matcher(text).find() || CAUSED_BY.matcher(text).find()
            || PY_FRAME.matcher(text).find()) {
          add(text);
          return true;
        }
        return false;
      }
      if (closed) {
        // A chained exception continues the same block; anything else ends it.
        if (text.isBlank() || CHAINED.matcher(withoutPrefix(text)).find()) {
          add(text);
          return true;
        }
        if (TRACEBACK.matcher(text).find()) {
          closed = false;
          add(text);
          return true;
        }
        return false;
      }
      String bare = withoutPrefix(text);
      boolean partOfTraceback = PY_FRAME.matcher(bare).find() || bare.isBlank()
          || Character.isWhitespace(bare.charAt(0)) // a frame's source line, a caret line
          || TRACEBACK.matcher(bare).find();
      if (!partOfTraceback) {
        exceptionLine = text;
        closed = true;
      }
      add(text);
      return true;
    }

    void add(String text) {
      if (lines.size() < MAX_LINES) {
        lines.add(text);
      } else if (text.equals(exceptionLine)) {
        lines.set(MAX_LINES - 1, text); // the exception line matters more than frame 39
      }
    }

    Block toBlock() {
      List<String> kept = new ArrayList<>(lines);
      while (!kept.isEmpty() && kept.get(kept.size() - 1).isBlank()) {
        kept.remove(kept.size() - 1);
      }
      String headline = exceptionLine != null ? exceptionLine : kept.get(0);
      return new Block(headline.strip(), List.copyOf(kept), order);
    }
  }
}
