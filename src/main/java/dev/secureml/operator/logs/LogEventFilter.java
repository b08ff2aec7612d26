package dev.secureml.operator.logs;

import dev.secureml.operator.api.LogStatus;
import dev.secureml.operator.api.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which forwarded lines become Kubernetes Events, so a crash loop cannot flood the
 * cluster: only error lines and tracebacks (see {@link ErrorBlockParser}), each message shape
 * at most once per dedupe window per resource (repeats are counted and reported when the window
 * ends), and all of a resource's events through a token bucket; what the bucket drops is
 * counted and mentioned in the resource's next event. Thread-safe.
 */
public final class LogEventFilter {
  public static final String REASON = Reason.LOG_ERROR.value();
  /** Events carry at most this many bytes of message (UTF-8). */
  public static final int MAX_MESSAGE_BYTES = 1024;
  /** Message shapes remembered per resource; the oldest are forgotten first. */
  static final int MAX_SIGNATURES = 256;

  /** An Event to write on the resource {@code key} names. */
  public record LogEvent(LogSourceKey key, String reason, String message) {}

  private final Clock clock;
  private final Duration dedupeWindow;
  private final int burst;
  private final Duration refill;
  private final Map<LogSourceKey, ResourceState> states = new HashMap<>();

  /**
   * @param dedupeWindow how long one message shape is reported only once
   * @param burst events a resource may emit at once
   * @param refill time for the bucket to earn one more event
   */
  public LogEventFilter(Clock clock, Duration dedupeWindow, int burst, Duration refill) {
    if (burst < 1 || dedupeWindow.isNegative() || refill.isNegative() || refill.isZero()) {
      throw new IllegalArgumentException("need burst >= 1, dedupeWindow >= 0 and refill > 0");
    }
    this.clock = clock;
    this.dedupeWindow = dedupeWindow;
    this.burst = burst;
    this.refill = refill;
  }

  /** The defaults the operator uses: 5 minute dedupe window, a burst of 3, one event per 30 s. */
  public static LogEventFilter withDefaults(Clock clock) {
    return new LogEventFilter(clock, Duration.ofMinutes(5), 3, Duration.ofSeconds(30));
  }

  /** The events to emit now for these lines of one resource (possibly none). */
  public synchronized List<LogEvent> offer(LogSourceKey key, List<ForwardedLine> lines) {
    Instant now = clock.instant();
    ResourceState state = states.computeIfAbsent(key, k -> new ResourceState(now));
    List<LogEvent> events = new ArrayList<>();
    state.reportEndedWindows(now, key, events);

    Map<String, Candidate> candidates = new LinkedHashMap<>();
    for (ErrorBlockParser.Block block : ErrorBlockParser.parse(lines)) {
      candidates.computeIfAbsent(MessageSignature.of(block.headline()), s -> new Candidate(block))
          .count++;
    }
    candidates.forEach((signature, candidate) -> {
      Seen seen = state.seen.get(signature);
      if (seen != null && now.isBefore(seen.since.plus(dedupeWindow))) {
        seen.repeats += candidate.count;
      } else {
        state.emit(now, key, signature, candidate.block, candidate.count, false, events);
      }
    });
    return events;
  }

  /** Forgets a resource, e.g. once it is deleted. */
  public synchronized void forget(LogSourceKey key) {
    states.remove(key);
  }

  /**
   * The last {@code lines} lines of the tail, newest last, for the Event written when a job
   * fails; older lines give way when the text would pass {@link #MAX_MESSAGE_BYTES}.
   */
  public static String failureSummary(LogStatus status, int lines) {
    if (lines < 1) {
      throw new IllegalArgumentException("lines must be at least 1, got " + lines);
    }
    List<String> tail = status == null || status.tail == null ? List.of() : status.tail;
    if (tail.isEmpty()) {
      return "No log lines were forwarded.";
    }
    Deque<String> kept = new ArrayDeque<>();
    int budget = MAX_MESSAGE_BYTES - 64; // room for the header line
    for (int i = tail.size() - 1; i >= 0 && kept.size() < lines; i--) {
      String line = String.valueOf(tail.get(i)).stripTrailing();
      int size = utf8Length(line) + 1;
      if (size > budget) {
        if (kept.isEmpty()) {
          kept.addFirst(truncate(line, budget - 1));
        }
        break;
      }
      kept.addFirst(line);
      budget -= size;
    }
    String header = "Last " + kept.size() + (kept.size() == 1 ? " log line" : " log lines")
        + (status.linesForwarded == null ? "" : " of " + status.linesForwarded) + ":";
    return header + "\n" + String.join("\n", kept);
  }

