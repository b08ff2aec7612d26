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
 * FilterLogEvents: matching events of several streams, interleaved by time. The token names the
 * last event returned (time, stream, position), so events appended between pages are neither
 * lost nor repeated; no token in the answer means the search is done.
 */
final class LogSearch {
  private record Hit(long timestamp, String stream, int position, LogStore.LogEvent event) {}

  private static final Comparator<Hit> ORDER = Comparator.comparingLong(Hit::timestamp)
      .thenComparing(Hit::stream).thenComparingInt(Hit::position);

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
      for (int i = 0; i < list.size(); i++) {
        LogStore.LogEvent event = list.get(i);
        Hit hit = new Hit(event.timestamp(), stream, i, event);
        if (LogEventPager.inRange(event, startTime, endTime) && pattern.matches(event.message())
            && (after == null || ORDER.compare(hit, after) > 0)) {
          hits.add(hit);
        }
      }
    });
    hits.sort(ORDER);

    ObjectNode response = Json.object();
    ArrayNode out = response.putArray("events");
    List<Hit> page = hits.subList(0, Math.min(limit, hits.size()));
    for (Hit hit : page) {
      out.addObject().put("logStreamName", hit.stream())
          .put("timestamp", hit.timestamp())
          .put("message", hit.event().message())
          .put("ingestionTime", hit.event().ingestionTime())
          .put("eventId", String.format("%020d%016d%020d", hit.timestamp(),
              Math.abs((long) hit.stream().hashCode()), hit.position()));
    }
    ArrayNode searched = response.putArray("searchedLogStreams");
    events.keySet().forEach(s ->
        searched.addObject().put("logStreamName", s).put("searchedCompletely", true));
    if (hits.size() > page.size()) {
      response.put("nextToken", encode(page.get(page.size() - 1)));
    }
    return response;
  }

  private static String encode(Hit hit) {
    String raw = hit.timestamp() + "\n" + hit.position() + "\n" + hit.stream();
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static Hit decode(String token) {
    if (token == null) {
      return null;
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
          .split("\n", 3);
      return new Hit(Long.parseLong(parts[0]), parts[2], Integer.parseInt(parts[1]), null);
    } catch (RuntimeException e) {
      throw LogsService.invalid("The specified nextToken is invalid.");
    }
  }
}
