package dev.secureml.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpLogSinkTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "Bearer s3cr3t-t0ken-value";
  private static final Map<String, String> HEADERS = Map.of("Authorization", TOKEN,
      "X-Team", "fraud");

  private final Receiver receiver = new Receiver();
  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws IOException {
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop();
  }

  @Test
  void postsTheBatchAsNdjsonWithTheConfiguredHeaders() throws Exception {
    sink(100, 3, Duration.ofSeconds(5)).accept(lines(3));

    assertThat(receiver.requests).hasSize(1);
    Request request = receiver.requests.get(0);
    assertThat(request.contentType).isEqualTo("application/x-ndjson");
    assertThat(request.authorization).isEqualTo(TOKEN);
    assertThat(request.body).endsWith("\n");
    List<JsonNode> objects = request.objects();
    assertThat(objects).hasSize(3);
    JsonNode first = objects.get(0);
    assertThat(first.get("eventId").asText()).isEqualTo("ev-0");
    assertThat(first.get("namespace").asText()).isEqualTo("fraud-models");
    assertThat(first.get("kind").asText()).isEqualTo("SecureTrainingJob");
    assertThat(first.get("name").asText()).isEqualTo("xgb");
    assertThat(first.get("sageMakerResource").asText()).isEqualTo("fraud-models-xgb-3f9a1c");
    assertThat(first.get("group").asText()).isEqualTo("/aws/sagemaker/TrainingJobs");
    assertThat(first.get("stream").asText()).isEqualTo("fraud-models-xgb-3f9a1c/algo-1-1700000000");
    assertThat(first.get("timestamp").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(first.get("message").asText()).isEqualTo("line 0 \"quoted\"");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void retriesServiceUnavailableWithBackoffAndLosesNothing() throws Exception {
    receiver.script(503, 503);
    sink(100, 5, Duration.ofSeconds(5)).accept(lines(4));

    assertThat(receiver.requests).hasSize(3);
    assertThat(receiver.eventIds()).containsExactly("ev-0", "ev-1", "ev-2", "ev-3");
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
  }

  @Test
  void aFailedChunkFailsTheBatchAndTheRetriedBatchOnlyDuplicatesByEventId() throws Exception {
    HttpLogSink sink = sink(2, 2, Duration.ofSeconds(5));
    receiver.script(200, 503, 503);
    assertThatThrownBy(() -> sink.accept(lines(5))).isInstanceOf(LogSinkException.class)
        .hasMessageContaining("lines 2-3").hasMessageContaining("after 2 attempts")
        .hasMessageContaining("HTTP 503");

    sink.accept(lines(5)); // the caller's checkpoint did not move: the same batch again
    List<String> received = receiver.acceptedEventIds();
    assertThat(new LinkedHashSet<>(received)).containsExactly("ev-0", "ev-1", "ev-2", "ev-3",
        "ev-4");
    assertThat(received).hasSize(7); // ev-0 and ev-1 twice: de-duplicable by eventId
  }

  @Test
  void honoursRetryAfterOnTooManyRequests() throws Exception {
    receiver.script(new Reply(429, Map.of("Retry-After", "7"), "slow down"));
    sink(100, 3, Duration.ofSeconds(5)).accept(lines(2));

    assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    assertThat(receiver.requests).hasSize(2);
  }

  @Test
  void aClientErrorIsARejectionForGoodAndIsNotRetried() {
    for (int status : new int[] {400, 401, 403, 404, 422}) {
      receiver.requests.clear();
      receiver.script(new Reply(status, Map.of(), "{\"error\":\"unknown field\"}"));
      assertThatThrownBy(() -> sink(100, 5, Duration.ofSeconds(5)).accept(lines(2)))
          .isInstanceOfSatisfying(LogSinkRejectedException.class,
              e -> assertThat(e.status()).isEqualTo(status))
          .hasMessageContaining("HTTP " + status)
          .satisfies(e -> assertThat(e.getMessage().contains("unknown field"))
              .as("the reply quoted, except for 401 and 403").isEqualTo(status != 401
                  && status != 403));
      assertThat(receiver.requests).hasSize(1);
    }
    assertThat(sleeps).isEmpty();
  }

  @Test
  void retriesARequestTimeout() throws Exception {
    receiver.script(408);
    sink(100, 3, Duration.ofSeconds(5)).accept(lines(2));

    assertThat(receiver.requests).extracting(Request::status).containsExactly(408, 200);
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void aChunkTooLargeIsSentAgainInHalves() throws Exception {
    receiver.script(413, 413);
    sink(100, 3, Duration.ofSeconds(5)).accept(lines(4));

    assertThat(receiver.requests).extracting(r -> r.objects().size() + ":" + r.status())
        .containsExactly("4:413", "2:413", "1:200", "1:200", "2:200");
    assertThat(receiver.acceptedEventIds()).containsExactly("ev-0", "ev-1", "ev-2", "ev-3");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aSingleShortLineTooLargeIsARejection() {
    receiver.script(413);
    assertThatThrownBy(() -> sink(100, 3, Duration.ofSeconds(5)).accept(lines(1)))
        .isInstanceOfSatisfying(LogSinkRejectedException.class,
            e -> assertThat(e.status()).isEqualTo(413));
    assertThat(receiver.requests).hasSize(1);
  }

  @Test
  void aSingleLongLineTooLargeIsCutAndSentOnceMore() throws Exception {
    ForwardedLine huge = longLine(300_000);
    receiver.script(413);
    sink(100, 3, Duration.ofSeconds(5)).accept(List.of(huge));

    assertThat(receiver.requests).hasSize(2);
    JsonNode sent = receiver.requests.get(1).objects().get(0);
    assertThat(sent.get("eventId").asText()).isEqualTo("ev-long");
    assertThat(sent.get("message").asText()).startsWith("xxxx").endsWith("[truncated]")
        .hasSize(HttpLogSink.LINE_MAX_CHARS_AFTER_413);

    receiver.requests.clear();
    receiver.script(413, 413);
    assertThatThrownBy(() -> sink(100, 3, Duration.ofSeconds(5)).accept(List.of(huge)))
        .isInstanceOfSatisfying(LogSinkRejectedException.class,
            e -> assertThat(e.status()).isEqualTo(413));
    assertThat(receiver.requests).as("cut once, not again and again").hasSize(2);
  }

  private static ForwardedLine longLine(int chars) {
    ForwardedLine line = lines(1).get(0);
    return new ForwardedLine("ev-long", line.namespace(), line.kind(), line.name(),
        line.sageMakerResource(), line.group(), line.stream(), line.timestampMillis(),
        "x".repeat(chars));
  }

  @Test
  void stopRetryingEndsAWaitForTheNextAttemptAtOnce() throws Exception {
    receiver.script(new Reply(503, Map.of("Retry-After", "60"), ""));
    HttpLogSink sink = new HttpLogSink(receiver.url("/ingest"), HEADERS, 100, 3,
        Duration.ofSeconds(5)); // waits for real
    var result = CompletableFuture.runAsync(() -> {
      try {
        sink.accept(lines(1));
      } catch (LogSinkException e) {
        throw new CompletionException(e);
      }
    });
    await().atMost(Duration.ofSeconds(5))
        .until(() -> receiver.requests.size() == 1);

    long started = System.nanoTime();
    sink.stopRetrying();
    assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(LogSinkException.class)
        .hasMessageContaining("the forwarder is closing");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(receiver.requests).hasSize(1);
  }

  @Test
  void givesUpAfterMaxAttemptsOnServerErrors() {
    receiver.script(500, 502, 500, 500);
    assertThatThrownBy(() -> sink(100, 3, Duration.ofSeconds(5)).accept(lines(1)))
        .isInstanceOf(LogSinkException.class).hasMessageContaining("after 3 attempts");
    assertThat(receiver.requests).hasSize(3);
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void aSlowReceiverTimesOutAndIsRetried() {
    receiver.script(new Reply(200, Map.of(), "", Duration.ofSeconds(3)),
        new Reply(200, Map.of(), "", Duration.ofSeconds(3)));
    long started = System.nanoTime();
    assertThatThrownBy(() -> sink(100, 2, Duration.ofMillis(300)).accept(lines(1)))
        .isInstanceOf(LogSinkException.class).hasMessageContaining("after 2 attempts")
        .hasCauseInstanceOf(HttpTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void retriesWhenTheReceiverIsDown() throws Exception {
    URI down = receiver.url("/ingest");
    receiver.stop();
    HttpLogSink sink = new HttpLogSink(down, HEADERS, 100, 3, Duration.ofSeconds(2),
        sleeps::add);
    assertThatThrownBy(() -> sink.accept(lines(1)))
        .isInstanceOf(LogSinkException.class).hasMessageContaining("after 3 attempts")
        .hasMessageContaining("ConnectException");
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void splitsABatchIntoChunksOfBatchSize() throws Exception {
    sink(3, 1, Duration.ofSeconds(5)).accept(lines(7));

    assertThat(receiver.requests).extracting(r -> r.objects().size()).containsExactly(3, 3, 1);
    assertThat(receiver.eventIds()).containsExactly(IntStream.range(0, 7)
        .mapToObj(i -> "ev-" + i).toArray(String[]::new));
  }

  @Test
  void anEmptyBatchSendsNothing() throws Exception {
    sink(3, 1, Duration.ofSeconds(5)).accept(List.of());
    assertThat(receiver.requests).isEmpty();
  }

  @Test
  void keepsHeaderValuesAndTheUrlPathOutOfMessagesAndToString() throws Exception {
    URI url = receiver.url("/hooks/T0KEN-IN-PATH?key=QUERYSECRET");
    HttpLogSink sink = new HttpLogSink(url, HEADERS, 100, 2, Duration.ofMillis(300),
        sleeps::add);
    receiver.script(new Reply(400, Map.of(), "bad credentials: " + TOKEN));
    LogSinkException rejected = catchSinkException(sink);
    receiver.script(new Reply(200, Map.of(), "", Duration.ofSeconds(3)),
        new Reply(200, Map.of(), "", Duration.ofSeconds(3)));
    LogSinkException timedOut = catchSinkException(sink);

    for (String text : List.of(describe(rejected), describe(timedOut), sink.toString(),
        sink.name())) {
      assertThat(text).doesNotContain("s3cr3t", "T0KEN-IN-PATH", "QUERYSECRET");
    }
    assertThat(rejected).hasMessageContaining("HTTP 400").hasMessageContaining("***");
    assertThat(sink.toString()).contains("Authorization");
  }

  @Test
  void anAuthenticationFailureQuotesNoneOfTheReplyHowEverTheTokenIsEchoed() {
    for (int status : new int[] {401, 403, 407}) {
      for (String echo : List.of("s3cr3t-t0ken-value", b64("s3cr3t-t0ken-value"),
          "s3cr3t%2Dt0ken%2Dvalue", "token s3cr3t-t0k", "{\"error\":\"invalid\"}")) {
        receiver.script(new Reply(status, Map.of(), "invalid: " + echo));
        LogSinkException e = catchSinkException(sink(100, 1, Duration.ofSeconds(5)));
        assertThat(describe(e)).contains("HTTP " + status).doesNotContain("invalid")
            .doesNotContain("s3cr3t");
      }
    }
  }

  @Test
  void otherErrorRepliesAreQuotedWithHeaderValuesInAnyFormAndSecretsMasked() {
    for (String echo : List.of("s3cr3t-t0ken-value", b64("s3cr3t-t0ken-value"),
        b64(TOKEN), "password=hunter2 AKIAABCDEFGHIJKLMNOP")) {
      receiver.script(new Reply(400, Map.of(), "bad request, got " + echo));
      LogSinkException e = catchSinkException(sink(100, 1, Duration.ofSeconds(5)));
      assertThat(describe(e)).contains("HTTP 400: bad request, got ", "***")
          .doesNotContain("s3cr3t", b64("s3cr3t-t0ken-value"), "hunter2", "AKIAABCDEFGH");
    }
  }

  @Test
  void readsHeadersFromASecret() {
    var secret = new SecretBuilder().withNewMetadata().withName("sink").endMetadata()
        .addToData("Authorization", b64(TOKEN)).addToData("X-Scope-OrgID", b64("fraud"))
        .build();
    assertThat(HttpLogSink.headersFromSecret(secret))
        .containsExactlyInAnyOrderEntriesOf(Map.of("Authorization", TOKEN,
            "X-Scope-OrgID", "fraud"));
  }

  @Test
  void rejectsSecretsThatWouldBreakOrSmuggleHeaders() {
    var badName = new SecretBuilder().addToData("bad header", b64("x")).build();
    assertThatThrownBy(() -> HttpLogSink.headersFromSecret(badName))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad header'");

    var newline = new SecretBuilder().addToData("Authorization", b64(TOKEN + "\n")).build();
    assertThatThrownBy(() -> HttpLogSink.headersFromSecret(newline))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CR or LF")
        .message().doesNotContain("s3cr3t");

    var injected = new SecretBuilder().addToData("X-A", b64("a\r\nX-Evil: 1")).build();
    assertThatThrownBy(() -> HttpLogSink.headersFromSecret(injected))
        .isInstanceOf(IllegalArgumentException.class);

    var notBase64 = new SecretBuilder().addToData("X-A", "%%%").build();
    assertThatThrownBy(() -> HttpLogSink.headersFromSecret(notBase64))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not base64");

    var reserved = new SecretBuilder().addToData("Host", b64("evil.example")).build();
    assertThatThrownBy(() -> HttpLogSink.headersFromSecret(reserved))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Host");
  }

  @Test
  void readsRetryAfterAsSecondsOrAnHttpDate() {
    Instant now = Instant.parse("2026-11-23T21:00:00Z");
    assertThat(HeaderRules.retryAfter("12", now)).contains(Duration.ofSeconds(12));
    assertThat(HeaderRules.retryAfter("Mon, 23 Nov 2026 21:00:30 GMT", now))
        .contains(Duration.ofSeconds(30));
    assertThat(HeaderRules.retryAfter("Mon, 23 Nov 2026 20:00:00 GMT", now))
        .contains(Duration.ZERO);
    assertThat(HeaderRules.retryAfter("soon", now)).isEmpty();
  }

  @Test
  void backoffGrowsExponentiallyWithJitterAndIsCapped() {
    for (int attempt = 1; attempt <= 12; attempt++) {
      long step = Math.min(200L << (attempt - 1), 30_000L);
      assertThat(HttpLogSink.backoff(attempt).toMillis()).isBetween(step / 2, step);
    }
  }

  private HttpLogSink sink(int batchSize, int maxAttempts, Duration timeout) {
    return new HttpLogSink(receiver.url("/ingest"), HEADERS, batchSize, maxAttempts, timeout,
        sleeps::add);
  }

  private static LogSinkException catchSinkException(HttpLogSink sink) {
    try {
      sink.accept(lines(1));
    } catch (LogSinkException e) {
      return e;
    }
    throw new AssertionError("expected the sink to fail");
  }

  /** The exception and all its causes, as a log would print them. */
  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }

  private static String b64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  static List<ForwardedLine> lines(int n) {
    return IntStream.range(0, n).mapToObj(i -> new ForwardedLine("ev-" + i, "fraud-models",
        "SecureTrainingJob", "xgb", "fraud-models-xgb-3f9a1c", "/aws/sagemaker/TrainingJobs",
        "fraud-models-xgb-3f9a1c/algo-1-1700000000", 1_700_000_000_000L + i * 1000L,
        "line " + i + " \"quoted\"")).toList();
  }

  record Reply(int status, Map<String, String> headers, String body, Duration delay) {
    Reply(int status, Map<String, String> headers, String body) {
      this(status, headers, body, Duration.ZERO);
    }
  }

  record Request(String contentType, String authorization, String body, int status) {
    List<JsonNode> objects() {
      return body.lines().map(line -> {
        try {
          return JSON.readTree(line);
        } catch (IOException e) {
          throw new AssertionError("not JSON: " + line, e);
        }
      }).toList();
    }
  }

  /** A local receiver that answers from a script (then 200) and records what it was sent. */
  static final class Receiver {
    final Deque<Reply> script = new ConcurrentLinkedDeque<>();
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    void start() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(Executors.newCachedThreadPool());
      server.createContext("/", this::handle);
      server.start();
    }

    void stop() {
      release.countDown();
      if (server != null) {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        server = null;
      }
    }

    URI url(String pathAndQuery) {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    void script(int... statuses) {
      for (int status : statuses) {
        script.add(new Reply(status, Map.of(), ""));
      }
    }

    void script(Reply... replies) {
      script.addAll(List.of(replies));
    }

    List<String> eventIds() {
      Set<String> ids = new LinkedHashSet<>();
      snapshot().forEach(r -> r.objects().forEach(o -> ids.add(o.get("eventId").asText())));
      return List.copyOf(ids);
    }

    List<String> acceptedEventIds() {
      List<String> ids = new ArrayList<>();
      snapshot().stream().filter(r -> r.status == 200)
          .forEach(r -> r.objects().forEach(o -> ids.add(o.get("eventId").asText())));
      return ids;
    }

    private List<Request> snapshot() {
      synchronized (requests) {
        return List.copyOf(requests);
      }
    }

    private void handle(HttpExchange exchange) throws IOException {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Reply reply = script.poll();
      if (reply == null) {
        reply = new Reply(200, Map.of(), "");
      }
      requests.add(new Request(exchange.getRequestHeaders().getFirst("Content-Type"),
          exchange.getRequestHeaders().getFirst("Authorization"), body, reply.status()));
      if (!reply.delay().isZero()) {
        try {
          release.await(reply.delay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
      exchange.close();
    }
  }
}
