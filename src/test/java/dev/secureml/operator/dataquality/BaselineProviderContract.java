package dev.secureml.operator.dataquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.drift.Constraints;
import dev.secureml.operator.drift.ConstraintsJson;
import dev.secureml.operator.drift.CsvRecordReader;
import dev.secureml.operator.drift.FeatureType;
import dev.secureml.operator.drift.Statistics;
import dev.secureml.operator.drift.StatisticsAccumulator;
import dev.secureml.operator.drift.StatisticsJson;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** {@link BaselineProvider} against a real S3 API. */
abstract class BaselineProviderContract extends MonitorS3Contract {

  private MonitorBaseline prepare(DataQualityMonitorSpec spec) {
    return new BaselineProvider(store).prepare(spec, KMS_KEY);
  }

  @Test
  void profilesCsvWithHeaderWithoutTheExcludedColumn() {
    put("train/train.csv", trainingCsv(500, 1, true));

    MonitorBaseline baseline = prepare(spec("train/train.csv", "label"));

    assertThat(baseline.fingerprint()).matches("[0-9a-f]{12}");
    assertThat(baseline.columnNames()).containsExactly("age", "income", "segment");
    assertThat(baseline.recordCount()).isEqualTo(500);
    assertThat(baseline.statistics().features()).extracting(Statistics.Feature::name)
        .containsExactly("age", "income", "segment");
    assertThat(baseline.constraints().features()).extracting(Constraints.Feature::inferredType)
        .containsExactly(FeatureType.Integral, FeatureType.Fractional, FeatureType.String);
    assertThat(baseline.constraints().feature("segment").orElseThrow().domains())
        .containsExactly("business", "private", "retail");
    String folder = uri("out/baseline/" + baseline.fingerprint() + "/");
    assertThat(baseline.statisticsS3Uri()).isEqualTo(folder + "statistics.json");
    assertThat(baseline.constraintsS3Uri()).isEqualTo(folder + "constraints.json");
    for (String file : List.of(baseline.statisticsS3Uri(), baseline.constraintsS3Uri())) {
      assertThat(head(file).serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
      assertThat(head(file).ssekmsKeyId()).isEqualTo(KMS_KEY);
    }
    assertThat(StatisticsJson.read(text(baseline.statisticsS3Uri())).itemCount()).isEqualTo(500);
  }

  @Test
  void profilesCsvWithoutHeaderByPosition() {
    put("train.csv", trainingCsv(50, 1, false));
    DataQualityMonitorSpec spec = spec("train.csv", "_c3");
    spec.baseline.header = false;

    MonitorBaseline baseline = prepare(spec);

    assertThat(baseline.columnNames()).containsExactly("_c0", "_c1", "_c2");
    assertThat(baseline.recordCount()).isEqualTo(50);
  }

  @Test
  void profilesJsonLinesByFileNameOrFormat() {
    String jsonl = "{\"age\": 31, \"segment\": \"retail\", \"label\": 0}\n"
        + "{\"age\": 45, \"segment\": \"business\", \"label\": 1}\n\n"
        + "{\"age\": 52, \"segment\": null, \"label\": 1}\n";
    put("train/data.jsonl", jsonl);
    put("train-txt/data.txt", jsonl);

    MonitorBaseline byName = prepare(spec("train/data.jsonl", "label"));
    DataQualityMonitorSpec explicit = spec("train-txt/data.txt", "label");
    explicit.baseline.format = DataQualityMonitorSpec.DataFormat.JsonLines;
    MonitorBaseline byFormat = prepare(explicit);

    for (MonitorBaseline baseline : List.of(byName, byFormat)) {
      assertThat(baseline.columnNames()).containsExactly("age", "segment");
      assertThat(baseline.recordCount()).isEqualTo(3);
      assertThat(baseline.constraints().feature("segment").orElseThrow().completeness())
          .isCloseTo(2.0 / 3, within(1e-9));
    }
  }

  @Test
  void profilesEveryDataObjectUnderAPrefix() {
    put("train/part-0.csv", trainingCsv(100, 1, true));
    put("train/part-1.csv", trainingCsv(40, 2, true));
    put("train/_SUCCESS", "");
    put("training/other.csv", "not,this\n1,2\n");

    MonitorBaseline slash = prepare(spec("train/", "label"));
    MonitorBaseline noSlash = prepare(spec("train", "label"));

    assertThat(slash.recordCount()).isEqualTo(140);
    assertThat(noSlash.recordCount()).isEqualTo(140);
    assertThat(noSlash.columnNames()).containsExactly("age", "income", "segment");
  }

  @Test
  void secondPrepareReadsTheStoredFilesInsteadOfRecomputing() {
    put("train/train.csv", trainingCsv(300, 1, true));
    DataQualityMonitorSpec spec = spec("train/train.csv", "label");
    MonitorBaseline first = prepare(spec);
    calls.clear();

    MonitorBaseline second = prepare(spec);

    assertSame(second, first);
    assertThat(calls).noneMatch(c -> c.startsWith("PutObject"))
        .noneMatch(c -> c.equals("GetObject train/train.csv"))
        .contains("GetObject out/baseline/" + first.fingerprint() + "/statistics.json",
            "GetObject out/baseline/" + first.fingerprint() + "/constraints.json");
  }

  @Test
  void changedDataOrThresholdsGiveANewFingerprint() {
    put("train/train.csv", trainingCsv(300, 1, true));
    DataQualityMonitorSpec spec = spec("train/train.csv", "label");
    MonitorBaseline first = prepare(spec);

    put("train/train.csv", trainingCsv(301, 1, true));
    MonitorBaseline newData = prepare(spec);
    spec.thresholds = new DataQualityMonitorSpec.Thresholds();
    spec.thresholds.drift = 0.3;
    MonitorBaseline newThreshold = prepare(spec);

    assertThat(newData.fingerprint()).isNotEqualTo(first.fingerprint());
    assertThat(newData.recordCount()).isEqualTo(301);
    assertThat(newThreshold.fingerprint()).isNotIn(first.fingerprint(), newData.fingerprint());
    assertThat(newThreshold.constraints().monitoringConfig().comparisonThreshold()).isEqualTo(0.3);
    MonitorBaseline newKey = new BaselineProvider(store).prepare(spec,
        "arn:aws:kms:us-east-1:111122223333:key/other");
    assertThat(newKey.fingerprint()).isNotIn(first.fingerprint(), newData.fingerprint(),
        newThreshold.fingerprint());
  }

  @Test
  void appliesTheThresholdsToTheStoredConstraints() {
    put("train.csv", "a,b\n1,x\n2,\n3,y\n4,x\n");
    DataQualityMonitorSpec spec = spec("train.csv");
    spec.thresholds = new DataQualityMonitorSpec.Thresholds();
    spec.thresholds.drift = 0.25;
    spec.thresholds.comparisonMethod = DataQualityMonitorSpec.ComparisonMethod.Simple;
    spec.thresholds.completeness = 0.8;
    spec.thresholds.dataType = 0.05;
    spec.thresholds.categoricalDomain = 0.3;

    MonitorBaseline baseline = prepare(spec);

    Constraints stored = ConstraintsJson.read(text(baseline.constraintsS3Uri()));
    assertThat(stored).isEqualTo(baseline.constraints());
    Constraints.MonitoringConfig config = stored.monitoringConfig();
    assertThat(config.comparisonThreshold()).isEqualTo(0.25);
    assertThat(config.comparisonMethod()).isEqualTo(Constraints.ComparisonMethod.Simple);
    assertThat(config.datatypeCheckThreshold()).isEqualTo(0.05);
    assertThat(config.domainContentThreshold()).isEqualTo(0.3);
    assertThat(config.evaluateConstraints()).isTrue();
    assertThat(config.performComparison()).isTrue();
    assertThat(stored.feature("a").orElseThrow().completeness()).isCloseTo(0.2, within(1e-9));
    assertThat(stored.feature("b").orElseThrow().completeness()).isZero(); // 0.75 - 0.8, floored
  }

  @Test
  void defaultThresholdsAreModelMonitors() {
    put("train.csv", "a\n1\n2\n");
    MonitorBaseline baseline = prepare(spec("train.csv"));
    assertThat(baseline.constraints().monitoringConfig())
        .isEqualTo(Constraints.MonitoringConfig.defaults());
    assertThat(baseline.constraints().feature("a").orElseThrow().completeness()).isEqualTo(1.0);
  }

  @Test
  void readsGivenStatisticsAndConstraintsDroppingExcludedColumns() {
    Statistics statistics = new StatisticsAccumulator().addAll(new CsvRecordReader(
        new BufferedReader(new StringReader(trainingCsv(200, 3, true))), true, "t")).result();
    put("mm/statistics.json", StatisticsJson.write(statistics));
    put("mm/constraints.json", ConstraintsJson.write(Constraints.suggest(statistics,
        Constraints.MonitoringConfig.defaults())));
    DataQualityMonitorSpec spec = spec("unused");
    spec.baseline.trainingDataS3Uri = null;
    spec.baseline.statisticsS3Uri = uri("mm/statistics.json");
    spec.baseline.constraintsS3Uri = uri("mm/constraints.json");
    spec.baseline.excludeColumns = List.of("label");
    spec.thresholds = new DataQualityMonitorSpec.Thresholds();
    spec.thresholds.drift = 0.2;

    MonitorBaseline baseline = prepare(spec);

    assertThat(baseline.recordCount()).isNull();
    assertThat(baseline.columnNames()).containsExactly("age", "income", "segment");
    assertThat(baseline.statistics().features()).extracting(Statistics.Feature::name)
        .containsExactly("age", "income", "segment");
    assertThat(baseline.constraints().monitoringConfig().comparisonThreshold()).isEqualTo(0.2);
    assertThat(baseline.statisticsS3Uri()).startsWith(uri("out/baseline/"));
    assertSame(prepare(spec), baseline);
  }

  /** Statistics hold sketches without equals(); compare what is stored instead. */
  private static void assertSame(MonitorBaseline actual, MonitorBaseline expected) {
    assertThat(actual.fingerprint()).isEqualTo(expected.fingerprint());
    assertThat(StatisticsJson.write(actual.statistics()))
        .isEqualTo(StatisticsJson.write(expected.statistics()));
    assertThat(actual.constraints()).isEqualTo(expected.constraints());
    assertThat(actual.statisticsS3Uri()).isEqualTo(expected.statisticsS3Uri());
    assertThat(actual.constraintsS3Uri()).isEqualTo(expected.constraintsS3Uri());
    assertThat(actual.recordCount()).isEqualTo(expected.recordCount());
    assertThat(actual.columnNames()).isEqualTo(expected.columnNames());
  }

  // --- the user's mistakes -------------------------------------------------------------------

  private void assertInputError(DataQualityMonitorSpec spec, String... messageParts) {
    assertThatThrownBy(() -> prepare(spec)).isInstanceOf(MonitorInputException.class)
        .message().contains(messageParts);
  }

  @Test
  void missingTrainingObject() {
    assertInputError(spec("train/missing.csv"), "spec.baseline.trainingDataS3Uri",
        uri("train/missing.csv"));
  }

  @Test
  void prefixWithoutDataObjects() {
    put("train/_SUCCESS", "");
    assertInputError(spec("train/"), "spec.baseline.trainingDataS3Uri: no data objects under "
        + uri("train/"));
  }

  @Test
  void trainingDataInAMissingBucket() {
    DataQualityMonitorSpec spec = spec("x");
    spec.baseline.trainingDataS3Uri = "s3://no-such-bucket-" + bucket + "/train.csv";
    assertInputError(spec, "spec.baseline.trainingDataS3Uri", spec.baseline.trainingDataS3Uri);
  }

  @Test
  void undecodableData() {
    byte[] binary = new byte[256];
    new Random(7).nextBytes(binary);
    binary[0] = (byte) 0xC3; // a UTF-8 lead byte followed by no continuation
    binary[1] = (byte) 0x28;
    store.put(uri("train/model.bin"), binary, null);
    assertInputError(spec("train/model.bin"), "spec.baseline.trainingDataS3Uri",
        uri("train/model.bin"), "not UTF-8 text");
  }

  @Test
  void malformedCsv() {
    put("train.csv", "a,b\n1,\"open\n");
    assertInputError(spec("train.csv"), "spec.baseline.trainingDataS3Uri: cannot read Csv data: "
        + uri("train.csv") + " line 2: unterminated quoted field");
  }

  @Test
  void notGzip() {
    put("train.csv.gz", "a,b\n1,2\n");
    assertInputError(spec("train.csv.gz"), uri("train.csv.gz"), "not valid gzip");
  }

  @Test
  void excludedColumnNotPresent() {
    put("train.csv", "age,income\n1,2\n");
    assertInputError(spec("train.csv", "label", "age"), "spec.baseline.excludeColumns: [label]",
        uri("train.csv"), "its columns: income");
  }

  @Test
  void zeroRecords() {
    put("train.csv", "age,income,label\n");
    assertInputError(spec("train.csv"), "spec.baseline.trainingDataS3Uri: no records in "
        + uri("train.csv"));
  }

  @Test
  void missingOrInvalidGivenBaselineFiles() {
    put("mm/constraints.json", "not json");
    put("mm/statistics.json", "{\"version\": 0, \"features\": []}");
    DataQualityMonitorSpec spec = spec("unused");
    spec.baseline.trainingDataS3Uri = null;
    spec.baseline.statisticsS3Uri = uri("mm/missing.json");
    spec.baseline.constraintsS3Uri = uri("mm/constraints.json");
    assertInputError(spec, "spec.baseline.statisticsS3Uri: no object " + uri("mm/missing.json"));

    spec.baseline.statisticsS3Uri = uri("mm/statistics.json");
    assertInputError(spec, "spec.baseline.constraintsS3Uri: " + uri("mm/constraints.json")
        + " is not a Model Monitor constraints.json");

    put("mm/constraints.json", "{\"version\": 0, \"features\": [{\"name\": \"a\"}]}");
    spec.baseline.excludeColumns = List.of("label");
    assertInputError(spec, "spec.baseline.excludeColumns: [label]", "its features: a");
  }

  private String text(String s3Uri) {
    return new String(store.get(s3Uri).orElseThrow(), StandardCharsets.UTF_8);
  }
}
