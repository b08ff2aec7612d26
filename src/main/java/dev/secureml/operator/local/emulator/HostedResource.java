package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SageMaker resource (training job, model, endpoint configuration, endpoint, job definition or
 * monitoring schedule): its name, ARN and the request that created it (echoed by Describe,
 * without Tags, which are kept and changed separately).
 */
class HostedResource implements Taggable {
  private final String name;
  private final String arn;
  private final ObjectNode request;
  private final Instant creationTime;
  private final long sequence;
  private final Map<String, String> tags = new LinkedHashMap<>();

  HostedResource(String name, String arn, ObjectNode request, Instant creationTime,
      long sequence) {
    this.name = name;
    this.arn = arn;
    this.request = request;
    this.creationTime = creationTime;
    this.sequence = sequence;
    for (JsonNode tag : request.path("Tags")) {
      tags.put(tag.path("Key").asText(), tag.path("Value").asText(""));
    }
    request.remove("Tags");
  }

  final String name() {
    return name;
  }

  @Override
  public final String arn() {
    return arn;
  }

  final ObjectNode request() {
    return request;
  }

  final Instant creationTime() {
    return creationTime;
  }

  final long sequence() {
    return sequence;
  }

  /** Describe*'s answer for an immutable resource: the request, its ARN and CreationTime. */
  final ObjectNode describe(String arnField) {
    ObjectNode out = request.deepCopy();
    out.put(arnField, arn);
    out.put("CreationTime", Json.epochSeconds(creationTime));
    return out;
  }

  /** A List* entry: name, ARN and CreationTime. */
  final ObjectNode summary(String nameField, String arnField) {
    ObjectNode out = Json.object();
    out.put(nameField, name);
    out.put(arnField, arn);
    out.put("CreationTime", Json.epochSeconds(creationTime));
    return out;
  }

  @Override
  public final synchronized Map<String, String> tags() {
    return new LinkedHashMap<>(tags);
  }

  @Override
  public final synchronized void putTags(Map<String, String> added) {
    tags.putAll(added);
  }

  @Override
  public final synchronized void removeTags(Collection<String> keys) {
    tags.keySet().removeAll(keys);
  }
}
