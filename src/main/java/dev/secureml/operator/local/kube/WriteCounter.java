package dev.secureml.operator.local.kube;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the writes the embedded API server receives, by method and resource, e.g.
 * {@code PATCH securetrainingjobs/status} or {@code POST events}. Reads and watches are not
 * counted. Bounded by the number of distinct resource kinds.
 */
public final class WriteCounter {
  private final Map<String, LongAdder> writes = new ConcurrentHashMap<>();

  void count(String method, String path) {
    if (method == null || method.equals("GET") || method.equals("HEAD")) {
      return;
    }
    writes.computeIfAbsent(method + " " + resource(path), k -> new LongAdder()).increment();
  }

  /** {@code "PATCH securetrainingjobs/status" -> 2301}, sorted by key. */
  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    writes.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  public void clear() {
    writes.clear();
  }

  /** The plural and subresource of a request path: {@code securetrainingjobs/status}. */
  static String resource(String path) {
    String bare = path == null ? "" : path.split("\\?", 2)[0];
    String[] segments = bare.replaceAll("^/+", "").split("/");
    // /api/v1/... or /apis/<group>/<version>/...
    int start = segments.length > 0 && segments[0].equals("apis") ? 3 : 2;
    if (segments.length > start + 2 && segments[start].equals("namespaces")) {
      start += 2;
    }
    if (segments.length <= start) {
      return bare;
    }
    String plural = segments[start];
    return segments.length > start + 2 ? plural + "/" + segments[start + 2] : plural;
  }
}
