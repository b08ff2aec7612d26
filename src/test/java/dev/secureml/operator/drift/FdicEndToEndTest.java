package dev.secureml.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Baseline on the example bank data, then checks of the held-out rows, as sent and shifted. */
class FdicEndToEndTest {
  private static final Path TRAIN = Path.of("examples/data/fdic-train.csv");
  private static final Path VALIDATION = Path.of("examples/data/fdic-validation.csv");

  private static Statistics read(Path file, java.util.function.UnaryOperator<Map<String, String>> edit)
      throws IOException {
    StatisticsAccumulator acc = new StatisticsAccumulator();
    try (RecordReader reader = RecordReader.open(file, RecordReader.Format.csv, true)) {
      reader.forEachRemaining(r -> acc.accept(edit.apply(r)));
    }
    return acc.result();
  }

  @Test
  void baselineOfTheTrainingDataAndChecksOfTheValidationData() throws Exception {
    assumeThat(Files.exists(TRAIN) && Files.exists(VALIDATION)).isTrue();
    Statistics base = read(TRAIN, r -> r);
    assertThat(base.itemCount()).isEqualTo(320);
    assertThat(base.features()).extracting(Statistics.Feature::name).containsExactly("failed",
        "tier1_capital_ratio", "npl_ratio", "roa", "roe", "loan_to_deposit",
        "liquid_assets_ratio", "total_assets_musd", "state");
    assertThat(base.features()).extracting(Statistics.Feature::inferredType).containsExactly(
        FeatureType.Integral, FeatureType.Fractional, FeatureType.Fractional,
        FeatureType.Fractional, FeatureType.Fractional, FeatureType.Fractional,
        FeatureType.Fractional, FeatureType.Fractional, FeatureType.String);
    assertThat(base.features()).allSatisfy(f -> assertThat(f.completeness()).isEqualTo(1.0));
    assertThat(base.feature("state").orElseThrow().strings().distinctCount()).isEqualTo(20);
    assertThat(base.feature("state").orElseThrow().strings().buckets().get(0))
        .isEqualTo(new Statistics.ValueCount("TX", 21));
    Statistics.Numeric failed = base.feature("failed").orElseThrow().numeric();
    assertThat(failed.min()).isZero();
    assertThat(failed.max()).isEqualTo(1.0);
    assertThat(failed.sum()).isEqualTo(failed.mean() * 320, org.assertj.core.api.Assertions.within(1e-9));

    Constraints constraints = Constraints.suggest(base, Constraints.MonitoringConfig.defaults());
    assertThat(constraints.feature("failed").orElseThrow().isNonNegative()).isTrue();
    assertThat(constraints.feature("roa").orElseThrow().isNonNegative()).isNull();
    assertThat(constraints.feature("state").orElseThrow().domains()).hasSize(20).contains("TX");

    // the files a Builtin job would write
    ObjectMapper json = new ObjectMapper();
    JsonNode stats = json.readTree(StatisticsJson.write(base));
    assertThat(stats.path("features")).hasSize(9);
    // 320 values > k = 200: the sketch has compacted; level h items weigh 2^h
    JsonNode data = stats.path("features").get(3).path("numerical_statistics")
        .path("distribution").path("kll").path("sketch").path("data");
    long weight = 0;
    for (int h = 0; h < data.size(); h++) {
      weight += (long) data.get(h).size() << h;
    }
    assertThat(data.size()).isGreaterThan(1);
    assertThat(weight).isEqualTo(320);

    // the held-out rows come from the same distribution: no drift, Robust comparison
    Statistics held = read(VALIDATION, r -> r);
    List<Violation> clean = new ConstraintChecker().check(base, constraints, held);
    assertThat(clean).isEmpty();

    // a recession: returns fall by 1.5 points, roe goes missing for banks in states before "M" (a third), no label
    Statistics stressed = read(VALIDATION, r -> {
      Map<String, String> copy = new LinkedHashMap<>(r);
      copy.remove("failed");
      copy.put("roa", Double.toString(Double.parseDouble(r.get("roa")) - 1.5));
      if (r.get("state").compareTo("M") < 0) {
        copy.put("roe", "");
      }
      return copy;
    });
    List<Violation> v = new ConstraintChecker().check(base, constraints, stressed);
    assertThat(v).extracting(x -> x.featureName() + " " + x.checkType()).containsExactly(
        "failed missing_column_check", "roa baseline_drift_check", "roe completeness_check");
    assertThat(v.get(2).description()).isEqualTo("Data completeness requirement is not met."
        + " Expected: 100.0%, Observed: Only 66.3% of data is complete.");
  }

  @Test
  void monitoringRunFromBaselineFilesOverCapturedRows(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    assumeThat(Files.exists(TRAIN) && Files.exists(VALIDATION)).isTrue();
    // baseline files, as the baseline command writes them
    Statistics base = read(TRAIN, r -> r);
    Files.writeString(dir.resolve("statistics.json"), StatisticsJson.write(base));
    Files.writeString(dir.resolve("constraints.json"), ConstraintsJson.write(
        Constraints.suggest(base, Constraints.MonitoringConfig.defaults())));
    // the endpoint sees the validation rows, label dropped, as data-capture records
    StringBuilder capture = new StringBuilder();
    List<String> lines = Files.readAllLines(VALIDATION);
    for (String line : lines.subList(1, lines.size())) {
      String features = line.substring(line.indexOf(',') + 1);
      capture.append("{\"captureData\":{\"endpointInput\":{\"observedContentType\":\"text/csv\",")
          .append("\"mode\":\"INPUT\",\"data\":\"").append(features)
          .append("\",\"encoding\":\"CSV\"}}}\n");
    }
    DataQualityJob.Result unnamed = runCapture(dir, capture.toString(), List.of());
    assertThat(unnamed.statistics().itemCount()).isEqualTo(80);
    // captured CSV has no header: every baseline column is missing, _c0.._c7 are extra
    assertThat(unnamed.violations()).filteredOn(
        v -> v.checkType() == Violation.CheckType.missing_column_check).hasSize(9);
    assertThat(unnamed.violations()).filteredOn(
        v -> v.checkType() == Violation.CheckType.extra_column_check).hasSize(8);
    // named by the baseline's features after the label: only the label is missing
    List<String> names = base.features().stream().map(Statistics.Feature::name).skip(1).toList();
    DataQualityJob.Result result = runCapture(dir, capture.toString(), names);
    assertThat(result.violations()).containsExactly(new Violation("failed",
        Violation.CheckType.missing_column_check, "There are missing columns in current dataset."
            + " Number of columns in current dataset: 8, Number of columns in baseline"
            + " constraints: 9"));
    Path out = dir.resolve("out");
    DataQualityJob.write(result, out);
    assertThat(ViolationsJson.read(Files.readString(out.resolve("constraint_violations.json"))))
        .isEqualTo(result.violations());
    assertThat(StatisticsJson.read(Files.readString(out.resolve("statistics.json"))).itemCount())
        .isEqualTo(80);
  }

  private static DataQualityJob.Result runCapture(Path baselineDir, String capture,
      List<String> names) throws IOException {
    try (RecordReader reader = new CaptureRecordReader(new java.io.BufferedReader(
        new java.io.StringReader(capture)), "capture.jsonl", names)) {
      return DataQualityJob.run(baselineDir, reader, new ConstraintChecker());
    }
  }
}
