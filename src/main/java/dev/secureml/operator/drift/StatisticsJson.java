package dev.secureml.operator.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes and reads {@code statistics.json} in Model Monitor's shape. */
public final class StatisticsJson {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** KLL parameters written with the sketch: c as Model Monitor writes it, our k. */
  static final double KLL_C = 0.64;

  private StatisticsJson() {}

  public static String write(Statistics statistics) {
    try {
      return MAPPER.writeValueAsString(toJson(statistics));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode toJson(Statistics statistics) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", 0.0);
    root.putObject("dataset").put("item_count", statistics.itemCount());
    ArrayNode features = root.putArray("features");
    for (Statistics.Feature f : statistics.features()) {
      ObjectNode node = features.addObject();
      node.put("name", f.name());
      node.put("inferred_type", f.inferredType().name());
      boolean numeric = (f.inferredType() == FeatureType.Integral
          || f.inferredType() == FeatureType.Fractional) && f.numeric() != null;
      if (numeric) {
        node.set("numerical_statistics", numerical(f));
      } else {
        node.set("string_statistics", strings(f));
      }
    }
    return root;
  }

  private static ObjectNode common(Statistics.Feature f) {
    ObjectNode common = MAPPER.createObjectNode();
    common.put("num_present", f.numPresent());
    common.put("num_missing", f.numMissing());
    return common;
  }

  private static ObjectNode numerical(Statistics.Feature f) {
    Statistics.Numeric n = f.numeric();
    ObjectNode node = MAPPER.createObjectNode();
    node.set("common", common(f));
    node.put("mean", n.mean());
    node.put("sum", n.sum());
    node.put("std_dev", n.stdDev());
    node.put("min", n.min());
    node.put("max", n.max());
    ObjectNode kll = node.putObject("distribution").putObject("kll");
    ArrayNode buckets = kll.putArray("buckets");
    for (Statistics.Bucket b : n.buckets()) {
      buckets.addObject().put("lower_bound", b.lowerBound()).put("upper_bound", b.upperBound())
          .put("count", b.count());
    }
    ObjectNode sketch = kll.putObject("sketch");
    sketch.putObject("parameters").put("c", KLL_C).put("k", (double) FeatureAccumulator.KLL_K);
    ArrayNode data = sketch.putArray("data");
    for (double[] level : n.distribution().levels()) {
      ArrayNode items = data.addArray();
      for (double v : level) {
        items.add(v);
      }
    }
    return node;
  }

  private static ObjectNode strings(Statistics.Feature f) {
    ObjectNode node = MAPPER.createObjectNode();
    node.set("common", common(f));
    Statistics.Strings s = f.strings();
    node.put("distinct_count", s == null ? 0 : s.distinctCount());
    ArrayNode buckets = node.putObject("distribution").putObject("categorical").putArray("buckets");
    if (s != null) {
      for (Statistics.ValueCount v : s.buckets()) {
        buckets.addObject().put("value", v.value()).put("count", v.count());
      }
    }
    return node;
  }

  /** Reads a statistics report (ours or Model Monitor's). */
  public static Statistics read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("statistics.json is not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.path("features").isArray()) {
      throw new IllegalArgumentException("statistics.json has no features array");
    }
    List<Statistics.Feature> features = new ArrayList<>();
    for (JsonNode f : root.path("features")) {
      features.add(feature(f));
    }
    return new Statistics(root.path("dataset").path("item_count").asLong(), features);
  }

  private static Statistics.Feature feature(JsonNode f) {
    String name = f.path("name").asText();
    FeatureType type = FeatureType.valueOf(f.path("inferred_type").asText("Unknown"));
    JsonNode num = f.path("numerical_statistics");
    JsonNode str = f.path("string_statistics");
    JsonNode common = num.isObject() ? num.path("common") : str.path("common");
    long present = common.path("num_present").asLong();
    long missing = common.path("num_missing").asLong();
    Statistics.Numeric numeric = null;
    if (num.isObject()) {
      List<Statistics.Bucket> buckets = new ArrayList<>();
      JsonNode kll = num.path("distribution").path("kll");
      for (JsonNode b : kll.path("buckets")) {
        buckets.add(new Statistics.Bucket(b.path("lower_bound").asDouble(),
            b.path("upper_bound").asDouble(), b.path("count").asDouble()));
      }
      List<double[]> levels = new ArrayList<>();
      for (JsonNode level : kll.path("sketch").path("data")) {
        double[] items = new double[level.size()];
        for (int i = 0; i < items.length; i++) {
          items[i] = level.get(i).asDouble();
        }
        levels.add(items);
      }
      Distribution distribution = levels.isEmpty() ? null : Distribution.fromLevels(levels);
      numeric = new Statistics.Numeric(present, num.path("mean").asDouble(),
          num.path("sum").asDouble(), num.path("std_dev").asDouble(), num.path("min").asDouble(),
          num.path("max").asDouble(), buckets, distribution);
    }
    Statistics.Strings strings = null;
    if (str.isObject()) {
      List<Statistics.ValueCount> buckets = new ArrayList<>();
      Map<String, Long> counts = new HashMap<>();
      for (JsonNode b : str.path("distribution").path("categorical").path("buckets")) {
        buckets.add(new Statistics.ValueCount(b.path("value").asText(), b.path("count").asLong()));
        counts.put(b.path("value").asText(), b.path("count").asLong());
      }
      long distinct = str.path("distinct_count").asLong();
      strings = new Statistics.Strings(distinct, buckets, buckets.size() == distinct, counts);
    }
    return new Statistics.Feature(name, type, present, missing,
        Statistics.TypeCounts.allOf(type, present), numeric, strings);
  }
}
