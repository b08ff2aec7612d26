package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.secureml.operator.testsupport.AwsTestClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 calls go the gateway way: counted and timed as {@code secureml.s3.*}, failures classified
 * into a SageMakerCallException naming S3, so throttling and 5xx are retried with backoff.
 */
class S3ObjectStoreMeteringTest {
  private static final String OBJECT = "s3://fraud-models/monitoring/baseline/statistics.json";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private HttpServer server;
  private S3Client client;
  private S3ObjectStore store;
  private volatile int status = 200;
  private volatile String body = "{}";

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type",
          status == 200 ? "application/octet-stream" : "application/xml");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    client = AwsTestClients.s3(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    store = new S3ObjectStore(client, registry);
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  @Test
  void aCallIsCountedAndTimedUnderS3() {
    body = "{\"version\":0.0}";

    assertThat(store.get(OBJECT)).hasValue(body.getBytes(StandardCharsets.UTF_8));

    assertThat(calls("GetObject", "success")).isEqualTo(1);
    assertThat(registry.timer("secureml.s3.call.duration", "operation", "GetObject").count())
        .isEqualTo(1);
    assertThat(registry.find("secureml.sagemaker.calls").counters()).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1} is {2}")
  @CsvSource({
      "503, SlowDown, THROTTLED, throttled",
      "500, InternalError, RETRYABLE, error",
      "503, ServiceUnavailable, RETRYABLE, error",
      "502, BadGateway, RETRYABLE, error"})
  void throttlingAndServerFaultsAreClassifiedRetryable(int code, String error, ErrorKind kind,
      String outcome) {
    answerError(code, error);

    assertThatThrownBy(() -> store.get(OBJECT))
        .isInstanceOfSatisfying(SageMakerCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(kind);
          assertThat(e.kind().passes()).isTrue();
          assertThat(e.service()).isEqualTo("S3");
          assertThat(e.operation()).isEqualTo("GetObject");
        });
    assertThat(calls("GetObject", outcome)).isEqualTo(1);
  }

  @Test
  void aThrottledPutIsCountedAsAThrottle() {
    answerError(503, "SlowDown");

    assertThatThrownBy(() -> store.put(OBJECT, new byte[] {1}, null))
        .isInstanceOfSatisfying(SageMakerCallException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.THROTTLED));
    assertThat(registry.counter("secureml.s3.throttles", "operation", "PutObject").count())
        .isEqualTo(1);
  }

  @Test
  void aMissingKeyOrBucketIsAbsentAndCountedNotFound() {
    answerError(404, "NoSuchKey");
    assertThat(store.get(OBJECT)).isEmpty();
    answerError(404, "NoSuchBucket");
    assertThat(store.list("s3://fraud-models/monitoring/")).isEmpty();

    assertThat(calls("GetObject", "not_found")).isEqualTo(1);
    assertThat(calls("ListObjectsV2", "not_found")).isEqualTo(1);
  }

  @Test
  void accessDeniedIsTerminal() {
    answerError(403, "AccessDenied");

    assertThatThrownBy(() -> store.get(OBJECT))
        .isInstanceOfSatisfying(SageMakerCallException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.TERMINAL));
    assertThat(calls("GetObject", "error")).isEqualTo(1);
  }

  private void answerError(int code, String error) {
    status = code;
    body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + error + "</Code>"
        + "<Message>" + error + " from the test</Message><RequestId>r-1</RequestId></Error>";
  }

  private double calls(String operation, String outcome) {
    return registry.counter("secureml.s3.calls", "operation", operation, "outcome", outcome)
        .count();
  }
}
