package dev.secureml.operator.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.drift.ConstraintChecker;
import dev.secureml.operator.drift.Constraints;
import dev.secureml.operator.drift.Statistics;
import dev.secureml.operator.drift.StatisticsAccumulator;
import dev.secureml.operator.drift.Violation;
import dev.secureml.operator.local.RowShifter;
import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.testsupport.AwsTestClients;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class ExampleDataTest {
  /** One 10-second monitoring window of sandbox traffic. */
  private static final int WINDOW = 200;

  @Test
  void uploadsTheDataSetsWhereTheExamplesReadThem() throws Exception {
    try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults());
        S3Client s3 = AwsTestClients.s3(emulator.endpoint())) {
      assertThat(ExampleData.upload(s3)).isEqualTo(ExampleData.UPLOADS);
      assertThat(ExampleData.upload(s3)).as("again, into the existing bucket")
          .isEqualTo(ExampleData.UPLOADS);

      for (ExampleData.Upload u : ExampleData.UPLOADS) {
        String key = u.s3Uri().getPath().substring(1);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("fraud-data").key(key)).asByteArray())
            .isEqualTo(Files.readAllBytes(u.file()));
      }
    }
    DataQualityMonitor monitor = TestManifests.exampleMonitor("m");
    assertThat(ExampleData.UPLOADS.stream().map(u -> u.s3Uri().toString()))
        .contains(monitor.getSpec().baseline.trainingDataS3Uri);
    assertThat(TestManifests.compliantJob("j").getSpec().inputs)
        .allMatch(in -> ExampleData.UPLOADS.stream()
            .anyMatch(u -> u.s3Uri().toString().startsWith(in.s3Uri)));
  }

  @Test
  void trafficIsTheFullDataSetWithoutTheLabel() {
    ExampleData.Traffic traffic = ExampleData.traffic();

    assertThat(traffic.columns()).isEqualTo(ExampleData.SAMPLE_COLUMNS);
    assertThat(traffic.rows()).hasSize(400);
    assertThat(traffic.rows().get(0).split(",")).hasSize(traffic.columns().size());
  }

  /**
   * What the monitor's Builtin engine will see: every window of normal traffic matches the
   * training baseline, every window of shifted traffic drifts in exactly the shifted features.
   */
  @Test
  void theShiftDriftsExactlyTheShiftedFeaturesAndNormalTrafficNone() throws Exception {
    // The baseline as the example monitor asks for it: the training data without `failed`.
    List<String> train = Files.readAllLines(ExampleData.UPLOADS.get(0).file());
    ExampleData.Traffic traffic = ExampleData.traffic();
    assertThat(train.get(0)).isEqualTo("failed," + String.join(",", traffic.columns()));
    StatisticsAccumulator baseline = new StatisticsAccumulator();
    train.stream().skip(1).map(line -> record(traffic.columns(),
        line.substring(line.indexOf(',') + 1))).forEach(baseline);
    Statistics baselineStats = baseline.result();
    Constraints constraints = Constraints.suggest(baselineStats,
        Constraints.MonitoringConfig.defaults());
    RowShifter shifter = new RowShifter(ExampleData.DRIFT, traffic.columns(), 1);

    for (int start = 0; start < traffic.rows().size(); start += 25) {
      assertThat(driftedIn(traffic, start, UnaryOperator.identity(), baselineStats,
          constraints)).as("normal window from row %d", start).isEmpty();
      assertThat(driftedIn(traffic, start, shifter::apply, baselineStats, constraints))
          .as("shifted window from row %d", start)
          .containsExactlyElementsOf(new TreeSet<>(ExampleData.DRIFT.columns()));
    }
  }

  private static TreeSet<String> driftedIn(ExampleData.Traffic traffic, int start,
      UnaryOperator<String> shift, Statistics baseline, Constraints constraints) {
    StatisticsAccumulator current = new StatisticsAccumulator();
    for (int i = 0; i < WINDOW; i++) {
      String row = traffic.rows().get((start + i) % traffic.rows().size());
      current.accept(record(traffic.columns(), shift.apply(row)));
    }
    TreeSet<String> features = new TreeSet<>();
    for (Violation v : new ConstraintChecker().check(baseline, constraints, current.result())) {
      features.add(v.featureName());
    }
    return features;
  }

  /** A CSV row as the monitor matches it to the baseline's columns: by position. */
  private static Map<String, String> record(List<String> columns, String row) {
    String[] values = row.split(",", -1);
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      out.put(columns.get(i), values[i]);
    }
    return out;
  }
}
