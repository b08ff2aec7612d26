package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * What SageMaker's List* operations share: MaxResults (1-100, 10 by default), time-window
 * filters and NextToken paging, the token naming the last item sent.
 */
final class ListRequests {
  private ListRequests() {}

  /** The page size; the service model has checked it is 1-100. */
  static int maxResults(JsonNode request) {
    return request.path("MaxResults").asInt(10);
  }

  /** Whether {@code time} lies strictly between the request's {@code after} and {@code before}. */
  static boolean within(Instant time, JsonNode request, String after, String before) {
    JsonNode a = request.get(after);
    JsonNode b = request.get(before);
    return (a == null || a.isNull() || time.isAfter(Json.fromEpochSeconds(a)))
        && (b == null || b.isNull() || time.isBefore(Json.fromEpochSeconds(b)));
  }

  /**
   * One page of {@code sorted}: the items after the one the request's NextToken names, at most
   * {@code max}, and a NextToken when more follow.
   *
   * @param key an item's name, unique ignoring case
   */
  static <T> ObjectNode page(List<T> sorted, JsonNode request, int max, String listField,
      Function<T, String> key, Function<T, ObjectNode> summary) {
    int from = 0;
    String token = Json.text(request, "NextToken");
    if (token != null) {
      String after = decodeToken(token);
      for (int i = 0; i < sorted.size(); i++) {
        if (key.apply(sorted.get(i)).equalsIgnoreCase(after)) {
          from = i + 1;
        }
      }
    }
    int to = Math.min(sorted.size(), from + max);
    ObjectNode response = Json.object();
    ArrayNode items = response.putArray(listField);
    sorted.subList(Math.min(from, to), to).forEach(item -> items.add(summary.apply(item)));
    if (to < sorted.size()) {
      response.put("NextToken", Base64.getUrlEncoder().withoutPadding().encodeToString(
          key.apply(sorted.get(to - 1)).getBytes(StandardCharsets.UTF_8)));
    }
    return response;
  }

  private static String decodeToken(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw AwsServiceException.validation("Invalid pagination token: " + token);
    }
  }
}
