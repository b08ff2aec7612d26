package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.secureml.operator.drift.CaptureRecordReader;
import dev.secureml.operator.drift.ConstraintChecker;
import dev.secureml.operator.drift.Constraints;
import dev.secureml.operator.drift.ConstraintsJson;
import dev.secureml.operator.drift.DataQualityJob;
import dev.secureml.operator.drift.RecordReader;
import dev.secureml.operator.drift.Statistics;
import dev.secureml.operator.drift.StatisticsJson;
import dev.secureml.operator.drift.ViolationsJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * What a data quality processing job computes, with the project's drift analyzer: the
 * endpoint's captured records whose inference time lies in the execution's window (all
 * variants, read from the DataCaptureConfig's destination), their statistics, and their
 * violations of the baseline. It writes {@code statistics.json}, {@code constraints.json} (the
 * baseline constraints checked against) and {@code constraint_violations.json} (empty when
 * there are none) to the execution's output folder, encrypted with the output KmsKeyId.
 *
 * <p>Captured CSV columns are named by the baseline constraints' features in order, so a
 * baseline built without the label column lines up with the features an endpoint receives.
 */
final class DataQualityAnalysis {
  static final String NO_DATA = "Job inputs had no data";

  /** How the job ended: an execution status, and the messages Describe* show. */
  record Outcome(String status, String failureReason, String exitMessage) {}

  /** A reason the job cannot go on; its message becomes the FailureReason. */
  private static final class JobFailure extends RuntimeException {
    JobFailure(String message) {
      super(message, null, false, false);
    }
  }

  private final ObjectStore objects;
  private final EndpointService endpoints;
  private final Clock wall;

  DataQualityAnalysis(ObjectStore objects, EndpointService endpoints, Clock wall) {
    this.objects = objects;
    this.endpoints = endpoints;
    this.wall = wall;
  }

  Outcome run(MonitoringExecution execution) {
    try {
      return analyze(execution);
    } catch (JobFailure e) {
      return new Outcome(MonitoringExecution.FAILED, e.getMessage(), e.getMessage());
    }
  }

  private Outcome analyze(MonitoringExecution execution) {
    JsonNode baselineConfig = execution.definitionRequest().path("DataQualityBaselineConfig");
    String statisticsUri = Json.text(baselineConfig.path("StatisticsResource"), "S3Uri");
    String constraintsUri = Json.text(baselineConfig.path("ConstraintsResource"), "S3Uri");
    Statistics baseline = parse(statisticsUri, "statistics", read(statisticsUri, "statistics"),
        StatisticsJson::read);
    byte[] constraintsJson = read(constraintsUri, "constraints");
    Constraints constraints = parse(constraintsUri, "constraints", constraintsJson,
        ConstraintsJson::read);
    String records = capturedRecords(execution);
    if (records.isEmpty()) {
      throw new JobFailure(NO_DATA);
    }
    List<String> names = constraints.features().stream().map(Constraints.Feature::name).toList();
    DataQualityJob.Result result;
    try (RecordReader reader = new CaptureRecordReader(
        new BufferedReader(new StringReader(records)), "captured data", names)) {
      result = DataQualityJob.run(baseline, constraints, reader, new ConstraintChecker());
    } catch (RecordReader.DataFormatException e) {
      throw new JobFailure("AlgorithmError: captured data is not readable: " + e.getMessage());
    } catch (IOException e) {
      throw new JobFailure("InternalServerError: " + e.getMessage());
    }
    if (result.statistics().itemCount() == 0) {
      throw new JobFailure(NO_DATA);
    }
    S3Location folder = execution.outputFolder();
    write(folder.resolve(DataQualityJob.STATISTICS), StatisticsJson.write(result.statistics())
        .getBytes(StandardCharsets.UTF_8), execution.kmsKeyId());
    write(folder.resolve(DataQualityJob.CONSTRAINTS), constraintsJson, execution.kmsKeyId());
    write(folder.resolve(DataQualityJob.VIOLATIONS), ViolationsJson.write(result.violations())
        .getBytes(StandardCharsets.UTF_8), execution.kmsKeyId());
    int n = result.violations().size();
    return n == 0
        ? new Outcome(MonitoringExecution.COMPLETED, null,
            "Completed: Job completed successfully with no violations.")
        : new Outcome(MonitoringExecution.COMPLETED_WITH_VIOLATIONS, null,
            "CompletedWithViolations: Job completed successfully with " + n + " violations.");
  }

  /**
   * The captured records (JSON lines) of every variant whose inference time is in the
   * window, read from the hour folders the window touches.
   */
  private String capturedRecords(MonitoringExecution execution) {
    Endpoint endpoint;
    try {
      endpoint = endpoints.findByName(execution.endpointName());
    } catch (AwsServiceException e) {
      throw new JobFailure("ClientError: Endpoint " + execution.endpointName() + " does not"
          + " exist, so its captured data cannot be found.");
    }
    JsonNode capture = endpoint.dataCapture();
    String destination = capture == null ? null : Json.text(capture, "DestinationS3Uri");
    if (destination == null) {
      return "";
    }
    S3Location root = S3Location.parse(destination).resolve(endpoint.name());
    Instant from = execution.windowStart();
    Instant to = execution.scheduledTime();
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, StoredObject> file : objectsUnder(root).entrySet()) {
      Instant hour = hourFolder(file.getKey().substring(root.prefix().length()));
      if (hour == null || !hour.isBefore(to) || !hour.plus(1, ChronoUnit.HOURS).isAfter(from)) {
        continue;
      }
      for (String line : new String(file.getValue().body(), StandardCharsets.UTF_8).split("\n")) {
        Instant at = inferenceTime(line);
        if (at != null && !at.isBefore(from) && at.isBefore(to)) {
          out.append(line).append('\n');
        }
      }
    }
    return out.toString();
  }

  private NavigableMap<String, StoredObject> objectsUnder(S3Location folder) {
    return objects.bucket(folder.bucket())
        .map(b -> b.objects().subMap(folder.prefix(), true, folder.prefix() + '\uffff', false))
        .orElse(Collections.emptyNavigableMap());
  }

  /** The hour of {@code <variant>/yyyy/MM/dd/HH/<file>}, or null for any other key. */
  private static Instant hourFolder(String relativeKey) {
    String[] parts = relativeKey.split("/");
    if (parts.length != 6) {
      return null;
    }
    try {
      return LocalDateTime.of(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
          Integer.parseInt(parts[3]), Integer.parseInt(parts[4]), 0).toInstant(ZoneOffset.UTC);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Instant inferenceTime(String line) {
    if (line.isBlank()) {
      return null;
    }
    try {
      JsonNode record = Json.MAPPER.readTree(line);
      String at = Json.text(record.path("eventMetadata"), "inferenceTime");
      return at == null ? null : Instant.parse(at);
    } catch (IOException | DateTimeParseException e) {
      return null; // not a capture record: the analyzer would not read it either
    }
  }

  private interface Parser<T> {
    T parse(String json);
  }

  private static <T> T parse(String uri, String what, byte[] body, Parser<T> parser) {
    try {
      return parser.parse(new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new JobFailure("ClientError: The baseline " + what + " file " + uri
          + " is not valid: " + e.getMessage());
    }
  }

  private byte[] read(String uri, String what) {
    if (uri == null) {
      throw new JobFailure("ClientError: DataQualityBaselineConfig names no " + what + " file.");
    }
    S3Location at = S3Location.parse(uri);
    StoredObject object = objects.bucket(at.bucket()).map(b -> b.objects().get(at.key()))
        .orElse(null);
    if (object == null) {
      throw new JobFailure("ClientError: Could not read the baseline " + what + " file " + uri
          + ": the object does not exist. Check DataQualityBaselineConfig and that the role"
          + " can read it.");
    }
    return object.body();
  }

  private void write(S3Location at, byte[] body, String kmsKeyId) {
    objects.putCreatingBucket(at.bucket(), at.key(),
        StoredObject.written(body, "application/json", wall.instant(), kmsKeyId));
  }
}
