package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * SageMaker Runtime's InvokeEndpoint ({@code POST /endpoints/<name>/invocations}): a stand-in
 * model that answers a deterministic score in (0, 1) for each row, served by a variant drawn by
 * weight, with data capture and container logs as the endpoint's configuration asks.
 *
 * <p>An endpoint serves while it has a live deployment: InService, and also Updating and
 * RollingBack (SageMaker keeps the old fleet serving during an update). Creating, Failed,
 * Deleting and unknown endpoints answer ValidationError "Endpoint ... not found.".
 */
final class RuntimeService {
  private static final List<String> SERVING = List.of(Endpoint.IN_SERVICE, Endpoint.UPDATING,
      Endpoint.ROLLING_BACK, Endpoint.SYSTEM_UPDATING);

  private final EndpointService endpoints;
  private final DataCaptureWriter capture;
  private final EndpointLogWriter logs;
  private final EmulatedClock clock;
  private final String accountId;
  private final Random random;

  RuntimeService(EndpointService endpoints, DataCaptureWriter capture, EndpointLogWriter logs,
      EmulatedClock clock, String accountId, long seed) {
    this.endpoints = endpoints;
    this.capture = capture;
    this.logs = logs;
    this.clock = clock;
    this.accountId = accountId;
    this.random = new Random(seed);
  }

  HttpReply invoke(String endpointName, String contentType, byte[] body) {
    Endpoint.Deployment deployment;
    Endpoint endpoint;
    try {
      endpoint = endpoints.findByName(endpointName);
    } catch (AwsServiceException e) {
      throw notFound(endpointName);
    }
    synchronized (endpoint) {
      deployment = endpoint.serving();
      if (deployment == null || !SERVING.contains(endpoint.status())) {
        throw notFound(endpointName);
      }
    }
    double pick;
    double draw;
    synchronized (random) {
      pick = random.nextDouble();
      draw = random.nextDouble() * 100;
    }
    EndpointVariant variant = pickByWeight(deployment.variants(), pick);
    String type = contentType == null ? "application/octet-stream" : contentType;
    boolean json = type.toLowerCase(Locale.ROOT).contains("json");
    String outputType = json ? "application/json" : "text/csv; charset=utf-8";
    byte[] output = (json ? scoreJson(body) : scoreCsv(body)).getBytes(StandardCharsets.UTF_8);
    Instant now = clock.now();
    capture.capture(deployment.dataCapture(), endpoint.name(), variant.name(), type, body,
        outputType, output, now, draw);
    logs.invoked(endpoint, variant, endpoint.invoked(variant.name()), now);
    return HttpReply.of(200, outputType, output)
        .withHeader("x-Amzn-Invoked-Production-Variant", variant.name());
  }

  /** A score in (0, 1) that depends only on the row's text (trimmed). */
  static double score(String row) {
    long h = 0xcbf29ce484222325L;
    for (byte b : row.trim().getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    double unit = (h >>> 11) / (double) (1L << 53);
    return Math.min(0.9999, Math.max(0.0001, unit));
  }

  private static String scoreCsv(byte[] body) {
    List<String> scores = new ArrayList<>();
    for (String line : new String(body, StandardCharsets.UTF_8).split("\\r?\\n")) {
      if (!line.isBlank()) {
        scores.add(String.format(Locale.ROOT, "%.4f", score(line)));
      }
    }
    return String.join("\n", scores);
  }

  /** {"instances": [...]} gets one prediction per instance; any other body gets one. */
  private static String scoreJson(byte[] body) {
    ObjectNode out = Json.object();
    ArrayNode predictions = out.putArray("predictions");
    JsonNode request;
    try {
      request = Json.MAPPER.readTree(body);
    } catch (java.io.IOException e) {
      request = null;
    }
    if (request != null && request.path("instances").isArray()) {
      request.path("instances").forEach(i -> predictions.addObject()
          .put("score", round(score(i.toString()))));
    } else {
      predictions.addObject().put("score",
          round(score(new String(body, StandardCharsets.UTF_8))));
    }
    return Json.write(out);
  }

  private static double round(double score) {
    return Math.round(score * 10_000) / 10_000.0;
  }

  private static EndpointVariant pickByWeight(List<EndpointVariant> variants, double pick) {
    double total = variants.stream().mapToDouble(EndpointVariant::currentWeight).sum();
    if (total <= 0) {
      return variants.get(0);
    }
    double at = pick * total;
    for (EndpointVariant v : variants) {
      at -= v.currentWeight();
      if (at < 0) {
        return v;
      }
    }
    return variants.get(variants.size() - 1);
  }

  private AwsServiceException notFound(String name) {
    return new AwsServiceException("ValidationError", "Endpoint " + name + " of account "
        + accountId + " not found.");
  }
}
