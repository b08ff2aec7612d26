package dev.secureml.operator.dataquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.secureml.operator.drift.ConstraintsJson;
import dev.secureml.operator.drift.StatisticsJson;
import dev.secureml.operator.drift.Violation;
import dev.secureml.operator.drift.ViolationsJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * {@link BuiltinMonitoringEngine} and {@link ReportReader} against a real S3 API: a baseline
 * from training data, captured traffic as data capture writes it, reports as Model Monitor's.
 */
abstract class BuiltinMonitoringEngineContract extends MonitorS3Contract {
  private static final String MONITOR = "bank-failure-drift";
  private static final Instant FROM = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant TO = Instant.parse("2026-03-01T11:00:00Z");

  private MonitorBaseline baseline;

  @BeforeEach
  void baseline() {
    put("train/train.csv", trainingCsv(600, 1, true));
    baseline = new BaselineProvider(store).prepare(spec("train/train.csv", "label"), KMS_KEY);
  }

  /** 300 requests over the window, half CSV on one variant, half JSON on another. */
  private void capture(long seed, int ageShift) {
    Random random = new Random(seed);
    List<String> csv = new ArrayList<>();
    List<String> json = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Instant at = FROM.plusSeconds(i * 12L);
      List<String> row = row(random, ageShift);
      if (i % 2 == 0) {
        csv.add(capturedCsv(at, String.join(",", row.subList(0, 3))));
      } else {
        json.add(capturedJson(at, "{\"age\": " + row.get(0) + ", \"income\": " + row.get(1)
            + ", \"segment\": \"" + row.get(2) + "\"}"));
      }
    }
    putCaptureFile(ENDPOINT, "AllTraffic", FROM, "00-00-000-a", csv);
    putCaptureFile(ENDPOINT, "Challenger", FROM, "00-00-000-b", json);
  }

  private ExecutionReport run(Instant scheduledTime) {
    return new BuiltinMonitoringEngine(store).run(baseline, uri("capture/"), ENDPOINT, MONITOR,
        scheduledTime, FROM, TO, uri("reports"), KMS_KEY);
  }

  @Test
  void sameDistributionCompletesWithAnEmptyViolationsFile() {
    capture(2, 0);

    ExecutionReport report = run(TO);

    assertThat(report.status()).isEqualTo(ExecutionReport.COMPLETED);
    assertThat(report.violations()).isEmpty();
    assertThat(report.recordsAnalyzed()).isEqualTo(300);
    assertThat(report.failureReason()).isNull();
    assertThat(report.processingJobArn()).isNull();
    assertThat(report.windowStart()).isEqualTo(FROM);
    assertThat(report.windowEnd()).isEqualTo(TO);
    assertThat(report.driftDistances()).containsOnlyKeys("age", "income", "segment")
        .allSatisfy((feature, distance) -> assertThat(distance).isLessThan(0.1));
    String folder = uri("reports/" + ENDPOINT + "/" + MONITOR + "/2026/03/01/11/");
    assertThat(report.statisticsS3Uri()).isEqualTo(folder + "statistics.json");
    assertThat(report.constraintsS3Uri()).isEqualTo(folder + "constraints.json");
    assertThat(report.violationsS3Uri()).isEqualTo(folder + "constraint_violations.json");
    assertThat(ViolationsJson.read(text(report.violationsS3Uri()))).isEmpty();
    assertThat(text(report.violationsS3Uri())).contains("\"violations\" : [ ]");
    assertThat(StatisticsJson.read(text(report.statisticsS3Uri())).itemCount()).isEqualTo(300);
    assertThat(ConstraintsJson.read(text(report.constraintsS3Uri())))
        .isEqualTo(baseline.constraints());
    for (String file : List.of(report.statisticsS3Uri(), report.constraintsS3Uri(),
        report.violationsS3Uri())) {
      assertThat(head(file).serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
      assertThat(head(file).ssekmsKeyId()).isEqualTo(KMS_KEY);
    }
  }

  @Test
  void shiftedFeatureCompletesWithViolationsNamingIt() {
    capture(2, 25);

    ExecutionReport report = run(Instant.parse("2026-03-01T11:15:30Z"));

    assertThat(report.status()).isEqualTo(ExecutionReport.COMPLETED_WITH_VIOLATIONS);
    assertThat(report.violations()).extracting(Violation::featureName, Violation::checkType)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("age",
            Violation.CheckType.baseline_drift_check));
    assertThat(report.driftDistances().get("age")).isGreaterThan(0.5);
    assertThat(report.violationsS3Uri()).isEqualTo(uri("reports/" + ENDPOINT + "/" + MONITOR
        + "/2026/03/01/11/15-30/constraint_violations.json"));
    assertThat(ViolationsJson.read(text(report.violationsS3Uri())))
        .isEqualTo(report.violations());
  }

  @Test
  void noCapturedDataFailsAndWritesNothing() {
    putCaptureFile(ENDPOINT, "AllTraffic", TO, "00-00-000-a",
        List.of(capturedCsv(TO, "30,1.5,retail"), "garbage"));
    putCaptureFile(ENDPOINT, "AllTraffic", FROM, "00-00-000-b", List.of());

    ExecutionReport report = run(TO);

    assertThat(report.status()).isEqualTo(ExecutionReport.FAILED);
    assertThat(report.failureReason())
        .isEqualTo("No captured records between 2026-03-01T10:00:00Z and 2026-03-01T11:00:00Z");
    assertThat(report.recordsAnalyzed()).isZero();
    assertThat(report.violations()).isEmpty();
    assertThat(report.statisticsS3Uri()).isNull();
    assertThat(store.list(uri("reports/"))).isEmpty();
  }

  @Test
  void unreadableRecordsAreSkippedAndCounted() {
    capture(2, 0);
    putCaptureFile(ENDPOINT, "AllTraffic", FROM, "30-00-000-c", List.of("not json", "{}"));

    ExecutionReport report = run(TO);

    assertThat(report.status()).isEqualTo(ExecutionReport.COMPLETED);
    assertThat(report.recordsAnalyzed()).isEqualTo(300);
    assertThat(report.recordsSkipped()).isEqualTo(2);
  }

  @Test
  void reportReaderReadsTheSameExecutionBack() {
    capture(2, 25);
    ExecutionReport written = run(TO);
    String folder = uri("reports/" + ENDPOINT + "/" + MONITOR + "/2026/03/01/11/");

    ExecutionReport read = new ReportReader(store).read(folder, baseline, TO, FROM, TO,
        "arn:aws:sagemaker:us-east-1:111122223333:processing-job/x");

    assertThat(read.status()).isEqualTo(ExecutionReport.COMPLETED_WITH_VIOLATIONS);
    assertThat(read.violations()).isEqualTo(written.violations());
    assertThat(read.recordsAnalyzed()).isEqualTo(300);
    assertThat(read.statisticsS3Uri()).isEqualTo(written.statisticsS3Uri());
    assertThat(read.violationsS3Uri()).isEqualTo(written.violationsS3Uri());
    assertThat(read.constraintsS3Uri()).isEqualTo(baseline.constraintsS3Uri());
    assertThat(read.processingJobArn()).endsWith("processing-job/x");
    assertThat(read.driftDistances()).containsOnlyKeys(written.driftDistances().keySet());
    written.driftDistances().forEach((feature, distance) ->
        assertThat(read.driftDistances().get(feature)).isCloseTo(distance, within(1e-9)));
  }

  @Test
  void reportReaderWithoutViolationsFileOrStatistics() {
    String folder = uri("mm-output/");
    put("mm-output/statistics.json", StatisticsJson.write(baseline.statistics()));

    ExecutionReport clean = new ReportReader(store).read(folder, baseline, TO, FROM, TO, null);
    ExecutionReport empty = new ReportReader(store).read(uri("nothing/"), baseline, TO, FROM,
        TO, null);

    assertThat(clean.status()).isEqualTo(ExecutionReport.COMPLETED);
    assertThat(clean.violations()).isEmpty();
    assertThat(clean.violationsS3Uri()).isNull();
    assertThat(clean.recordsAnalyzed()).isEqualTo(600);
    assertThat(clean.driftDistances()).containsOnlyKeys("age", "income", "segment")
        .allSatisfy((feature, distance) -> assertThat(distance).isZero());
    assertThat(empty.status()).isEqualTo(ExecutionReport.FAILED);
    assertThat(empty.failureReason()).contains("no statistics.json", uri("nothing/"));
  }

  private String text(String s3Uri) {
    return new String(store.get(s3Uri).orElseThrow(), StandardCharsets.UTF_8);
  }
}
