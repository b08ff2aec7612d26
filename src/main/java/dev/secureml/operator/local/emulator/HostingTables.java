package dev.secureml.operator.local.emulator;

import java.util.ArrayList;
import java.util.List;

/** The hosting resources of one emulated account and region, shared by the services. */
record HostingTables(
    ResourceTable<HostedResource> models,
    ResourceTable<HostedResource> configs,
    ResourceTable<Endpoint> endpoints) {

  static HostingTables create(String region, String accountId) {
    return new HostingTables(
        new ResourceTable<>(region, accountId, "model", "model", "ModelName"),
        new ResourceTable<>(region, accountId, "endpoint-config", "endpoint configuration",
            "EndpointConfigName"),
        new ResourceTable<>(region, accountId, "endpoint", "endpoint", "EndpointName"));
  }

  /** The model, configuration or endpoint with this ARN, or null. */
  Taggable byArn(String arn) {
    Taggable found = models.byArn(arn);
    if (found == null) {
      found = configs.byArn(arn);
    }
    return found != null ? found : endpoints.byArn(arn);
  }

  /** Images a model runs: its primary container's, or each of its containers'. */
  static List<String> images(HostedResource model) {
    List<String> images = new ArrayList<>();
    String primary = Json.text(model.request().path("PrimaryContainer"), "Image");
    if (primary != null) {
      images.add(primary);
    }
    model.request().path("Containers").forEach(c -> {
      if (Json.text(c, "Image") != null) {
        images.add(Json.text(c, "Image"));
      }
    });
    return images;
  }
}
