package dev.secureml.operator.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Writes and reads {@code constraints.json} in Model Monitor's shape. */
public final class ConstraintsJson {
  private ConstraintsJson() {}

  public static String write(Constraints constraints) {
    try {
      return StatisticsJson.MAPPER.writeValueAsString(toJson(constraints));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode toJson(Constraints constraints) {
    ObjectNode root = StatisticsJson.MAPPER.createObjectNode();
    root.put("version", 0.0);
    ArrayNode features = root.putArray("features");
    for (Constraints.Feature f : constraints.features()) {
      ObjectNode node = features.addObject();
      node.put("name", f.name());
      node.put("inferred_type", f.inferredType().name());
      node.put("completeness", f.completeness());
      if (f.isNonNegative() != null) {
        node.putObject("num_constraints").put("is_non_negative", f.isNonNegative());
      }
      if (!f.domains().isEmpty()) {
        ArrayNode domains = node.putObject("string_constraints").putArray("domains");
        f.domains().forEach(domains::add);
      }
    }
    Constraints.MonitoringConfig c = constraints.monitoringConfig();
    ObjectNode config = root.putObject("monitoring_config");
    config.put("evaluate_constraints", enabled(c.evaluateConstraints()));
    config.put("emit_metrics", enabled(c.emitMetrics()));
    config.put("datatype_check_threshold", c.datatypeCheckThreshold());
    config.put("domain_content_threshold", c.domainContentThreshold());
    config.putObject("distribution_constraints")
        .put("perform_comparison", enabled(c.performComparison()))
        .put("comparison_threshold", c.comparisonThreshold())
        .put("comparison_method", c.comparisonMethod().name());
    return root;
  }

  private static String enabled(boolean on) {
    return on ? "Enabled" : "Disabled";
  }

  /** Reads a constraints file; missing monitoring_config fields take the defaults. */
  public static Constraints read(String json) {
    JsonNode root;
    try {
      root = StatisticsJson.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("constraints.json is not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.path("features").isArray()) {
      throw new IllegalArgumentException("constraints.json has no features array");
    }
    List<Constraints.Feature> features = new ArrayList<>();
    for (JsonNode f : root.path("features")) {
      JsonNode nonNegative = f.path("num_constraints").path("is_non_negative");
      List<String> domains = new ArrayList<>();
      f.path("string_constraints").path("domains").forEach(d -> domains.add(d.asText()));
      features.add(new Constraints.Feature(f.path("name").asText(),
          FeatureType.valueOf(f.path("inferred_type").asText("Unknown")),
          f.path("completeness").asDouble(1.0),
          nonNegative.isBoolean() ? nonNegative.asBoolean() : null, domains));
    }
    Constraints.MonitoringConfig d = Constraints.MonitoringConfig.defaults();
    JsonNode c = root.path("monitoring_config");
    JsonNode dist = c.path("distribution_constraints");
    Constraints.MonitoringConfig config = new Constraints.MonitoringConfig(
        isEnabled(c.path("evaluate_constraints"), d.evaluateConstraints()),
        isEnabled(c.path("emit_metrics"), d.emitMetrics()),
        c.path("datatype_check_threshold").asDouble(d.datatypeCheckThreshold()),
        c.path("domain_content_threshold").asDouble(d.domainContentThreshold()),
        isEnabled(dist.path("perform_comparison"), d.performComparison()),
        dist.path("comparison_threshold").asDouble(d.comparisonThreshold()),
        dist.has("comparison_method")
            ? Constraints.ComparisonMethod.valueOf(dist.path("comparison_method").asText())
            : d.comparisonMethod());
    return new Constraints(features, config);
  }

  private static boolean isEnabled(JsonNode value, boolean fallback) {
    return value.isTextual() ? value.asText().equalsIgnoreCase("Enabled") : fallback;
  }
}
