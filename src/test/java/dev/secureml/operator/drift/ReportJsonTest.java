package dev.secureml.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Statistics STATS = StatisticsAccumulatorTest.csv(
      "n,x,s,e\n1,-1.5,a,\n2,2.5,b,\n3,,a,\n");

  @Test
  void statisticsHaveTheDocumentedShape() throws Exception {
    JsonNode root = JSON.readTree(StatisticsJson.write(STATS));
    assertThat(root.get("version").asDouble()).isZero();
    assertThat(root.path("dataset").path("item_count").asLong()).isEqualTo(3);
    JsonNode n = root.path("features").get(0);
    assertThat(n.get("name").asText()).isEqualTo("n");
    assertThat(n.get("inferred_type").asText()).isEqualTo("Integral");
    JsonNode num = n.path("numerical_statistics");
    assertThat(num.path("common").path("num_present").asLong()).isEqualTo(3);
    assertThat(num.path("common").path("num_missing").asLong()).isZero();
    assertThat(num.fieldNames()).toIterable()
        .containsExactly("common", "mean", "sum", "std_dev", "min", "max", "distribution");
    assertThat(num.path("mean").asDouble()).isEqualTo(2.0);
    assertThat(num.path("sum").asDouble()).isEqualTo(6.0);
    JsonNode kll = num.path("distribution").path("kll");
    assertThat(kll.path("buckets")).hasSize(10);
    assertThat(kll.path("buckets").get(0).fieldNames()).toIterable()
        .containsExactly("lower_bound", "upper_bound", "count");
    assertThat(kll.path("sketch").path("parameters").path("c").asDouble()).isEqualTo(0.64);
    assertThat(kll.path("sketch").path("parameters").path("k").asDouble()).isEqualTo(200.0);
    assertThat(kll.path("sketch").path("data").get(0)).hasSize(3);
    JsonNode x = root.path("features").get(1);
    assertThat(x.get("inferred_type").asText()).isEqualTo("Fractional");
    assertThat(x.path("numerical_statistics").path("common").path("num_missing").asLong())
        .isEqualTo(1);
    JsonNode s = root.path("features").get(2);
    assertThat(s.get("inferred_type").asText()).isEqualTo("String");
    JsonNode str = s.path("string_statistics");
    assertThat(str.path("distinct_count").asLong()).isEqualTo(2);
    assertThat(str.path("distribution").path("categorical").path("buckets").get(0).toString())
        .isEqualTo("{\"value\":\"a\",\"count\":2}");
    assertThat(root.path("features").get(3).get("inferred_type").asText()).isEqualTo("Unknown");
  }

  @Test
  void statisticsReadBackKeepTheDistribution() {
    Statistics back = StatisticsJson.read(StatisticsJson.write(STATS));
    Statistics.Feature x = back.feature("x").orElseThrow();
    assertThat(x.numPresent()).isEqualTo(2);
    assertThat(x.numeric().min()).isEqualTo(-1.5);
    assertThat(Distribution.lInfinity(x.numeric().distribution(),
        STATS.feature("x").orElseThrow().numeric().distribution())).isZero();
    assertThat(back.feature("s").orElseThrow().strings().count("a")).isEqualTo(2);
  }

  @Test
  void constraintsHaveTheDocumentedShape() throws Exception {
    Constraints c = Constraints.suggest(STATS, Constraints.MonitoringConfig.defaults());
    JsonNode root = JSON.readTree(ConstraintsJson.write(c));
    assertThat(root.get("version").asDouble()).isZero();
    JsonNode n = root.path("features").get(0);
    assertThat(n.get("name").asText()).isEqualTo("n");
    assertThat(n.get("inferred_type").asText()).isEqualTo("Integral");
    assertThat(n.get("completeness").asDouble()).isEqualTo(1.0);
    assertThat(n.path("num_constraints").path("is_non_negative").asBoolean()).isTrue();
    JsonNode x = root.path("features").get(1);
    assertThat(x.has("num_constraints")).isFalse(); // min -1.5
    assertThat(x.get("completeness").asDouble()).isCloseTo(2.0 / 3, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(root.path("features").get(2).path("string_constraints").path("domains").toString())
        .isEqualTo("[\"a\",\"b\"]");
    JsonNode config = root.path("monitoring_config");
    assertThat(config.toString()).isEqualTo("{\"evaluate_constraints\":\"Enabled\","
        + "\"emit_metrics\":\"Enabled\",\"datatype_check_threshold\":0.1,"
        + "\"domain_content_threshold\":0.1,\"distribution_constraints\":{"
        + "\"perform_comparison\":\"Enabled\",\"comparison_threshold\":0.1,"
        + "\"comparison_method\":\"Robust\"}}");
    assertThat(ConstraintsJson.read(ConstraintsJson.write(c))).isEqualTo(c);
  }

  @Test
  void manyDistinctStringsGetNoDomain() {
    StringBuilder csv = new StringBuilder("id\n");
    for (int i = 0; i < 21; i++) {
      csv.append("v").append(i).append('\n');
    }
    Constraints c = Constraints.suggest(StatisticsAccumulatorTest.csv(csv.toString()),
        Constraints.MonitoringConfig.defaults());
    assertThat(c.feature("id").orElseThrow().domains()).isEmpty();
  }

  @Test
  void violationsHaveTheDocumentedShape() throws Exception {
    List<Violation> v = List.of(new Violation("roa", Violation.CheckType.baseline_drift_check,
        "Baseline drift distance: 0.31 exceeds threshold: 0.1"));
    JsonNode root = JSON.readTree(ViolationsJson.write(v));
    assertThat(root.toString()).isEqualTo("{\"violations\":[{\"feature_name\":\"roa\","
        + "\"constraint_check_type\":\"baseline_drift_check\","
        + "\"description\":\"Baseline drift distance: 0.31 exceeds threshold: 0.1\"}]}");
    assertThat(ViolationsJson.read(ViolationsJson.write(v))).isEqualTo(v);
    assertThat(JSON.readTree(ViolationsJson.write(List.of())).toString())
        .isEqualTo("{\"violations\":[]}");
  }
}
