package dev.secureml.operator.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secureml.operator.local.sandbox.YamlDocuments.Position;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A mapping or sequence being read. A mapping refuses a key it has already seen and applies
 * its merge keys ({@code <<: *base}) when it closes: its own keys win over merged ones, and an
 * earlier merged mapping over a later one. Problems are IllegalArgumentExceptions, located by
 * the reader.
 */
final class YamlFrame {
  final String path;
  final String anchor;
  private final ObjectNode map;
  private final ArrayNode list;
  private final Map<String, Position> positions;
  private final Map<String, Integer> keyLines = new HashMap<>();
  private final List<ObjectNode> merged = new ArrayList<>();
  private String pendingKey;
  private boolean merging;
  private Position mergePosition;

  /**
   * @param node an empty ObjectNode or ArrayNode, filled as values arrive
   * @param positions where the document's values start, by path; merged keys are added
   */
  YamlFrame(String path, String anchor, JsonNode node, Map<String, Position> positions) {
    this.path = path;
    this.anchor = anchor;
    this.map = node instanceof ObjectNode o ? o : null;
    this.list = node instanceof ArrayNode a ? a : null;
    this.positions = positions;
  }

  boolean expectsKey() {
    return map != null && pendingKey == null && !merging;
  }

  /** The path of the value being read: the pending key's, the next item's, or a merge's. */
  String childPath() {
    return map == null ? FieldPaths.index(path, list.size())
        : merging ? path : FieldPaths.child(path, pendingKey);
  }

  /** The key currently being read, or null between keys. */
  String pendingKey() {
    return pendingKey;
  }

  Position mergePosition() {
    return mergePosition;
  }

  /** A plain {@code <<}: the next value is merged into this mapping. */
  void startMerge(Position at) {
    merging = true;
    mergePosition = at;
  }

  void key(String key, Position at) {
    Integer first = keyLines.putIfAbsent(key, at.line());
    if (first != null) {
      throw new IllegalArgumentException("duplicate key \"" + key + "\" (first at line "
          + first + "): a key may appear once in a mapping");
    }
    pendingKey = key;
    positions.put(FieldPaths.child(path, key), at);
  }

  void add(JsonNode value) {
    if (list != null) {
      list.add(value);
    } else if (merging) {
      merging = false;
      merge(value);
    } else {
      map.set(pendingKey, value);
      pendingKey = null;
    }
  }

  private void merge(JsonNode value) {
    List<JsonNode> sources = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(sources::add);
    } else {
      sources.add(value);
    }
    for (JsonNode source : sources) {
      if (!source.isObject()) {
        throw new IllegalArgumentException("the merge key << takes a mapping or a list of "
            + "mappings");
      }
      merged.add((ObjectNode) source);
    }
  }

  JsonNode finish() {
    if (list != null) {
      return list;
    }
    for (ObjectNode source : merged) {
      source.fields().forEachRemaining(e -> {
        if (!map.has(e.getKey())) {
          map.set(e.getKey(), e.getValue());
          positions.putIfAbsent(FieldPaths.child(path, e.getKey()), mergePosition);
        }
      });
    }
    return map;
  }
}
