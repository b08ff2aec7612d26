package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** AddTags, ListTags and DeleteTags, on any resource the resolver finds by ARN. */
final class SageMakerTags {
  private final Function<String, Taggable> resolver;

  /** @param resolver the resource with an ARN, or null when there is none */
  SageMakerTags(Function<String, Taggable> resolver) {
    this.resolver = resolver;
  }

  JsonNode add(JsonNode request) {
    Taggable resource = byArn(request);
    JsonNode tags = request.get("Tags");
    Map<String, String> added = new LinkedHashMap<>();
    tags.forEach(t -> added.put(t.path("Key").asText(), t.path("Value").asText("")));
    synchronized (resource) {
      Map<String, String> merged = resource.tags();
      merged.putAll(added);
      if (merged.size() > 50) {
        throw new AwsServiceException("ResourceLimitExceeded", "The request would give "
            + resource.arn() + " " + merged.size() + " tags; a resource can have at most 50.");
      }
      resource.putTags(added);
    }
    return Json.object().set("Tags", TrainingJobView.tags(added));
  }

  JsonNode delete(JsonNode request) {
    Taggable resource = byArn(request);
    JsonNode keys = request.get("TagKeys");
    List<String> removed = new ArrayList<>();
    keys.forEach(k -> removed.add(k.asText()));
    resource.removeTags(removed);
    return Json.object();
  }

  JsonNode list(JsonNode request) {
    List<Map.Entry<String, String>> tags = new ArrayList<>(byArn(request).tags().entrySet());
    int max = request.path("MaxResults").asInt(50);
    int from = 0;
    String token = Json.text(request, "NextToken");
    if (token != null) {
      try {
        from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token),
            StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw AwsServiceException.validation("Invalid pagination token: " + token);
      }
    }
    int to = Math.min(tags.size(), from + Math.max(1, max));
    Map<String, String> page = new LinkedHashMap<>();
    tags.subList(Math.min(from, to), to).forEach(e -> page.put(e.getKey(), e.getValue()));
    ObjectNode response = Json.object();
    response.set("Tags", TrainingJobView.tags(page));
    if (to < tags.size()) {
      response.put("NextToken", Base64.getUrlEncoder().withoutPadding()
          .encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8)));
    }
    return response;
  }

  private Taggable byArn(JsonNode request) {
    Taggable resource = resolver.apply(Json.text(request, "ResourceArn"));
    if (resource == null) {
      throw AwsServiceException.validation(SageMakerService.NOT_FOUND);
    }
    return resource;
  }
}
