package dev.secureml.operator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secureml.operator.testsupport.AwsTestClients;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CaptureMode;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;

/** InvokeEndpoint answers, data capture files in S3, and endpoint logs, through the SDK. */
class InvokeEndpointTest {
  private static final String KMS = "arn:aws:kms:us-east-1:111122223333:key/capture-key";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Hosting hosting;
  private static AwsEmulator emulator;
  private static SageMakerClient sageMaker;
  private static SageMakerRuntimeClient runtime;
  private static S3Client s3;
  private static CloudWatchLogsClient logs;

  @BeforeAll
  static void start() {
    hosting = Hosting.start(1000);
    emulator = hosting.emulator();
    sageMaker = hosting.sageMaker();
    runtime = AwsTestClients.sageMakerRuntime(emulator.endpoint());
    s3 = AwsTestClients.s3(emulator.endpoint());
    logs = AwsTestClients.logs(emulator.endpoint());
    hosting.model("inv-model", Hosting.IMAGE);
    hosting.config("inv-config", capture(100, "s3://capture-bucket/fdic/"),
        Hosting.variant("AllTraffic", "inv-model", 2, 1f));
    sageMaker.createEndpoint(b -> b.endpointName("inv-ep").endpointConfigName("inv-config"));
    hosting.config("quiet-config", capture(0, "s3://capture-bucket/quiet"),
        Hosting.variant("AllTraffic", "inv-model", 1, 1f));
    sageMaker.createEndpoint(b -> b.endpointName("quiet-ep").endpointConfigName("quiet-config"));
    hosting.waitFor("inv-ep", "InService");
    hosting.waitFor("quiet-ep", "InService");
  }

  @AfterAll
  static void stop() {
    runtime.close();
    s3.close();
    logs.close();
    hosting.close();
  }

  private static DataCaptureConfig capture(int percent, String uri) {
    return DataCaptureConfig.builder().enableCapture(true).initialSamplingPercentage(percent)
        .destinationS3Uri(uri).kmsKeyId(KMS)
        .captureOptions(o -> o.captureMode(CaptureMode.INPUT),
            o -> o.captureMode(CaptureMode.OUTPUT)).build();
  }

  private static InvokeEndpointResponse invoke(String endpoint, String type, String body) {
    return runtime.invokeEndpoint(b -> b.endpointName(endpoint).contentType(type)
        .body(SdkBytes.fromUtf8String(body)));
  }

  @Test
  void answersADeterministicScorePerRow() throws Exception {
    InvokeEndpointResponse first = invoke("inv-ep", "text/csv", "8.1,0.02,0.011,0.12");
    assertThat(first.body().asUtf8String()).matches("0\\.\\d{4}");
    assertThat(first.contentType()).startsWith("text/csv");
    assertThat(first.invokedProductionVariant()).isEqualTo("AllTraffic");
    assertThat(invoke("inv-ep", "text/csv", "8.1,0.02,0.011,0.12").body().asUtf8String())
        .isEqualTo(first.body().asUtf8String());
    assertThat(invoke("inv-ep", "text/csv", "1,2\n3,4\n").body().asUtf8String().split("\n"))
        .hasSize(2);
    JsonNode json = JSON.readTree(invoke("inv-ep", "application/json",
        "{\"instances\": [[1, 2], [3, 4], [5, 6]]}").body().asUtf8String());
    assertThat(json.path("predictions")).hasSize(3);
    assertThat(json.path("predictions").get(0).path("score").asDouble()).isBetween(0.0, 1.0);
  }

  @Test
  void refusesEndpointsThatDoNotServe() {
    hosting.model("late-model", Hosting.FAILING_IMAGE); // Creating, then Failed
    hosting.config("late-config", "late-model");
    sageMaker.createEndpoint(b -> b.endpointName("late-ep").endpointConfigName("late-config"));
    for (String name : List.of("late-ep", "no-such-ep")) {
      SageMakerRuntimeException e = catchThrowableOfType(() -> invoke(name, "text/csv", "1,2"),
          SageMakerRuntimeException.class);
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
      assertThat(e.awsErrorDetails().errorMessage())
          .isEqualTo("Endpoint " + name + " of account 111122223333 not found.");
    }
  }

