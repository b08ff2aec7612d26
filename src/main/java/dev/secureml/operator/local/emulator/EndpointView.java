package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Renders an endpoint as DescribeEndpoint and ListEndpoints show it. */
final class EndpointView {
  private EndpointView() {}

  /** Caller has brought the endpoint up to date; reads under its lock. */
  static ObjectNode describe(Endpoint endpoint) {
    synchronized (endpoint) {
      ObjectNode out = Json.object();
      out.put("EndpointName", endpoint.name());
      out.put("EndpointArn", endpoint.arn());
      Endpoint.Deployment serving = endpoint.serving();
      Endpoint.Change change = endpoint.change();
      Endpoint.Deployment shown = serving != null ? serving
          : change != null ? change.target() : null;
      out.put("EndpointConfigName", shown != null ? shown.config().name()
          : endpoint.request().path("EndpointConfigName").asText());
      if (serving != null) {
        // While weights and capacities change, the variants show the desired values.
        boolean resizing = change != null && change.target() != null
            && change.target().config() == serving.config();
        out.set("ProductionVariants", variants(resizing ? change.target() : serving,
            endpoint.lastModified().getEpochSecond()));
      }
      if (shown != null && shown.dataCapture() != null) {
        out.set("DataCaptureConfig", dataCapture(shown.dataCapture()));
      }
      out.put("EndpointStatus", endpoint.status());
      if (endpoint.failureReason() != null) {
        out.put("FailureReason", endpoint.failureReason());
      }
      out.put("CreationTime", Json.epochSeconds(endpoint.creationTime()));
      out.put("LastModifiedTime", Json.epochSeconds(endpoint.lastModified()));
      if (change != null && serving != null && change.target() != null
          && change.target().config() != serving.config()) {
        ObjectNode pending = out.putObject("PendingDeploymentSummary");
        pending.put("EndpointConfigName", change.target().config().name());
        pending.put("StartTime", Json.epochSeconds(change.start()));
      }
      return out;
    }
  }

  static ObjectNode summary(Endpoint endpoint) {
    synchronized (endpoint) {
      ObjectNode out = Json.object();
      out.put("EndpointName", endpoint.name());
      out.put("EndpointArn", endpoint.arn());
      out.put("CreationTime", Json.epochSeconds(endpoint.creationTime()));
      out.put("LastModifiedTime", Json.epochSeconds(endpoint.lastModified()));
      out.put("EndpointStatus", endpoint.status());
      return out;
    }
  }

  private static ArrayNode variants(Endpoint.Deployment deployment, long resolvedAt) {
    ArrayNode out = Json.array();
    for (EndpointVariant v : deployment.variants()) {
      ObjectNode variant = out.addObject();
      variant.put("VariantName", v.name());
      ArrayNode images = variant.putArray("DeployedImages");
      for (String image : v.images()) {
        images.addObject().put("SpecifiedImage", image)
            .put("ResolvedImage", resolved(image))
            .put("ResolutionTime", resolvedAt);
      }
      variant.put("CurrentWeight", v.currentWeight());
      variant.put("DesiredWeight", v.desiredWeight());
      variant.put("CurrentInstanceCount", v.currentInstanceCount());
      variant.put("DesiredInstanceCount", v.desiredInstanceCount());
    }
    return out;
  }

  private static ObjectNode dataCapture(JsonNode config) {
    ObjectNode out = Json.object();
    out.put("EnableCapture", config.path("EnableCapture").asBoolean(true));
    out.put("CaptureStatus", config.path("EnableCapture").asBoolean(true) ? "Started"
        : "Stopped");
    out.put("CurrentSamplingPercentage", config.path("InitialSamplingPercentage").asInt());
    out.put("DestinationS3Uri", config.path("DestinationS3Uri").asText());
    if (Json.text(config, "KmsKeyId") != null) {
      out.put("KmsKeyId", Json.text(config, "KmsKeyId"));
    }
    return out;
  }

  /** The image pinned to a digest, as SageMaker resolves tags at deployment. */
  private static String resolved(String image) {
    String repository = image.contains("@") ? image.substring(0, image.indexOf('@'))
        : image.lastIndexOf(':') > image.lastIndexOf('/')
            ? image.substring(0, image.lastIndexOf(':')) : image;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(image.getBytes(StandardCharsets.UTF_8));
      return repository + "@sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
