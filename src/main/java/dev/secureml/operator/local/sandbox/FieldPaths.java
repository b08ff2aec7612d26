package dev.secureml.operator.local.sandbox;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Field paths as the API server writes them: {@code spec.variants[0].model}, with map keys that
 * are not plain words in brackets ({@code metadata.labels[secureml.dev/team]}).
 */
final class FieldPaths {
  private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private FieldPaths() {}

  static String child(String parent, String key) {
    if (WORD.matcher(key).matches()) {
      return parent.isEmpty() ? key : parent + "." + key;
    }
    return parent + "[" + key + "]";
  }

  static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }

  /** {@code rest} under {@code base}: both may be "". */
  static String join(String base, String rest) {
    if (base.isEmpty() || rest.isEmpty()) {
      return base + rest;
    }
    return rest.startsWith("[") ? base + rest : base + "." + rest;
  }

  /** {@code full} without {@code base} in front. */
  static String relative(String base, String full) {
    if (base.isEmpty() || !full.startsWith(base)) {
      return full;
    }
    String rest = full.substring(base.length());
    return rest.startsWith(".") ? rest.substring(1) : rest;
  }

  /** The path one level up; "" for a top-level field. */
  static String parent(String path) {
    if (path.endsWith("]")) {
      return path.substring(0, path.lastIndexOf('['));
    }
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(0, dot);
  }

  /** The path of the value a Jackson error is about. */
  static String of(List<JsonMappingException.Reference> references) {
    String path = "";
    for (JsonMappingException.Reference r : references) {
      path = r.getFieldName() != null ? child(path, r.getFieldName())
          : r.getIndex() >= 0 ? index(path, r.getIndex()) : path;
    }
    return path;
  }

  /** The path of the value a parser is at, from its contexts. */
  static String of(JsonStreamContext context) {
    Deque<JsonStreamContext> chain = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      chain.push(c);
    }
    String path = "";
    for (JsonStreamContext c : chain) {
      if (c.inObject() && c.getCurrentName() != null) {
        path = child(path, c.getCurrentName());
      } else if (c.inArray() && c.getCurrentIndex() >= 0) {
        path = index(path, c.getCurrentIndex());
      }
    }
    return path;
  }
}
