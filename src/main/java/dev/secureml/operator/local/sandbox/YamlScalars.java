package dev.secureml.operator.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML 1.1 scalars, as kubectl reads them: plain {@code yes}, {@code on} and {@code true} are
 * booleans, {@code 0x1F} and {@code 1_000} integers, {@code 1.10} the number 1.1; quoted values
 * are strings. Tags other than the standard scalar and collection ones are refused: Kubernetes
 * manifests have no use for them, and some YAML libraries turn them into code.
 */
final class YamlScalars {
  private static final String STANDARD = "tag:yaml.org,2002:";
  private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL,
      Tag.NULL, Tag.TIMESTAMP);

  private final Resolver resolver = new Resolver();
  private final Constructor constructor = new Constructor();
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;

  /** SnakeYAML's own construction of YAML 1.1 integers, floats and booleans. */
  private static final class Constructor extends SafeConstructor {
    Constructor() {
      super(new LoaderOptions());
    }

    Object construct(Tag tag, String value) {
      return constructObject(new ScalarNode(tag, value, null, null,
          DumperOptions.ScalarStyle.PLAIN));
    }
  }

  /** The value of a scalar, or an IllegalArgumentException saying what is wrong with it. */
  JsonNode value(ScalarEvent event) {
    Tag tag = tagOf(event);
    String text = event.getValue();
    if (tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP) || !SCALAR_TAGS.contains(tag)) {
      return nodes.textNode(text); // timestamps stay text, as kubectl sends them
    }
    if (tag.equals(Tag.NULL)) {
      return nodes.nullNode();
    }
    Object value;
    try {
      value = constructor.construct(tag, text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not a valid "
          + tag.getValue().substring(STANDARD.length()));
    }
    if (value instanceof Boolean b) {
      return nodes.booleanNode(b);
    }
    if (value instanceof Integer i) {
      return nodes.numberNode(i);
    }
    if (value instanceof Long l) {
      return nodes.numberNode(l);
    }
    if (value instanceof BigInteger big) {
      return nodes.numberNode(big);
    }
    return nodes.numberNode(((Number) value).doubleValue());
  }

  private Tag tagOf(ScalarEvent event) {
    String tag = event.getTag();
    if (tag == null) {
      return event.isPlain() ? resolver.resolve(NodeId.scalar, event.getValue(), true) : Tag.STR;
    }
    if (tag.equals("!")) {
      return Tag.STR; // the non-specific tag: a string
    }
    Tag explicit = new Tag(tag);
    if (!SCALAR_TAGS.contains(explicit)) {
      throw new IllegalArgumentException(unsupported(tag));
    }
    return explicit;
  }

  /** A problem with the tag of a mapping or sequence; empty for none or the standard one. */
  static Optional<String> collectionTagProblem(String tag, boolean mapping) {
    if (tag == null || tag.equals("!") || tag.equals((mapping ? Tag.MAP : Tag.SEQ).getValue())) {
      return Optional.empty();
    }
    return Optional.of(unsupported(tag));
  }

  private static String unsupported(String tag) {
    String shown = tag.startsWith(STANDARD) ? "!!" + tag.substring(STANDARD.length()) : tag;
    return "the YAML tag " + shown + " is not supported: manifests use plain strings, numbers, "
        + "booleans, null, mappings and lists";
  }
}
