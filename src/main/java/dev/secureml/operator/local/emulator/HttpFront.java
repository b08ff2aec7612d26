package dev.secureml.operator.local.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Routes each request by its X-Amz-Target header: {@code SageMaker.*} and
 * {@code Logs_20140328.*} go to the JSON services, anything without a target is S3's REST API.
 */
final class HttpFront implements HttpHandler {
  static final String SAGEMAKER_PREFIX = "SageMaker.";
  static final String LOGS_PREFIX = "Logs_20140328.";

  private final JsonRpcEndpoint sageMaker;
  private final JsonRpcEndpoint logs;
  private final S3Service s3;
  private final Journal journal;
  private final Clock clock;

  HttpFront(JsonRpcEndpoint sageMaker, JsonRpcEndpoint logs, S3Service s3, Journal journal,
      Clock clock) {
    this.sageMaker = sageMaker;
    this.logs = logs;
    this.s3 = s3;
    this.journal = journal;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String requestId = UUID.randomUUID().toString();
      byte[] body = exchange.getRequestBody().readAllBytes();
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      HttpReply reply;
      if (target != null && target.startsWith(SAGEMAKER_PREFIX)) {
        reply = sageMaker.handle(target.substring(SAGEMAKER_PREFIX.length()), body, requestId);
      } else if (target != null && target.startsWith(LOGS_PREFIX)) {
        reply = logs.handle(target.substring(LOGS_PREFIX.length()), body, requestId);
      } else if (target != null) {
        reply = AwsErrorResponse.json(new AwsServiceException("UnknownOperationException",
            "The emulator serves SageMaker, CloudWatch Logs and S3 only, not " + target),
            requestId);
      } else {
        reply = handleS3(S3Request.from(exchange.getRequestMethod(), exchange.getRequestURI(),
            exchange.getRequestHeaders(), body), requestId);
      }
      write(exchange, reply);
    }
  }

  private HttpReply handleS3(S3Request request, String requestId) {
    boolean head = request.method().equals("HEAD");
    HttpReply reply;
    String errorCode = null;
    try {
      reply = s3.handle(request);
    } catch (AwsServiceException e) {
      errorCode = e.code();
      reply = AwsErrorResponse.s3(e, requestId, head);
    } catch (RuntimeException e) {
      AwsServiceException failure = new AwsServiceException("InternalError",
          "Emulator error: " + e, 500);
      errorCode = failure.code();
      reply = AwsErrorResponse.s3(failure, requestId, head);
    }
    reply.withHeader("x-amz-request-id", requestId);
    journal.record(new JournalEntry(clock.instant(), "S3", request.operation(), null,
        reply.status(), errorCode));
    return reply;
  }

  private static void write(HttpExchange exchange, HttpReply reply) throws IOException {
    for (Map.Entry<String, String> header : reply.headers().entrySet()) {
      exchange.getResponseHeaders().set(header.getKey(), header.getValue());
    }
    boolean noBody = exchange.getRequestMethod().equalsIgnoreCase("HEAD")
        || reply.body().length == 0;
    // -1 means "no body" to HttpServer; 0 would switch to chunked transfer encoding.
    exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply.body());
      }
    }
  }
}
