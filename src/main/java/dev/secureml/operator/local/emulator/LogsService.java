package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch Logs' JSON API over a {@link LogStore}. Quotas and the service model's request
 * checks sit in front of it ({@link ThrottledService}, {@link ModelCheckedService}).
 */
final class LogsService implements JsonRpcService {
  private final LogStore store;
  private final LogSearch search;
  private final String arnPrefix;

  LogsService(LogStore store, String region, String accountId) {
    this.store = store;
    this.search = new LogSearch(store);
    this.arnPrefix = "arn:aws:logs:" + region + ":" + accountId + ":log-group:";
  }

  @Override
  public JsonNode invoke(String operation, JsonNode request) {
    return switch (operation) {
      case "CreateLogGroup" -> {
        store.createGroup(Json.text(request, "logGroupName"));
        yield Json.object();
      }
      case "CreateLogStream" -> {
        store.createStream(Json.text(request, "logGroupName"), Json.text(request, "logStreamName"));
        yield Json.object();
      }
      case "PutLogEvents" -> putLogEvents(request);
      case "DescribeLogGroups" -> describeLogGroups(request);
      case "DescribeLogStreams" -> describeLogStreams(request);
      case "GetLogEvents" -> LogEventPager.page(
          store.events(group(request), Json.text(request, "logStreamName")),
          Json.text(request, "nextToken"), request.path("startFromHead").asBoolean(false),
          optionalLong(request, "startTime"), optionalLong(request, "endTime"),
          limit(request, 10_000));
      case "FilterLogEvents" -> search.filter(group(request), request,
          limit(request, 10_000));
      default -> throw JsonRpcService.unknownOperation(operation);
    };
  }

  private JsonNode putLogEvents(JsonNode request) {
    String group = Json.text(request, "logGroupName");
    String stream = Json.text(request, "logStreamName");
    JsonNode events = request.path("logEvents");
    List<Map.Entry<Long, String>> batch = new ArrayList<>();
    long previous = Long.MIN_VALUE;
    for (JsonNode event : events) {
      long timestamp = event.path("timestamp").asLong();
      if (timestamp < previous) {
        throw invalid("Log events in a single PutLogEvents request must be in chronological order.");
      }
      previous = timestamp;
      batch.add(Map.entry(timestamp, event.path("message").asText("")));
    }
    long sequence = store.append(group, stream, batch);
    return Json.object().put("nextSequenceToken", String.format("%056d", sequence));
  }

  private JsonNode describeLogGroups(JsonNode request) {
    String prefix = request.path("logGroupNamePrefix").asText("");
    List<String> names = store.groupNames().stream().filter(n -> n.startsWith(prefix)).toList();
    ObjectNode response = Json.object();
    ArrayNode out = response.putArray("logGroups");
    int from = offset(request);
    int to = Math.min(names.size(), from + limit(request, 50));
    for (String name : names.subList(Math.min(from, names.size()), to)) {
      out.addObject().put("logGroupName", name)
          .put("creationTime", store.groupCreationTime(name))
          .put("arn", arnPrefix + name + ":*").put("storedBytes", 0);
    }
    if (to < names.size()) {
      response.put("nextToken", offsetToken(to));
    }
    return response;
  }

  private JsonNode describeLogStreams(JsonNode request) {
    String group = group(request);
    String prefix = Json.text(request, "logStreamNamePrefix");
    boolean byLastEvent = "LastEventTime".equals(Json.text(request, "orderBy"));
    if (byLastEvent && prefix != null) {
      throw invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
    }
    List<LogStore.StreamInfo> streams = new ArrayList<>(store.streams(group).stream()
        .filter(s -> prefix == null || s.name().startsWith(prefix)).toList());
    if (byLastEvent) {
      streams.sort(Comparator.comparing((LogStore.StreamInfo s) ->
          s.lastEventTimestamp() == null ? 0L : s.lastEventTimestamp())
          .thenComparing(LogStore.StreamInfo::name));
    }
    if (request.path("descending").asBoolean(false)) {
      Collections.reverse(streams);
    }
    int from = Math.min(offset(request), streams.size());
    int to = Math.min(streams.size(), from + limit(request, 50));
    ObjectNode response = Json.object();
    ArrayNode out = response.putArray("logStreams");
    for (LogStore.StreamInfo s : streams.subList(from, to)) {
      ObjectNode node = out.addObject().put("logStreamName", s.name())
          .put("creationTime", s.creationTime());
      if (s.firstEventTimestamp() != null) {
        node.put("firstEventTimestamp", s.firstEventTimestamp())
            .put("lastEventTimestamp", s.lastEventTimestamp())
            .put("lastIngestionTime", s.lastIngestionTime());
      }
      node.put("uploadSequenceToken", String.format("%056d", s.sequence()))
          .put("arn", arnPrefix + group + ":log-stream:" + s.name())
          .put("storedBytes", 0);
    }
    if (to < streams.size()) {
      response.put("nextToken", offsetToken(to));
    }
    return response;
  }

  /** Either name form the API accepts; an identifier may be the group's ARN. */
  private String group(JsonNode request) {
    String name = Json.text(request, "logGroupName");
    String identifier = Json.text(request, "logGroupIdentifier");
    if (name == null && identifier != null) {
      name = identifier.startsWith(arnPrefix)
          ? identifier.substring(arnPrefix.length()).replaceFirst(":\\*$", "") : identifier;
    }
    if (name == null) {
      throw invalid("1 validation error detected: Value null at 'logGroupName' failed to satisfy"
          + " constraint: Member must not be null");
    }
    return name;
  }

  private static Long optionalLong(JsonNode request, String field) {
    JsonNode value = request.get(field);
    return value == null || value.isNull() ? null : value.asLong();
  }

  /** The request's limit (the model has checked its range); absent means max, as in AWS. */
  private static int limit(JsonNode request, int max) {
    return request.path("limit").asInt(max);
  }

  private static int offset(JsonNode request) {
    String token = Json.text(request, "nextToken");
    if (token == null) {
      return 0;
    }
    try {
      return Integer.parseInt(new String(Base64.getUrlDecoder().decode(token),
          StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw invalid("The specified nextToken is invalid.");
    }
  }

  private static String offsetToken(int offset) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(String.valueOf(offset).getBytes(StandardCharsets.UTF_8));
  }

  static AwsServiceException invalid(String message) {
    return new AwsServiceException("InvalidParameterException", message);
  }
}