  private String render(ErrorBlockParser.Block block, long count, boolean repeatsOnly,
      long suppressed) {
    StringBuilder first = new StringBuilder();
    if (repeatsOnly) {
      first.append(" (seen ").append(count).append(count == 1 ? " more time)" : " more times)");
    } else if (count > 1) {
      first.append(" (seen ").append(count).append(" times)");
    }
    if (suppressed > 0) {
      first.append(" (+").append(suppressed).append(" other error lines suppressed)");
    }
    String suffix = first.toString();
    String headline = truncate(block.headline(), MAX_MESSAGE_BYTES - utf8Length(suffix));
    StringBuilder message = new StringBuilder(headline).append(suffix);
    int budget = MAX_MESSAGE_BYTES - utf8Length(message.toString());
    for (String line : block.lines()) {
      if (line.strip().equals(block.headline())) {
        continue; // already the first line
      }
      int size = utf8Length(line) + 1;
      if (size > budget) {
        if (budget > 4) {
          message.append('\n').append(truncate(line, budget - 1));
        }
        break;
      }
      message.append('\n').append(line);
      budget -= size;
    }
    return message.toString();
  }

  /** Cuts {@code text} to at most {@code maxBytes} UTF-8 bytes, ending in "..." when cut. */
  static String truncate(String text, int maxBytes) {
    if (utf8Length(text) <= maxBytes) {
      return text;
    }
    int limit = Math.max(0, maxBytes - 3);
    int end = 0;
    int bytes = 0;
    while (end < text.length()) {
      int cp = text.codePointAt(end);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > limit) {
        break;
      }
      bytes += size;
      end += Character.charCount(cp);
    }
    return text.substring(0, end) + "...";
  }

  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static final class Candidate {
    final ErrorBlockParser.Block block;
    long count;

    Candidate(ErrorBlockParser.Block block) {
      this.block = block;
    }
  }

  /** A message shape reported at {@code since}, and how often it came back after that. */
  private static final class Seen {
    final Instant since;
    final ErrorBlockParser.Block block;
    long repeats;

    Seen(Instant since, ErrorBlockParser.Block block) {
      this.since = since;
      this.block = block;
    }
  }

  /** One resource's bucket, suppressed count and recently reported message shapes. */
  private final class ResourceState {
    private final Map<String, Seen> seen = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
        return size() > MAX_SIGNATURES;
      }
    };
    private long credit = refill.toNanos() * burst;
    private Instant refilledAt;
    private long suppressed;

    ResourceState(Instant now) {
      this.refilledAt = now;
    }

    /** Windows that ended with repeats in them become one event each; quiet ones are dropped. */
    void reportEndedWindows(Instant now, LogSourceKey key, List<LogEvent> events) {
      List<Map.Entry<String, Seen>> ended = new ArrayList<>();
      for (Iterator<Map.Entry<String, Seen>> it = seen.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Seen> entry = it.next();
        if (!now.isBefore(entry.getValue().since.plus(dedupeWindow))) {
          it.remove();
          if (entry.getValue().repeats > 0) {
            ended.add(entry);
          }
        }
      }
      for (Map.Entry<String, Seen> entry : ended) {
        Seen old = entry.getValue();
        emit(now, key, entry.getKey(), old.block, old.repeats, true, events);
      }
    }

    void emit(Instant now, LogSourceKey key, String signature, ErrorBlockParser.Block block,
        long count, boolean repeatsOnly, List<LogEvent> events) {
      if (!take(now)) {
        suppressed += count;
        return;
      }
      events.add(new LogEvent(key, REASON, render(block, count, repeatsOnly, suppressed)));
      suppressed = 0;
      seen.put(signature, new Seen(now, block));
    }

    private boolean take(Instant now) {
      // Integer nanoseconds of credit, so refills add up exactly (29 s + 1 s is one event).
      long perEvent = refill.toNanos();
      long earned = Math.max(0, Duration.between(refilledAt, now).toNanos());
      credit = Math.min(perEvent * burst, credit + Math.min(earned, perEvent * burst));
      refilledAt = now;
      if (credit >= perEvent) {
        credit -= perEvent;
        return true;
      }
      return false;
    }
  }
}
