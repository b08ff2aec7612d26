package dev.secureml.operator.drift;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Streams records, one at a time, so that a data set never has to fit in memory. A record maps a
 * column name to its raw text; a missing value is absent, null, or empty. Malformed input throws
 * {@link DataFormatException} naming the line.
 */
public interface RecordReader extends Iterator<Map<String, String>>, Closeable {

  /** The input formats the readers understand. */
  enum Format { csv, jsonl, capture }

  /** Opens {@code path} in the given format; {@code header} matters for CSV only. */
  static RecordReader open(Path path, Format format, boolean header) throws IOException {
    BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
    String source = path.toString();
    return switch (format) {
      case csv -> new CsvRecordReader(in, header, source);
      case jsonl -> new JsonLinesRecordReader(in, source);
      case capture -> new CaptureRecordReader(in, source);
    };
  }

  /** Thrown when the input cannot be parsed. */
  class DataFormatException extends RuntimeException {
    public DataFormatException(String message) {
      super(message);
    }

    public DataFormatException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Base for line-oriented readers: reads ahead one record at a time. */
  abstract class LineReader implements RecordReader {
    private final BufferedReader in;
    protected final String source;
    protected long lineNumber;
    private final ArrayDeque<Map<String, String>> pending = new ArrayDeque<>();
    private boolean done;

    protected LineReader(BufferedReader in, String source) {
      this.in = in;
      this.source = source;
    }

    /** Turns one non-blank line into its records (none for a header line). */
    protected abstract List<Map<String, String>> parse(String line);

    protected String readLine() {
      try {
        String line = in.readLine();
        if (line != null) {
          lineNumber++;
        }
        return line;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + source, e);
      }
    }

    @Override
    public boolean hasNext() {
      while (pending.isEmpty() && !done) {
        String line = readLine();
        if (line == null) {
          done = true;
        } else if (!line.isBlank()) {
          pending.addAll(parse(line));
        }
      }
      return !pending.isEmpty();
    }

    @Override
    public Map<String, String> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return pending.removeFirst();
    }

    protected DataFormatException error(String what) {
      return new DataFormatException(source + " line " + lineNumber + ": " + what);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
