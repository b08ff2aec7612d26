package dev.secureml.operator.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Writes and reads {@code constraint_violations.json} in Model Monitor's shape. */
public final class ViolationsJson {
  private ViolationsJson() {}

  public static String write(List<Violation> violations) {
    try {
      return StatisticsJson.MAPPER.writeValueAsString(toJson(violations));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode toJson(List<Violation> violations) {
    ObjectNode root = StatisticsJson.MAPPER.createObjectNode();
    ArrayNode list = root.putArray("violations");
    for (Violation v : violations) {
      list.addObject().put("feature_name", v.featureName())
          .put("constraint_check_type", v.checkType().name())
          .put("description", v.description());
    }
    return root;
  }

  public static List<Violation> read(String json) {
    try {
      List<Violation> out = new ArrayList<>();
      for (JsonNode v : StatisticsJson.MAPPER.readTree(json).path("violations")) {
        out.add(new Violation(v.path("feature_name").asText(),
            Violation.CheckType.valueOf(v.path("constraint_check_type").asText()),
            v.path("description").asText()));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException("constraint_violations.json is not JSON", e);
    }
  }
}
