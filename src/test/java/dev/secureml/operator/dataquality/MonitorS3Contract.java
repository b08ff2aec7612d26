package dev.secureml.operator.dataquality;

import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.sagemaker.S3ObjectStore;
import dev.secureml.operator.testsupport.AwsTestClients;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A fresh bucket on an S3 (the emulator or moto) for the monitor's storage tests, with every
 * call logged, and helpers that write training data and captured records in SageMaker's layout.
 */
abstract class MonitorS3Contract {
  static final String KMS_KEY = "arn:aws:kms:us-east-1:111122223333:key/monitor-reports";
  static final String ENDPOINT = "bank-failure-endpoint";
  private static final DateTimeFormatter HOUR_PATH =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/").withZone(ZoneOffset.UTC);

  protected S3Client client;
  protected S3ObjectStore store;
  protected String bucket;
  /** "Operation key" of every S3 call, e.g. "PutObject out/baseline/x/statistics.json". */
  protected final List<String> calls = Collections.synchronizedList(new ArrayList<>());

  protected abstract URI endpoint();

  @BeforeEach
  void connect() {
    client = AwsTestClients.s3(endpoint(), new ExecutionInterceptor() {
      @Override
      public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String key = context.request() instanceof GetObjectRequest get ? get.key()
            : context.request() instanceof PutObjectRequest put ? put.key() : "";
        calls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " " + key);
      }
    });
    store = new S3ObjectStore(client);
    bucket = "monitor-" + UUID.randomUUID().toString().substring(0, 8);
    client.createBucket(b -> b.bucket(bucket));
  }

  @AfterEach
  void disconnect() {
    if (client != null) { // null when moto is missing and the test was skipped
      client.close();
    }
  }

  protected String uri(String key) {
    return "s3://" + bucket + "/" + key;
  }

  protected void put(String key, String text) {
    store.put(uri(key), text.getBytes(StandardCharsets.UTF_8), null);
  }

  protected HeadObjectResponse head(String s3Uri) {
    String key = s3Uri.substring(("s3://" + bucket + "/").length());
    return client.headObject(b -> b.bucket(bucket).key(key));
  }

  /** A spec with the baseline from training data, reports under {@code out/}. */
  protected DataQualityMonitorSpec spec(String trainingDataKey, String... excludeColumns) {
    DataQualityMonitorSpec spec = new DataQualityMonitorSpec();
    spec.endpointRef = ENDPOINT;
    spec.baseline = new DataQualityMonitorSpec.Baseline();
    spec.baseline.trainingDataS3Uri = uri(trainingDataKey);
    spec.baseline.excludeColumns = new ArrayList<>(List.of(excludeColumns));
    spec.outputS3Uri = uri("out/");
    spec.dataClassification = "HighlyConfidential";
    return spec;
  }

  /** One row of age (Integral), income (Fractional), segment (String) and label. */
  protected static List<String> row(Random random, int ageShift) {
    int age = 20 + random.nextInt(41) + ageShift;
    String income = String.format(Locale.ROOT, "%.2f", 50_000 + 10_000 * random.nextGaussian());
    double draw = random.nextDouble();
    String segment = draw < 0.5 ? "retail" : draw < 0.8 ? "business" : "private";
    return List.of(Integer.toString(age), income, segment, random.nextBoolean() ? "1" : "0");
  }

  /** Training data as CSV: a header (age,income,segment,label) when asked, then the rows. */
  protected static String trainingCsv(int rows, long seed, boolean header) {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder(header ? "age,income,segment,label\n" : "");
    for (int i = 0; i < rows; i++) {
      csv.append(String.join(",", row(random, 0))).append('\n');
    }
    return csv.toString();
  }

  /** One capture record of a CSV request (without the label), as data capture writes it. */
  protected static String capturedCsv(Instant at, String csv) {
    return captured(at, "text/csv", json(csv), "CSV");
  }

  /** One capture record of a JSON request. */
  protected static String capturedJson(Instant at, String json) {
    return captured(at, "application/json", json(json), "JSON");
  }

  private static String captured(Instant at, String contentType, String data, String encoding) {
    return "{\"captureData\":{\"endpointInput\":{\"observedContentType\":\"" + contentType
        + "\",\"mode\":\"INPUT\",\"data\":" + data + ",\"encoding\":\"" + encoding + "\"},"
        + "\"endpointOutput\":{\"observedContentType\":\"text/csv\",\"mode\":\"OUTPUT\","
        + "\"data\":\"0.12\",\"encoding\":\"CSV\"}},\"eventMetadata\":{\"eventId\":\""
        + UUID.randomUUID() + "\",\"inferenceTime\":\"" + at + "\"},\"eventVersion\":\"0\"}";
  }

  private static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  /** Writes a capture file of the given records into the hour folder of {@code hour}. */
  protected String putCaptureFile(String endpoint, String variant, Instant hour, String name,
      List<String> records) {
    String key = "capture/" + endpoint + "/" + variant + "/" + HOUR_PATH.format(hour) + name
        + ".jsonl";
    put(key, String.join("\n", records) + "\n");
    return uri(key);
  }
}
