package dev.secureml.operator.sagemaker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** ListTags, AddTags and DeleteTags on any SageMaker resource, through a gateway's calls. */
final class SageMakerTagCalls {
  static final String LIST_TAGS = "ListTags";
  static final String ADD_TAGS = "AddTags";
  static final String DELETE_TAGS = "DeleteTags";

  private final SageMakerClient client;
  private final MeteredCalls calls;

  SageMakerTagCalls(SageMakerClient client, MeteredCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  /** All tags on the resource, following ListTags pages; each page is a rate-limited call. */
  Map<String, String> list(String arn) {
    Map<String, String> tags = new LinkedHashMap<>();
    String token = null;
    do {
      String next = token;
      ListTagsResponse page = calls.call(LIST_TAGS,
          () -> client.listTags(r -> r.resourceArn(arn).nextToken(next)));
      page.tags().forEach(t -> tags.put(t.key(), t.value()));
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return tags;
  }

  /** Adds or overwrites the tags; no call when there are none. */
  void add(String arn, Map<String, String> tags) {
    if (tags == null || tags.isEmpty()) {
      return;
    }
    List<Tag> list = new ArrayList<>();
    tags.forEach((k, v) -> list.add(Tag.builder().key(k).value(v).build()));
    calls.call(ADD_TAGS, () -> client.addTags(r -> r.resourceArn(arn).tags(list)));
  }

  /** Removes the tags with these keys; no call when there are none. */
  void delete(String arn, Collection<String> keys) {
    if (keys == null || keys.isEmpty()) {
      return;
    }
    List<String> list = List.copyOf(keys);
    calls.call(DELETE_TAGS, () -> client.deleteTags(r -> r.resourceArn(arn).tagKeys(list)));
  }
}
