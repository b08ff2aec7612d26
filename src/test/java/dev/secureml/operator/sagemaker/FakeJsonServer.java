package dev.secureml.operator.sagemaker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * A canned AWS JSON 1.1 endpoint on 127.0.0.1: answers {@code X-Amz-Target: <prefix>.<Op>}
 * with scripted replies, and records what it was sent. An operation's last scripted reply
 * repeats, so "always throttled" is one line.
 */
final class FakeJsonServer implements AutoCloseable {
  record Request(String operation, String contentType, String body, String target) {}

  private record Reply(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger requestIds = new AtomicInteger();

  FakeJsonServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Clients for this server in us-east-1 with the standard strategy's retry decisions but
   * without its backoff delays, so retry paths run in milliseconds.
   */
  AwsClientFactory clients(int maxAttempts) {
    AwsSettings settings = new AwsSettings("us-east-1", endpoint(), maxAttempts, 100, 100);
    return new AwsClientFactory(settings, s -> ((StandardRetryStrategy) s).toBuilder()
        .backoffStrategy(BackoffStrategy.retryImmediately())
        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
        .build());
  }

  /** The request body of the {@code index}-th call of {@code operation}, as JSON. */
  JsonNode body(String operation, int index) {
    try {
      return Golden.JSON.readTree(requests(operation).get(index).body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  FakeJsonServer reply(String operation, int status, String body) {
    scripts.computeIfAbsent(operation, op -> new ArrayDeque<>()).add(new Reply(status, body));
    return this;
  }

  FakeJsonServer error(String operation, int status, String code, String message) {
    return reply(operation, status,
        "{\"__type\":\"" + code + "\",\"message\":\"" + message.replace("\"", "\\\"") + "\"}");
  }

  List<Request> requests(String operation) {
    synchronized (requests) {
      return requests.stream().filter(r -> r.operation().equals(operation)).toList();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(new Request(operation,
        exchange.getRequestHeaders().getFirst("Content-Type"), body, target));

    Reply reply = next(operation);
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().add("x-amzn-RequestId", "req-" + requestIds.incrementAndGet());
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private Reply next(String operation) {
    Deque<Reply> script = scripts.get(operation);
    if (script == null || script.isEmpty()) {
      return new Reply(400, "{\"__type\":\"UnknownOperationException\",\"message\":\"no reply "
          + "scripted for " + operation + "\"}");
    }
    synchronized (script) {
      return script.size() > 1 ? script.poll() : script.peek();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
