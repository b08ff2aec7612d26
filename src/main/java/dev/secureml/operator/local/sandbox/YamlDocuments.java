package dev.secureml.operator.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads a YAML stream into JSON trees as kubectl does (YAML 1.1 scalars, anchors, aliases and
 * merge keys), but refuses a duplicate key instead of keeping the last value. The position of
 * every value is kept by field path, so that later errors (a wrong type, an invalid name) point
 * at the line too. Errors are {@link BadInputException}s naming file, line, column and path.
 */
final class YamlDocuments {
  static final int MAX_DEPTH = 100;

  /** Where a value starts (1-based), and its text as written when it is a scalar. */
  record Position(int line, int column, String text) {}

  /**
   * One document of a file: its 1-based index, its tree (null when empty) and where each field
   * path starts.
   */
  record Document(String file, int index, JsonNode tree, Map<String, Position> positions) {
    /** The position of the path, or of its nearest ancestor that has one. */
    Position at(String path) {
      for (String p = path; ; p = FieldPaths.parent(p)) {
        Position found = positions.get(p);
        if (found != null || p.isEmpty()) {
          return found;
        }
      }
    }

    /** An error about the value at {@code path}, located in the file. */
    BadInputException error(String path, String message) {
      return new BadInputException(locate(file, at(path), index, path) + message);
    }
  }

  private final String file;
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;
  private final YamlScalars scalars = new YamlScalars();
  private final YamlAnchors anchors = new YamlAnchors();
  private final Deque<YamlFrame> stack = new ArrayDeque<>();
  private final List<Document> documents = new ArrayList<>();
  private Map<String, Position> positions = new LinkedHashMap<>();
  private JsonNode root;
  private int index;

  private YamlDocuments(String file) {
    this.file = file;
  }

  /** The documents of {@code text}, read from {@code file} (named in messages). */
  static List<Document> read(String file, String text) {
    return new YamlDocuments(file).readAll(text);
  }

  /** {@code file:line:column (document n, path): }, the start of every message. */
  static String locate(String file, Position at, int document, String path) {
    String where = at == null ? file : file + ":" + at.line() + ":" + at.column();
    return where + " (document " + document + (path.isEmpty() ? "" : ", " + path) + "): ";
  }

  private List<Document> readAll(String text) {
    try {
      for (Event event : new Yaml(new LoaderOptions()).parse(new StringReader(text))) {
        on(event);
      }
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String context = e.getContext() == null || e.getContextMark() == null ? ""
          : " (" + e.getContext() + " at line " + (e.getContextMark().getLine() + 1) + ")";
      throw failure(m == null ? null : position(m, null), "not valid YAML: " + e.getProblem()
          + context);
    } catch (ReaderException e) {
      throw failure(position(text, e.getPosition()), String.format("not valid YAML: character "
          + "U+%04X is not allowed; write it as an escape in a double-quoted string",
          e.getCodePoint()));
    } catch (YAMLException e) {
      throw new BadInputException(file + ": not valid YAML: " + e.getMessage());
    }
    return documents;
  }

  private void on(Event event) {
    switch (event.getEventId()) {
      case DocumentStart -> {
        index++;
        positions = new LinkedHashMap<>();
        root = null;
        anchors.nextDocument();
      }
      case DocumentEnd -> documents.add(new Document(file, index, root, positions));
      case MappingStart, SequenceStart -> open((CollectionStartEvent) event);
      case MappingEnd, SequenceEnd -> close();
      case Scalar -> scalar((ScalarEvent) event);
      case Alias -> alias((AliasEvent) event);
      default -> { } // stream start and end
    }
  }

  private void open(CollectionStartEvent event) {
    boolean mapping = event instanceof MappingStartEvent;
    Mark mark = event.getStartMark();
    String path = valuePath(mark);
    if (stack.size() >= MAX_DEPTH) {
      throw error(mark, path, "nested more than " + MAX_DEPTH + " levels deep");
    }
    YamlScalars.collectionTagProblem(event.getTag(), mapping).ifPresent(problem -> {
      throw error(mark, path, problem);
    });
    located(mark, path, () -> anchors.charge(0));
    positions.putIfAbsent(path, position(mark, null)); // "" is the document's
    anchors.opening(event.getAnchor());
    stack.push(new YamlFrame(path, event.getAnchor(), mapping ? nodes.objectNode()
        : nodes.arrayNode(), positions));
  }

  private void close() {
    YamlFrame done = stack.pop();
    JsonNode node = done.finish();
    anchors.anchored(done.anchor, node);
    complete(node);
  }

  private void scalar(ScalarEvent event) {
    YamlFrame frame = stack.peek();
    Mark mark = event.getStartMark();
    if (frame != null && frame.expectsKey()) {
      key(frame, event);
      return;
    }
    String path = valuePath(mark);
    JsonNode value = located(mark, path, () -> scalars.value(event));
    located(mark, path, () -> anchors.charge(event.getValue().length()));
    // A field is shown at its key, where the eye looks for it; a list item at its value.
    Position key = positions.get(path);
    positions.put(path, key == null ? position(mark, event.getValue())
        : new Position(key.line(), key.column(), event.getValue()));
    anchors.anchored(event.getAnchor(), value);
    complete(value);
  }

  private void key(YamlFrame frame, ScalarEvent event) {
    String key = event.getValue();
    Position at = position(event.getStartMark(), null);
    if (event.isPlain() && event.getTag() == null && key.equals("<<")) {
      frame.startMerge(at);
      return;
    }
    located(event.getStartMark(), FieldPaths.child(frame.path, key), () -> frame.key(key, at));
  }

  private void alias(AliasEvent event) {
    Mark mark = event.getStartMark();
    String path = valuePath(mark);
    JsonNode value = located(mark, path, () -> anchors.expand(event.getAnchor()));
    positions.putIfAbsent(path, position(mark, null));
    complete(value);
  }

  /** Hands a finished value to its collection, or makes it the document. */
  private void complete(JsonNode value) {
    YamlFrame frame = stack.peek();
    if (frame == null) {
      root = value;
      return;
    }
    try {
      frame.add(value);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(locate(file, frame.mergePosition(), index, frame.path)
          + e.getMessage());
    }
  }

  /** The path of the value that starts here; refuses a collection or alias as a key. */
  private String valuePath(Mark mark) {
    YamlFrame frame = stack.peek();
    if (frame == null) {
      return "";
    }
    if (frame.expectsKey()) {
      throw error(mark, frame.path, "mapping keys must be plain strings");
    }
    return frame.childPath();
  }

  /** Runs a step whose IllegalArgumentException is a problem of the value at mark and path. */
  private <T> T located(Mark mark, String path, Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException e) {
      throw error(mark, path, e.getMessage());
    }
  }

  private void located(Mark mark, String path, Runnable step) {
    located(mark, path, () -> {
      step.run();
      return null;
    });
  }

  private BadInputException error(Mark mark, String path, String message) {
    return new BadInputException(locate(file, position(mark, null), Math.max(index, 1), path)
        + message);
  }

  /** A parse failure, at the open collection and the key being read. */
  private BadInputException failure(Position at, String message) {
    YamlFrame frame = stack.peek();
    String path = frame == null ? "" : frame.pendingKey() != null ? frame.childPath()
        : frame.path;
    return new BadInputException(locate(file, at, Math.max(index, 1), path) + message);
  }

  private static Position position(Mark mark, String text) {
    return new Position(mark.getLine() + 1, mark.getColumn() + 1, text);
  }

  private static Position position(String text, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < text.length(); i = text.offsetByCodePoints(i, 1)) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new Position(line, column, null);
  }
}
