package dev.secureml.operator.local.sandbox;

import dev.secureml.operator.local.DriftPlan;
import dev.secureml.operator.local.DriftPlan.ColumnShift;
import dev.secureml.operator.local.TrafficGenerator;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The example data sets under examples/data: what the sandbox uploads to the emulator's S3 for
 * the manifests that name them, what it sends to endpoints, and how it shifts that traffic so
 * the example monitor has drift to detect.
 */
final class ExampleData {
  /** A local file and the S3 object the examples read it from. */
  record Upload(Path file, URI s3Uri) {}

  static final Path DIR = Path.of("examples", "data");
  static final List<Upload> UPLOADS = List.of(
      new Upload(DIR.resolve("fdic-train.csv"),
          URI.create("s3://fraud-data/fdic/train/fdic-train.csv")),
      new Upload(DIR.resolve("fdic-validation.csv"),
          URI.create("s3://fraud-data/fdic/validation/fdic-validation.csv")));
  static final Path TRAFFIC = DIR.resolve("fdic-bank-failures.csv");

  /** Used when examples/data is not beside the jar: the example's columns and one row. */
  static final List<String> SAMPLE_COLUMNS = List.of("tier1_capital_ratio", "npl_ratio", "roa",
      "roe", "loan_to_deposit", "liquid_assets_ratio", "total_assets_musd", "state");
  static final String SAMPLE_ROW = "11.2,1.8,0.9,9.5,78.0,21.0,850,TX";

  /**
   * Two ratios that drive the label, moved far outside their training range (half the capital,
   * four times the bad loans) after two or three 10-second monitoring windows of normal traffic.
   */
  static final DriftPlan DRIFT = DriftPlan.after(Duration.ofSeconds(25),
      ColumnShift.multiply("tier1_capital_ratio", 0.5), ColumnShift.multiply("npl_ratio", 4));

  /** Rows to send and the names of their columns. */
  record Traffic(List<String> columns, List<String> rows) {}

  private ExampleData() {}

  /** The example data set without its label, else the sample row. */
  static Traffic traffic() {
    try {
      if (Files.isRegularFile(TRAFFIC)) {
        return new Traffic(TrafficGenerator.loadColumns(TRAFFIC),
            TrafficGenerator.loadRows(TRAFFIC));
      }
    } catch (UncheckedIOException e) {
      // fall through to the sample row
    }
    return new Traffic(SAMPLE_COLUMNS, List.of(SAMPLE_ROW));
  }

  /**
   * Creates the buckets and puts the files that exist, as {@code aws s3 cp} would.
   *
   * @return the uploads done; files missing beside the working directory are skipped
   */
  static List<Upload> upload(S3Client s3) {
    List<Upload> done = UPLOADS.stream().filter(u -> Files.isRegularFile(u.file())).toList();
    for (Upload u : done) {
      String bucket = u.s3Uri().getHost();
      String key = u.s3Uri().getPath().substring(1);
      if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
        s3.createBucket(b -> b.bucket(bucket));
      }
      s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/csv"),
          RequestBody.fromFile(u.file()));
    }
    return done;
  }
}
