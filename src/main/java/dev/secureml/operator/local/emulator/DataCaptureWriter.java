package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes captured invocations to S3 the way SageMaker data capture does: JSON lines under
 * {@code <DestinationS3Uri>/<endpoint>/<variant>/yyyy/mm/dd/hh/<mm-ss-SSS-uuid>.jsonl}, each
 * object encrypted with the DataCaptureConfig's KmsKeyId (or SSE-S3 without one).
 *
 * <p>Records are batched per endpoint, variant and hour: a file is written when a batch holds
 * {@link #RECORDS_PER_FILE} records, or when its first record is {@link #FLUSH_SECONDS}
 * emulated seconds old ({@link #flushDue} runs every 50 ms of real time), or on
 * {@link #flushAll}.
 */
final class DataCaptureWriter implements AutoCloseable {
  static final int RECORDS_PER_FILE = 50;
  static final double FLUSH_SECONDS = 5;
  private static final long TICK_MILLIS = 50;
  private static final DateTimeFormatter HOUR_PATH =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter FILE_NAME =
      DateTimeFormatter.ofPattern("mm-ss-SSS").withZone(ZoneOffset.UTC);

  private record Batch(String bucket, String keyPrefix, String kmsKeyId, Instant opened,
      List<String> lines) {}

  private final ObjectStore objects;
  private final EmulatedClock clock;
  private final Map<String, Batch> open = new HashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "aws-emulator-data-capture");
    thread.setDaemon(true);
    return thread;
  });

  DataCaptureWriter(ObjectStore objects, EmulatedClock clock) {
    this.objects = objects;
    this.clock = clock;
  }

  void start() {
    timer.scheduleWithFixedDelay(() -> {
      try {
        flushDue();
      } catch (RuntimeException e) {
        System.err.println("aws-emulator: data capture flush failed: " + e);
      }
    }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Stops the timer; batches still open are dropped with the emulator's state. */
  @Override
  public void close() {
    timer.shutdownNow();
  }

  /**
   * Captures one invocation when the sampling draw says so.
   *
   * @param capture the endpoint configuration's DataCaptureConfig
   * @param draw a number in [0, 100) deciding sampling
   */
  void capture(JsonNode capture, String endpoint, String variant, String contentType,
      byte[] input, String outputContentType, byte[] output, Instant at, double draw) {
    if (capture == null || !capture.path("EnableCapture").asBoolean(true)
        || draw >= capture.path("InitialSamplingPercentage").asDouble()) {
      return;
    }
    boolean in = false;
    boolean out = false;
    for (JsonNode option : capture.path("CaptureOptions")) {
      in |= "Input".equals(option.path("CaptureMode").asText());
      out |= "Output".equals(option.path("CaptureMode").asText());
    }
    ObjectNode record = Json.object();
    ObjectNode data = record.putObject("captureData");
    if (in) {
      data.set("endpointInput", side(contentType, "INPUT", input));
    }
    if (out) {
      data.set("endpointOutput", side(outputContentType, "OUTPUT", output));
    }
    ObjectNode meta = record.putObject("eventMetadata");
    meta.put("eventId", UUID.randomUUID().toString());
    meta.put("inferenceTime", at.truncatedTo(ChronoUnit.MILLIS).toString());
    record.put("eventVersion", "0");

    S3Location folder = S3Location.parse(capture.path("DestinationS3Uri").asText())
        .resolve(endpoint + "/" + variant + "/" + HOUR_PATH.format(at));
    String bucket = folder.bucket();
    String keyPrefix = folder.prefix();
    Batch full = null;
    synchronized (open) {
      Batch batch = open.computeIfAbsent(bucket + "/" + keyPrefix, k -> new Batch(bucket,
          keyPrefix, Json.text(capture, "KmsKeyId"), at, new ArrayList<>()));
      batch.lines().add(Json.write(record));
      if (batch.lines().size() >= RECORDS_PER_FILE) {
        full = open.remove(bucket + "/" + keyPrefix);
      }
    }
    if (full != null) {
      write(full);
    }
  }

  /** Writes the batches whose first record is old enough. */
  void flushDue() {
    Instant now = clock.now();
    List<Batch> due = new ArrayList<>();
    synchronized (open) {
      open.entrySet().removeIf(e -> {
        boolean old = clock.emulatedSeconds(e.getValue().opened(), now) >= FLUSH_SECONDS;
        if (old) {
          due.add(e.getValue());
        }
        return old;
      });
    }
    due.forEach(this::write);
  }

  void flushAll() {
    List<Batch> all;
    synchronized (open) {
      all = new ArrayList<>(open.values());
      open.clear();
    }
    all.forEach(this::write);
  }

  private void write(Batch batch) {
    byte[] body = (String.join("\n", batch.lines()) + "\n").getBytes(StandardCharsets.UTF_8);
    String key = batch.keyPrefix() + FILE_NAME.format(batch.opened()) + "-" + UUID.randomUUID()
        + ".jsonl";
    objects.putCreatingBucket(batch.bucket(), key, StoredObject.written(body,
        "application/octet-stream", clock.now(), batch.kmsKeyId()));
  }

  private static ObjectNode side(String contentType, String mode, byte[] payload) {
    ObjectNode out = Json.object();
    out.put("observedContentType", contentType);
    out.put("mode", mode);
    String type = contentType == null ? "" : contentType.toLowerCase();
    if (type.contains("csv")) {
      out.put("data", new String(payload, StandardCharsets.UTF_8));
      out.put("encoding", "CSV");
    } else if (type.contains("json")) {
      out.put("data", new String(payload, StandardCharsets.UTF_8));
      out.put("encoding", "JSON");
    } else {
      out.put("data", Base64.getEncoder().encodeToString(payload));
      out.put("encoding", "BASE64");
    }
    return out;
  }
}
