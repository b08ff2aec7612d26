package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Endpoints: CreateEndpoint, DescribeEndpoint, UpdateEndpoint,
 * UpdateEndpointWeightsAndCapacities, DeleteEndpoint, ListEndpoints. Transitions are timed by
 * {@link EndpointLifecycle}; every read brings the endpoint up to the present first.
 */
final class EndpointService implements JsonRpcService {
  private final HostingTables tables;
  private final EndpointLifecycle lifecycle;
  private final EmulatedClock clock;
  private final AtomicLong sequence;
  private volatile Consumer<String> deleted = name -> { };

  EndpointService(HostingTables tables, EndpointLifecycle lifecycle, EmulatedClock clock,
      AtomicLong sequence) {
    this.tables = tables;
    this.lifecycle = lifecycle;
    this.clock = clock;
    this.sequence = sequence;
  }

  /** Tells {@code listener} the name of every endpoint whose deletion has finished. */
  void whenDeleted(Consumer<String> listener) {
    deleted = listener;
  }

  @Override
  public JsonNode invoke(String operation, JsonNode request) {
    return switch (operation) {
      case "CreateEndpoint" -> create(request);
      case "DescribeEndpoint" -> EndpointView.describe(find(request));
      case "UpdateEndpoint" -> {
        Endpoint endpoint = find(request);
        lifecycle.update(endpoint, deployment(endpoint.name(),
            Json.text(request, "EndpointConfigName")));
        yield arn(endpoint);
      }
      case "UpdateEndpointWeightsAndCapacities" -> updateWeights(request);
      case "DeleteEndpoint" -> {
        lifecycle.delete(find(request));
        yield Json.object();
      }
      case "ListEndpoints" -> list(request);
      default -> throw JsonRpcService.unknownOperation(operation);
    };
  }

  /** The endpoint by name, brought up to the present; a finished deletion is "not found". */
  Endpoint find(JsonNode request) {
    return current(tables.endpoints().find(request));
  }

  Endpoint findByName(String name) {
    return current(tables.endpoints().find(name));
  }

  private Endpoint current(Endpoint endpoint) {
    if (lifecycle.catchUp(endpoint)) {
      forget(endpoint);
      throw tables.endpoints().notFound(endpoint.name());
    }
    return endpoint;
  }

  private JsonNode create(JsonNode request) {
    String name = Json.text(request, "EndpointName");
    Endpoint.Deployment target = deployment(name, Json.text(request, "EndpointConfigName"));
    Endpoint endpoint = new Endpoint(name, tables.endpoints().arn(name),
        (ObjectNode) request.deepCopy(), clock.now(), sequence.incrementAndGet());
    // An endpoint whose deletion has finished must not block its name.
    Endpoint existing = tables.endpoints().byArn(endpoint.arn());
    if (existing != null && lifecycle.catchUp(existing)) {
      forget(existing);
    }
    tables.endpoints().add(endpoint);
    lifecycle.create(endpoint, target);
    return arn(endpoint);
  }

  /** What a configuration deploys: each variant with its model's images and instance ids. */
  private Endpoint.Deployment deployment(String endpoint, String configName) {
    HostedResource config = tables.configs().find(configName);
    List<EndpointVariant> variants = new ArrayList<>();
    for (JsonNode v : config.request().path("ProductionVariants")) {
      String modelName = v.path("ModelName").asText();
      HostedResource model;
      try {
        model = tables.models().find(modelName);
      } catch (AwsServiceException e) {
        throw tables.models().notFound(tables.models().arn(modelName));
      }
      String variant = v.path("VariantName").asText();
      int count = v.path("InitialInstanceCount").asInt(1);
      double weight = v.path("InitialVariantWeight").asDouble(1.0);
      variants.add(new EndpointVariant(variant, modelName, Json.text(v, "InstanceType"), count,
          count, weight, weight, HostingTables.images(model),
          EndpointLifecycle.instanceIds(endpoint, config.name(), variant, 0, count)));
    }
    return new Endpoint.Deployment(config, variants);
  }

  private JsonNode updateWeights(JsonNode request) {
    Endpoint endpoint = find(request);
    JsonNode desired = request.get("DesiredWeightsAndCapacities");
    Map<String, double[]> wanted = new LinkedHashMap<>();
    for (JsonNode d : desired) {
      wanted.put(d.path("VariantName").asText(), new double[] {
          d.path("DesiredWeight").asDouble(Double.NaN),
          d.path("DesiredInstanceCount").asDouble(Double.NaN)});
    }
    lifecycle.updateWeights(endpoint, wanted);
    return arn(endpoint);
  }

  /**
   * Brings every endpoint up to the present (its containers' periodic logs included) and
   * forgets those whose deletion has finished. Runs on a timer, so logs flow unread.
   */
  void catchUpAll() {
    for (Endpoint endpoint : tables.endpoints().all()) {
      if (lifecycle.catchUp(endpoint)) {
        forget(endpoint);
      }
    }
  }

  /** Called outside the endpoint's lock: the listener takes its own. */
  private void forget(Endpoint endpoint) {
    if (tables.endpoints().remove(endpoint)) {
      deleted.accept(endpoint.name());
    }
  }

  private JsonNode list(JsonNode request) {
    String status = Json.text(request, "StatusEquals");
    catchUpAll();
    return tables.endpoints().list(request, "Endpoints",
        e -> status == null || status.equals(e.status()), EndpointView::summary);
  }

  private static ObjectNode arn(Endpoint endpoint) {
    return Json.object().put("EndpointArn", endpoint.arn());
  }
}
