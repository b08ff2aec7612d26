package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The hosting resources of one kind, keyed by lower-case name (names differing only in case
 * collide, as their lower-case ARNs do), with the live API's duplicate and not-found messages
 * and the List* paging every kind shares.
 */
final class ResourceTable<T extends HostedResource> {
  /**
   * How a kind refuses: a duplicate, given the existing resource's ARN, and a missing
   * resource, given the name or ARN the caller used.
   */
  record Refusals(Function<String, AwsServiceException> duplicate,
      Function<String, AwsServiceException> notFound) {}

  private final String nameField;
  private final String arnPrefix;
  private final Refusals refusals;
  private final Map<String, T> byName = new ConcurrentHashMap<>();

  /**
   * A kind refused as hosting resources are: ValidationException "Cannot create already
   * existing ..." and "Could not find ...".
   *
   * @param arnType the ARN resource type, e.g. {@code endpoint-config}
   * @param noun how messages name the kind, e.g. {@code endpoint configuration}
   * @param nameField the request field holding the name, e.g. {@code EndpointConfigName}
   */
  ResourceTable(String region, String accountId, String arnType, String noun, String nameField) {
    this(region, accountId, arnType, nameField, new Refusals(
        arn -> AwsServiceException.validation("Cannot create already existing " + noun + " \""
            + arn + "\"."),
        name -> AwsServiceException.validation("Could not find " + noun + " \"" + name
            + "\".")));
  }

  ResourceTable(String region, String accountId, String arnType, String nameField,
      Refusals refusals) {
    this.nameField = nameField;
    this.arnPrefix = "arn:aws:sagemaker:" + region + ":" + accountId + ":" + arnType + "/";
    this.refusals = refusals;
  }

  String nameField() {
    return nameField;
  }

  String arn(String name) {
    return arnPrefix + name.toLowerCase(Locale.ROOT);
  }

  void add(T resource) {
    if (byName.putIfAbsent(key(resource.name()), resource) != null) {
      throw refusals.duplicate().apply(resource.arn());
    }
  }

  /** The resource named by the request's name field. */
  T find(JsonNode request) {
    return find(Json.text(request, nameField));
  }

  T find(String name) {
    T resource = byName.get(key(name));
    if (resource == null) {
      throw notFound(name);
    }
    return resource;
  }

  /** The live API names the missing resource as the caller did: by name, or by ARN. */
  AwsServiceException notFound(String nameOrArn) {
    return refusals.notFound().apply(nameOrArn);
  }

  T byArn(String arn) {
    if (!arn.startsWith(arnPrefix)) {
      return null;
    }
    return byName.get(key(arn.substring(arnPrefix.length())));
  }

  /** @return false when it was not (or no longer) in the table */
  boolean remove(T resource) {
    return byName.remove(key(resource.name()), resource);
  }

  Collection<T> all() {
    return byName.values();
  }

  /**
   * A List* answer: NameContains, CreationTimeAfter/Before, SortBy Name or CreationTime,
   * SortOrder (Descending by default), MaxResults and NextToken, as the live API pages them.
   */
  ObjectNode list(JsonNode request, String listField, Predicate<T> filter,
      Function<T, ObjectNode> summary) {
    int max = ListRequests.maxResults(request);
    String contains = Json.text(request, "NameContains");
    Comparator<T> order = "Name".equals(Json.text(request, "SortBy"))
        ? Comparator.comparing((T r) -> key(r.name()))
        : Comparator.comparingLong(HostedResource::sequence);
    if (!"Ascending".equals(Json.text(request, "SortOrder"))) {
      order = order.reversed();
    }
    JsonNode after = request.get("CreationTimeAfter");
    JsonNode before = request.get("CreationTimeBefore");
    List<T> matching = byName.values().stream()
        .filter(filter)
        .filter(r -> contains == null || key(r.name()).contains(key(contains)))
        .filter(r -> after == null || r.creationTime().isAfter(Json.fromEpochSeconds(after)))
        .filter(r -> before == null || r.creationTime().isBefore(Json.fromEpochSeconds(before)))
        .sorted(order).toList();
    int from = 0;
    String token = Json.text(request, "NextToken");
    if (token != null) {
      String last;
      try {
        last = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw AwsServiceException.validation("Invalid pagination token: " + token);
      }
      for (int i = 0; i < matching.size(); i++) {
        if (key(matching.get(i).name()).equals(last)) {
          from = i + 1;
        }
      }
    }
    int to = Math.min(matching.size(), from + max);
    ObjectNode response = Json.object();
    ArrayNode items = response.putArray(listField);
    matching.subList(from, to).forEach(r -> items.add(summary.apply(r)));
    if (to < matching.size()) {
      response.put("NextToken", Base64.getUrlEncoder().withoutPadding().encodeToString(
          key(matching.get(to - 1).name()).getBytes(StandardCharsets.UTF_8)));
    }
    return response;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
