package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * FilterLogEvents as botocore's model and AWS's documentation describe it: the matching events
 * of the named streams (at most 100, the model checks), or of those with a prefix, or of the
 * whole group, always interleaved (the {@code interleaved} flag is ignored, as AWS has ignored it
 * since 2019) and sorted by timestamp, then ingestion time; a page holds at most {@code limit}
 * events (10,000 unless asked) and 1 MB. A named stream that does not exist fails the call.
 * Each event's eventId never changes. The token names the last event returned, so events
 * appended between pages are neither lost nor repeated; no token in the answer means the search
 * is done. {@code searchedLogStreams} is always empty, as AWS has returned it since 2020.
 */
final class LogSearch {
  private record Hit(long timestamp, long ingestionTime, String stream, long sequence,
      LogStore.LogEvent event) {}

  private static final Comparator<Hit> ORDER = Comparator.comparingLong(Hit::timestamp)
      .thenComparingLong(Hit::ingestionTime).thenComparing(Hit::stream)
      .thenComparingLong(Hit::sequence);

  private final LogStore store;

  LogSearch(LogStore store) {
    this.store = store;
  }

  JsonNode filter(String group, JsonNode request, int limit) {
    JsonNode names = request.get("logStreamNames");
    String prefix = Json.text(request, "logStreamNamePrefix");
    if (names != null && !names.isNull() && prefix != null) {
      throw LogsService.invalid("logStreamNames and logStreamNamePrefix are mutually exclusive");
    }
    List<String> streams = new ArrayList<>();
    if (names != null && names.isArray()) {
      names.forEach(n -> streams.add(n.asText()));
    } else {
      store.streams(group).stream().map(LogStore.StreamInfo::name)
          .filter(n -> prefix == null || n.startsWith(prefix)).forEach(streams::add);
    }
    Long startTime = request.hasNonNull("startTime") ? request.get("startTime").asLong() : null;
    Long endTime = request.hasNonNull("endTime") ? request.get("endTime").asLong() : null;
    LogFilterPattern pattern = LogFilterPattern.parse(Json.text(request, "filterPattern"));
    Hit after = decode(Json.text(request, "nextToken"));

    List<Hit> hits = new ArrayList<>();
    Map<String, List<LogStore.LogEvent>> events = store.events(group, streams);
    events.forEach((stream, list) -> {
      for (LogStore.LogEvent event : list) {
        Hit hit = new Hit(event.timestamp(), event.ingestionTime(), stream, event.sequence(),
            event);
        if (LogEventPager.inRange(event, startTime, endTime) && pattern.matches(event.message())
            && (after == null || ORDER.compare(hit, after) > 0)) {
          hits.add(hit);
        }
      }
    });
    hits.sort(ORDER);

    ObjectNode response = Json.object();
    ArrayNode out = response.putArray("events");
    int bytes = 0;
    int taken = 0;
    for (Hit hit : hits) {
      int size = LogEventPager.size(hit.event());
      if (taken == limit || (taken > 0 && bytes + size > LogEventPager.MAX_BYTES)) {
        break;
      }
      bytes += size;
      taken++;
      out.addObject().put("logStreamName", hit.stream())
          .put("timestamp", hit.timestamp())
          .put("message", hit.event().message())
          .put("ingestionTime", hit.ingestionTime())
          .put("eventId", hit.event().eventId(hit.stream()));
    }
    response.putArray("searchedLogStreams");
    if (taken < hits.size()) {
      response.put("nextToken", encode(hits.get(taken - 1)));
    }
    return response;
  }

  private static String encode(Hit hit) {
    String raw = hit.timestamp() + "\n" + hit.ingestionTime() + "\n" + hit.sequence() + "\n"
        + hit.stream();
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static Hit decode(String token) {
    if (token == null) {
      return null;
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
          .split("\n", 4);
      return new Hit(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[3],
          Long.parseLong(parts[2]), null);
    } catch (RuntimeException e) {
      throw LogsService.invalid("The specified nextToken is invalid.");
    }
  }
}
