package dev.secureml.operator.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The anchors of a YAML document and the aliases that repeat them, within a budget. A few
 * lines of aliases can stand for a billion values ("billion laughs"): every value is charged
 * as it is read, an alias at the full size of what it repeats and before it is copied, so such
 * a file is refused at once instead of expanded. Problems are IllegalArgumentExceptions.
 */
final class YamlAnchors {
  /** Values in a file at most, aliases expanded. */
  static final int MAX_VALUES = 100_000;
  /** Characters of keys and scalars in a file at most, aliases expanded. */
  static final long MAX_CHARACTERS = 8L * 1024 * 1024;

  private record Anchored(JsonNode node, long values, long characters) {}

  private final Map<String, Anchored> anchors = new HashMap<>();
  private final Set<String> open = new HashSet<>();
  private long values;
  private long characters;

  /** Anchors do not reach into the next document. */
  void nextDocument() {
    anchors.clear();
    open.clear();
  }

  /** A scalar of this length, or the start of a collection (length 0), was read. */
  void charge(int length) {
    charge(1, length);
  }

  /** A collection with this anchor starts: an alias to it before it ends is a cycle. */
  void opening(String anchor) {
    if (anchor != null) {
      open.add(anchor);
    }
  }

  /** A value with this anchor (possibly null) is complete. */
  void anchored(String anchor, JsonNode node) {
    if (anchor != null) {
      open.remove(anchor);
      long[] size = new long[2];
      measure(node, size);
      anchors.put(anchor, new Anchored(node, size[0], size[1]));
    }
  }

  /** A copy of the anchored value, charged at its full size. */
  JsonNode expand(String alias) {
    if (open.contains(alias)) {
      throw new IllegalArgumentException("alias *" + alias + " refers to a value that "
          + "contains it");
    }
    Anchored anchored = anchors.get(alias);
    if (anchored == null) {
      throw new IllegalArgumentException("alias *" + alias + " refers to no anchor &" + alias
          + " earlier in this document");
    }
    charge(anchored.values(), anchored.characters());
    return anchored.node().deepCopy();
  }

  private void charge(long moreValues, long moreCharacters) {
    values += moreValues;
    characters += moreCharacters;
    if (values > MAX_VALUES) {
      throw new IllegalArgumentException("more than " + MAX_VALUES + " values once aliases "
          + "are expanded; a manifest is never that large");
    }
    if (characters > MAX_CHARACTERS) {
      throw new IllegalArgumentException("more than " + MAX_CHARACTERS + " characters once "
          + "aliases are expanded; a manifest is never that large");
    }
  }

  /** Adds the node's values and characters (keys and scalars) to {@code size}. */
  private static void measure(JsonNode node, long[] size) {
    size[0]++;
    if (node.isValueNode()) {
      size[1] += node.asText().length();
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      size[1] += it.next().getKey().length();
    }
    for (JsonNode child : node) {
      measure(child, size);
    }
  }
}
