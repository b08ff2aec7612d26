package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Models and endpoint configurations: create, describe, delete, list. Deleting one that an
 * endpoint uses is allowed, as in SageMaker: the endpoint keeps serving what it deployed.
 * Endpoint operations go on to {@link EndpointService}.
 */
final class HostingService implements JsonRpcService {
  private final HostingTables tables;
  private final EndpointService endpoints;
  private final EmulatedClock clock;
  private final AtomicLong sequence;

  HostingService(HostingTables tables, EndpointService endpoints, EmulatedClock clock,
      AtomicLong sequence) {
    this.tables = tables;
    this.endpoints = endpoints;
    this.clock = clock;
    this.sequence = sequence;
  }

  @Override
  public JsonNode invoke(String operation, JsonNode request) {
    return switch (operation) {
      case "CreateModel" -> {
        HostingValidator.validateCreateModel(request);
        yield Json.object().put("ModelArn", create(tables.models(), request).arn());
      }
      case "DescribeModel" -> describe(tables.models(), request, "ModelArn");
      case "DeleteModel" -> delete(tables.models(), request);
      case "ListModels" -> tables.models().list(request, "Models", m -> true,
          m -> m.summary("ModelName", "ModelArn"));
      case "CreateEndpointConfig" -> createConfig(request);
      case "DescribeEndpointConfig" -> describe(tables.configs(), request, "EndpointConfigArn");
      case "DeleteEndpointConfig" -> delete(tables.configs(), request);
      case "ListEndpointConfigs" -> tables.configs().list(request, "EndpointConfigs", c -> true,
          c -> c.summary("EndpointConfigName", "EndpointConfigArn"));
      default -> endpoints.invoke(operation, request);
    };
  }

  private JsonNode createConfig(JsonNode request) {
    HostingValidator.validateCreateEndpointConfig(request);
    for (JsonNode variant : request.path("ProductionVariants")) {
      String model = variant.path("ModelName").asText();
      try {
        tables.models().find(model);
      } catch (AwsServiceException e) {
        throw tables.models().notFound(tables.models().arn(model));
      }
    }
    return Json.object().put("EndpointConfigArn", create(tables.configs(), request).arn());
  }

  private HostedResource create(ResourceTable<HostedResource> table, JsonNode request) {
    String name = Json.text(request, table.nameField());
    HostedResource resource = new HostedResource(name, table.arn(name),
        (ObjectNode) request.deepCopy(), clock.now(), sequence.incrementAndGet());
    table.add(resource);
    return resource;
  }

  private static JsonNode describe(ResourceTable<HostedResource> table, JsonNode request,
      String arnField) {
    return table.find(request).describe(arnField);
  }

  private static JsonNode delete(ResourceTable<HostedResource> table, JsonNode request) {
    table.remove(table.find(request));
    return Json.object();
  }
}
