package dev.secureml.operator.local.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes each request by its X-Amz-Target header: {@code SageMaker.*}, {@code Logs_20140328.*}
 * and {@code AnyScaleFrontendService.*} go to the JSON services. Without a target,
 * {@code POST /endpoints/<name>/invocations} is SageMaker Runtime (checked before S3, so a
 * bucket named {@code endpoints} cannot take such keys) and anything else is S3's REST API.
 */
final class HttpFront implements HttpHandler {
  static final String SAGEMAKER_PREFIX = "SageMaker.";
  static final String LOGS_PREFIX = "Logs_20140328.";
  static final String AUTOSCALING_PREFIX = "AnyScaleFrontendService.";
  private static final Pattern INVOCATIONS = Pattern.compile("/endpoints/([^/]+)/invocations");

  private final JsonRpcEndpoint sageMaker;
  private final JsonRpcEndpoint logs;
  private final JsonRpcEndpoint autoScaling;
  private final RuntimeService runtime;
  private final S3Service s3;
  private final Journal journal;
  private final Clock clock;

  HttpFront(JsonRpcEndpoint sageMaker, JsonRpcEndpoint logs, JsonRpcEndpoint autoScaling,
      RuntimeService runtime, S3Service s3, Journal journal, Clock clock) {
    this.sageMaker = sageMaker;
    this.logs = logs;
    this.autoScaling = autoScaling;
    this.runtime = runtime;
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
      } else if (target != null && target.startsWith(AUTOSCALING_PREFIX)) {
        reply = autoScaling.handle(target.substring(AUTOSCALING_PREFIX.length()), body,
            requestId);
      } else if (target != null) {
        reply = AwsErrorResponse.json(new AwsServiceException("UnknownOperationException",
            "The emulator serves SageMaker, CloudWatch Logs and S3 only, not " + target),
            requestId);
      } else if (exchange.getRequestMethod().equals("POST")
          && INVOCATIONS.matcher(exchange.getRequestURI().getRawPath()).matches()) {
        Matcher m = INVOCATIONS.matcher(exchange.getRequestURI().getRawPath());
        m.matches();
        reply = handleInvoke(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8),
            exchange.getRequestHeaders().getFirst("Content-Type"), body, requestId);
      } else {
        reply = handleS3(S3Request.from(exchange.getRequestMethod(), exchange.getRequestURI(),
            exchange.getRequestHeaders(), body), requestId);
      }
      write(exchange, reply);
    }
  }

  /** SageMaker Runtime is REST-JSON: errors carry their code in x-amzn-ErrorType too. */
  private HttpReply handleInvoke(String endpoint, String contentType, byte[] body,
      String requestId) {
    HttpReply reply;
    String errorCode = null;
    try {
      reply = runtime.invoke(endpoint, contentType, body);
    } catch (AwsServiceException e) {
      errorCode = e.code();
      reply = AwsErrorResponse.json(e, requestId).withHeader("x-amzn-ErrorType", e.code());
    } catch (RuntimeException e) {
      errorCode = "InternalFailure";
      reply = AwsErrorResponse.json(new AwsServiceException(errorCode, "Emulator error: " + e,
          500), requestId).withHeader("x-amzn-ErrorType", errorCode);
    }
    reply.withHeader("x-amzn-RequestId", requestId);
    journal.record(new JournalEntry(clock.instant(), "SageMakerRuntime", "InvokeEndpoint", null,
        reply.status(), errorCode));
    return reply;
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
