package dev.secureml.operator.logs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sends forwarded lines to an HTTP endpoint as newline-delimited JSON, one POST per chunk of at
 * most {@code batchSize} lines. Connection errors, timeouts, 408, 429 and 5xx are retried with
 * exponential backoff and jitter (a Retry-After header wins). A chunk answered with 413 is sent
 * again in halves; a single line still too large is sent once more with its message cut to
 * {@value #LINE_MAX_CHARS_AFTER_413} characters and a marker. A line refused even then, and any
 * other status, is a {@link LogSinkRejectedException} at once: retrying soon would not help.
 * A chunk can reach the receiver more than once (a retry after a lost reply, or the caller
 * offering the whole batch again after a later chunk failed): receivers de-duplicate by eventId.
 *
 * <p>Header values are credentials. They are never logged and never appear in
 * {@link #toString}, {@link #name} or exception messages; neither does the URL's path or query,
 * which for webhooks often carries a token. An error reply's body is quoted only for statuses
 * other than 401, 403 and 407 (which may echo a credential in any form), with header values
 * and anything the default {@link LogRedactor} finds masked.
 */
public final class HttpLogSink implements LogSink {
  static final String CONTENT_TYPE = "application/x-ndjson";
  static final Duration BASE_BACKOFF = Duration.ofMillis(200);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  /** A longer Retry-After would park the forwarder; past this the attempt just fails later. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
  private static final int MAX_BODY_IN_MESSAGE = 200;
  static final int LINE_MAX_CHARS_AFTER_413 = 8_000;
  static final String TRUNCATED = "\u2026 [truncated]";
  private static final LogRedactor REDACTOR = LogRedactor.defaults();

  /** Waits between attempts; tests replace it to run retries without waiting. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final URI url;
  private final Map<String, String> headers;
  private final int batchSize;
  private final int maxAttempts;
  private final Duration timeout;
  private final Sleeper sleeper;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final HttpClient client;
  private final String name;

  /**
   * @param headers sent with every request, e.g. Authorization; secrets
   * @param batchSize most lines per POST
   * @param maxAttempts tries per chunk, the first included
   * @param timeout bounds connecting and each request until the response headers arrive
   */
  public HttpLogSink(URI url, Map<String, String> headers, int batchSize, int maxAttempts,
      Duration timeout) {
    this(url, headers, batchSize, maxAttempts, timeout, null);
  }

  /** @param sleeper waits between attempts; null: really wait, cut short by stopRetrying */
  HttpLogSink(URI url, Map<String, String> headers, int batchSize, int maxAttempts,
      Duration timeout, Sleeper sleeper) {
    if (url == null || url.getHost() == null
        || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
      throw new IllegalArgumentException("the HTTP log sink needs an http:// or https:// URL "
          + "with a host");
    }
    if (batchSize < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("batchSize and maxAttempts must be at least 1, got "
          + batchSize + " and " + maxAttempts);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    this.url = url;
    this.headers = checkedHeaders(headers);
    this.batchSize = batchSize;
    this.maxAttempts = maxAttempts;
    this.timeout = timeout;
    this.sleeper = sleeper;
    this.client = HttpClient.newBuilder()
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.name = "http:" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  /**
   * Headers from a Secret: each data key is a header name, its decoded value the header value.
   * stringData (as written in a manifest, before the API server folds it into data) counts too.
   *
   * @throws IllegalArgumentException naming the key (never the value) when a name is not an
   *     HTTP token or a value contains CR or LF
   */
  public static Map<String, String> headersFromSecret(
      io.fabric8.kubernetes.api.model.Secret secret) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((key, encoded) -> headers.put(key, decode(key, encoded)));
    }
    if (secret.getStringData() != null) {
      headers.putAll(secret.getStringData());
    }
    return checkedHeaders(headers);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void accept(List<ForwardedLine> batch) throws LogSinkException {
    for (int from = 0; from < batch.size(); from += batchSize) {
      List<ForwardedLine> chunk = batch.subList(from, Math.min(batch.size(), from + batchSize));
      send(chunk, from);
    }
  }

  @Override
  public void stopRetrying() {
    stopped.countDown();
  }

  /** Sends a chunk; one the receiver finds too large goes again as two halves, down to a line. */
  private void send(List<ForwardedLine> chunk, int offset) throws LogSinkException {
    Answer answer = post(chunk, offset);
    if (answer.status() == 413 && chunk.size() > 1) {
      int half = chunk.size() / 2;
      send(chunk.subList(0, half), offset);
      send(chunk.subList(half, chunk.size()), offset + half);
      return;
    }
    if (answer.status() == 413 && chunk.get(0).message() != null
        && chunk.get(0).message().length() > LINE_MAX_CHARS_AFTER_413) {
      answer = post(List.of(cut(chunk.get(0))), offset); // once; its eventId stays the same
    }
    if (answer.failure() != null) {
      throw new LogSinkRejectedException(name + " rejected lines " + offset + "-"
          + (offset + chunk.size() - 1) + ": " + answer.failure(), answer.status());
    }
  }

  /** The line with its message cut to {@link #LINE_MAX_CHARS_AFTER_413} and a marker. */
  static ForwardedLine cut(ForwardedLine line) {
    int end = LINE_MAX_CHARS_AFTER_413 - TRUNCATED.length();
    if (Character.isHighSurrogate(line.message().charAt(end - 1))) {
      end--;
    }
    return new ForwardedLine(line.eventId(), line.namespace(), line.kind(), line.name(),
        line.sageMakerResource(), line.group(), line.stream(), line.timestampMillis(),
        line.message().substring(0, end) + TRUNCATED);
  }

  /** A 2xx (failure null), or a status no retry fixes; retryable failures are retried here. */
  private record Answer(int status, String failure) {}

  private Answer post(List<ForwardedLine> chunk, int offset) throws LogSinkException {
    HttpRequest request = request(ndjson(chunk));
    String failure = null;
    Exception cause = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      if (stopped.getCount() == 0) {
        throw new LogSinkException(name + " gave up on lines " + offset + "-"
            + (offset + chunk.size() - 1) + ": the forwarder is closing"
            + (failure == null ? "" : "; last answer: " + failure), cause);
      }
      Optional<Duration> retryAfter = Optional.empty();
      try {
        HttpResponse<String> response = client.send(request,
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return new Answer(status, null);
        }
        failure = "HTTP " + status + bodyExcerpt(status, response.body());
        cause = null;
        if (!retryable(status)) {
          return new Answer(status, failure);
        }
        retryAfter = response.headers().firstValue("Retry-After")
            .flatMap(v -> HeaderRules.retryAfter(v, Instant.now()));
      } catch (IOException e) {
        // Connection refused or reset, connect or request timeout: the receiver may be back soon.
        failure = e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        cause = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LogSinkException(name + ": interrupted while sending", e);
      }
      if (attempt < maxAttempts) {
        pause(retryAfter.isPresent() ? min(retryAfter.get(), MAX_RETRY_AFTER) : backoff(attempt));
      }
    }
    throw new LogSinkException(name + " did not accept lines " + offset + "-"
        + (offset + chunk.size() - 1) + " after " + maxAttempts + " attempts: " + failure, cause);
  }

  /**
   * Overload (429), unavailability (5xx) and a request timeout (408) pass; other statuses
   * (400, 401, 403, 404, 422, an unfollowed redirect, ...) need the receiver or its
   * configuration changed, and 413 a smaller request.
   */
  static boolean retryable(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  private void pause(Duration delay) throws LogSinkException {
    try {
      if (sleeper == null) {
        stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS);
      } else {
        sleeper.sleep(delay);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LogSinkException(name + ": interrupted while waiting to retry", e);
    }
  }

  /** Exponential with "equal jitter": half the step fixed, half random, so retries spread. */
  static Duration backoff(int failedAttempts) {
    long step = BASE_BACKOFF.toMillis() << Math.min(failedAttempts - 1, 20);
    step = Math.min(step, MAX_BACKOFF.toMillis());
    long half = step / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  private HttpRequest request(String body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Content-Type", CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(builder::header);
    return builder.build();
  }

  static String ndjson(List<ForwardedLine> lines) {
    return JsonLines.ndjson(lines);
  }


  /**
   * A short excerpt of an error reply: none for an authentication or authorization failure,
   * which may echo a credential in a form no masking recognises; otherwise with every header
   * value (whole, without its scheme word, URL- or base64-encoded) and whatever the default
   * redaction patterns find masked.
   */
  private String bodyExcerpt(int status, String body) {
    if (body == null || body.isBlank() || status == 401 || status == 403 || status == 407) {
      return "";
    }
    String text = body.strip();
    for (String secret : secretForms()) {
      text = text.replace(secret, LogRedactor.MASK);
    }
    text = REDACTOR.redact(text).replaceAll("\\s+", " ");
    if (text.length() > MAX_BODY_IN_MESSAGE) {
      text = text.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }
    return ": " + text;
  }

  /** Each header value as a receiver might echo it, longest first; very short parts are left. */
  private List<String> secretForms() {
    java.util.Set<String> forms = new java.util.HashSet<>();
    for (String value : headers.values()) {
      String[] words = value.strip().split("\\s+");
      for (String form : List.of(value.strip(), words[words.length - 1])) {
        if (form.length() >= 4) {
          forms.add(form);
          forms.add(java.net.URLEncoder.encode(form, StandardCharsets.UTF_8));
          forms.add(java.util.Base64.getEncoder().encodeToString(
              form.getBytes(StandardCharsets.UTF_8)));
        }
      }
    }
    return forms.stream().sorted(java.util.Comparator.comparingInt(String::length).reversed())
        .toList();
  }

  private static Map<String, String> checkedHeaders(Map<String, String> headers) {
    Map<String, String> checked = new LinkedHashMap<>();
    if (headers == null) {
      return checked;
    }
    headers.forEach((key, value) -> {
      if (key == null || !HeaderRules.isToken(key)) {
        throw new IllegalArgumentException("'" + key + "' is not a valid HTTP header name");
      }
      if (HeaderRules.isReserved(key)) {
        throw new IllegalArgumentException("header " + key + " is set by the sink itself and "
            + "cannot be configured");
      }
      if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("the value of header " + key + " is missing or "
            + "contains CR or LF (a trailing newline from echo?)");
      }
      checked.put(key, value);
    });
    return Map.copyOf(checked);
  }

  private static String decode(String key, String encoded) {
    try {
      return new String(java.util.Base64.getDecoder().decode(encoded == null ? "" : encoded),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the value of header " + key + " is not base64");
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public String toString() {
    return "HttpLogSink[" + name + ", batchSize=" + batchSize + ", maxAttempts=" + maxAttempts
        + ", headers=" + headers.keySet() + "]";
  }
}
