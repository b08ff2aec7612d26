package dev.secureml.operator.logs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * Reads all streams of a {@link LogLocation} and hands their lines on in time order across
 * streams, holding at most one page per stream. Each {@link #poll} continues where the last
 * one stopped and picks up streams that appeared since, which is what following needs.
 */
public final class MergedLogReader {
  static final int PAGE = 1_000;

  /** One line and the stream it came from. */
  public record StreamLine(String stream, long timestampMillis, String message) {}

  private final CloudWatchLogsGateway gateway;
  private final LogLocation location;
  private final long notBeforeMillis;
  private final Map<String, Cursor> cursors = new TreeMap<>();

  /** @param notBeforeMillis lines older than this (epoch ms) are skipped; 0 keeps all */
  public MergedLogReader(CloudWatchLogsGateway gateway, LogLocation location,
      long notBeforeMillis) {
    this.gateway = gateway;
    this.location = location;
    this.notBeforeMillis = notBeforeMillis;
  }

  /** Streams found so far. */
  public int streamCount() {
    return cursors.size();
  }

  /** Hands on every line written since the previous poll, oldest first. */
  public void poll(Consumer<StreamLine> out) {
    discover();
    cursors.values().forEach(c -> c.drained = false);
    while (true) {
      Cursor next = null;
      for (Cursor cursor : cursors.values()) {
        cursor.fill();
        if (!cursor.buffer.isEmpty() && (next == null
            || cursor.buffer.peek().timestampMillis() < next.buffer.peek().timestampMillis())) {
          next = cursor;
        }
      }
      if (next == null) {
        return;
      }
      LogLine line = next.buffer.poll();
      if (line.timestampMillis() >= notBeforeMillis) {
        out.accept(new StreamLine(next.stream, line.timestampMillis(), line.message()));
      }
    }
  }

  private void discover() {
    for (String stream : location.knownStreams()) {
      cursors.computeIfAbsent(stream, Cursor::new);
    }
    for (String stream : gateway.streams(location.group(), location.streamPrefix())) {
      cursors.computeIfAbsent(stream, Cursor::new);
    }
  }

  /** A stream's read position and the page not yet handed on. */
  private final class Cursor {
    final String stream;
    final Deque<LogLine> buffer = new ArrayDeque<>();
    String token;
    boolean drained;

    Cursor(String stream) {
      this.stream = stream;
    }

    void fill() {
      while (buffer.isEmpty() && !drained) {
        LogPage page;
        try {
          page = gateway.read(location.group(), stream, token, PAGE);
        } catch (ResourceNotFoundException gone) {
          drained = true; // a stream named in status but deleted since: nothing to read
          return;
        }
        buffer.addAll(page.lines());
        drained = page.endOfStream() || page.nextForwardToken() == null;
        if (page.nextForwardToken() != null) {
          token = page.nextForwardToken();
        }
      }
    }
  }
}