  @Test
  void capturesEveryInvocationAsJsonLinesInTheDocumentedLayout() throws Exception {
    Instant before = Instant.now();
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      rows.add("7." + i + ",0.0" + i + ",0.01,0.1,CA");
      invoke("inv-ep", "text/csv", rows.get(i));
    }
    emulator.flushDataCapture();
    List<S3Object> files = s3.listObjectsV2Paginator(b -> b.bucket("capture-bucket")
        .prefix("fdic/inv-ep/")).contents().stream().toList();
    assertThat(files).isNotEmpty();
    Set<String> captured = new TreeSet<>();
    for (S3Object file : files) {
      ZonedDateTime hour = before.atZone(ZoneOffset.UTC);
      assertThat(file.key()).matches("fdic/inv-ep/AllTraffic/" + String.format("%04d/%02d/%02d/",
          hour.getYear(), hour.getMonthValue(), hour.getDayOfMonth())
          + "\\d{2}/\\d{2}-\\d{2}-\\d{3}-[0-9a-f-]{36}\\.jsonl");
      HeadObjectResponse head = s3.headObject(b -> b.bucket("capture-bucket").key(file.key()));
      assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
      assertThat(head.ssekmsKeyId()).isEqualTo(KMS);
      String text = s3.getObjectAsBytes(b -> b.bucket("capture-bucket").key(file.key()))
          .asUtf8String();
      String[] lines = text.split("\n");
      assertThat(lines.length).isBetween(1, 50);
      for (String line : lines) {
        JsonNode record = JSON.readTree(line);
        JsonNode input = record.path("captureData").path("endpointInput");
        JsonNode output = record.path("captureData").path("endpointOutput");
        assertThat(input.path("observedContentType").asText()).isEqualTo("text/csv");
        assertThat(input.path("mode").asText()).isEqualTo("INPUT");
        assertThat(input.path("encoding").asText()).isEqualTo("CSV");
        assertThat(output.path("mode").asText()).isEqualTo("OUTPUT");
        assertThat(output.path("encoding").asText()).isEqualTo("CSV");
        assertThat(output.path("data").asText()).matches("0\\.\\d{4}");
        assertThat(record.path("eventMetadata").path("eventId").asText()).hasSize(36);
        assertThat(Instant.parse(record.path("eventMetadata").path("inferenceTime").asText()))
            .isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(record.path("eventVersion").asText()).isEqualTo("0");
        assertThat(record.size()).isEqualTo(3);
        captured.add(input.path("data").asText());
      }
    }
    assertThat(captured).containsAll(rows);
  }

  @Test
  void zeroPercentSamplingCapturesNothing() {
    for (int i = 0; i < 20; i++) {
      invoke("quiet-ep", "text/csv", "1," + i);
    }
    emulator.flushDataCapture();
    s3.createBucket(b -> b.bucket("capture-bucket")); // us-east-1: no error if it exists
    assertThat(s3.listObjectsV2(b -> b.bucket("capture-bucket").prefix("quiet/"))
        .contents()).isEmpty();
  }

  @Test
  void containersLogStartupAndInvocations() {
    for (int i = 0; i < EndpointLogWriter.INVOCATIONS_PER_LINE; i++) {
      invoke("quiet-ep", "text/csv", "2," + i);
    }
    String group = "/aws/sagemaker/Endpoints/quiet-ep";
    List<LogStream> streams = logs.describeLogStreams(b -> b.logGroupName(group)).logStreams();
    assertThat(streams).singleElement().satisfies(s ->
        assertThat(s.logStreamName()).matches("AllTraffic/i-0[0-9a-f]{16}"));
    List<String> messages = logs.getLogEvents(b -> b.logGroupName(group)
            .logStreamName(streams.get(0).logStreamName()).startFromHead(true)).events().stream()
        .map(OutputLogEvent::message).toList();
    assertThat(messages).anyMatch(m -> m.contains("Starting the inference server"));
    assertThat(messages).anyMatch(m -> m.contains("invocations of variant AllTraffic"));
    assertThat(logs.describeLogStreams(b -> b.logGroupName("/aws/sagemaker/Endpoints/inv-ep"))
        .logStreams()).hasSize(2);
  }
}
