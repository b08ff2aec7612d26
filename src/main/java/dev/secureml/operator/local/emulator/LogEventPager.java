package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * GetLogEvents paging with CloudWatch's token semantics. {@code f/<n>} reads forward from
 * position n, {@code b/<n>} reads backward from just before n. A forward read that finds
 * nothing new hands back the token it was given, which is how callers know they reached the
 * end of the stream; later appends then show up under that same token.
 */
final class LogEventPager {
  /** Events count their UTF-8 size plus 26 bytes against the 1 MB response cap, as AWS does. */
  static final int MAX_BYTES = 1_048_576;
  private static final int EVENT_OVERHEAD = 26;

  private LogEventPager() {}

  static ObjectNode page(List<LogStore.LogEvent> events, String token, boolean startFromHead,
      Long startTime, Long endTime, int limit) {
    boolean forward = startFromHead;
    int position = forward ? 0 : events.size();
    if (token != null) {
      forward = token.startsWith("f/");
      if (!forward && !token.startsWith("b/")) {
        throw invalidToken();
      }
      try {
        position = Integer.parseInt(token.substring(2));
      } catch (NumberFormatException e) {
        throw invalidToken();
      }
      if (position < 0 || position > events.size()) {
        throw invalidToken();
      }
    }
    Deque<LogStore.LogEvent> picked = new ArrayDeque<>();
    int bytes = 0;
    int from = position;
    int to = position;
    if (forward) {
      while (to < events.size() && picked.size() < limit) {
        LogStore.LogEvent event = events.get(to);
        int size = size(event);
        if (bytes + size > MAX_BYTES && !picked.isEmpty()) {
          break;
        }
        to++;
        if (inRange(event, startTime, endTime)) {
          picked.addLast(event);
          bytes += size;
        }
      }
    } else {
      while (from > 0 && picked.size() < limit) {
        LogStore.LogEvent event = events.get(from - 1);
        int size = size(event);
        if (bytes + size > MAX_BYTES && !picked.isEmpty()) {
          break;
        }
        from--;
        if (inRange(event, startTime, endTime)) {
          picked.addFirst(event);
          bytes += size;
        }
      }
    }
    ObjectNode response = Json.object();
    ArrayNode out = response.putArray("events");
    for (LogStore.LogEvent event : picked) {
      out.addObject()
          .put("timestamp", event.timestamp())
          .put("message", event.message())
          .put("ingestionTime", event.ingestionTime());
    }
    response.put("nextForwardToken", "f/" + to);
    response.put("nextBackwardToken", "b/" + from);
    return response;
  }

  static boolean inRange(LogStore.LogEvent event, Long startTime, Long endTime) {
    return (startTime == null || event.timestamp() >= startTime)
        && (endTime == null || event.timestamp() < endTime);
  }

  static int size(LogStore.LogEvent event) {
    return event.message().getBytes(StandardCharsets.UTF_8).length + EVENT_OVERHEAD;
  }

  private static AwsServiceException invalidToken() {
    return new AwsServiceException("InvalidParameterException",
        "The specified nextToken is invalid.");
  }
}
