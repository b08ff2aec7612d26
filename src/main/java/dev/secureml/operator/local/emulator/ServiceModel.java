package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An AWS service's request shapes, from the trimmed copy of botocore's model shipped under
 * {@code aws-models/} (see the NOTICE there): what each operation's input must look like.
 */
final class ServiceModel {
  /** Models are immutable and costly to parse; every emulator in the JVM shares them. */
  private static final Map<String, ServiceModel> LOADED = new ConcurrentHashMap<>();

  private final String name;
  private final Map<String, String> inputs;
  private final Map<String, ModelShape> shapes;

  private ServiceModel(String name, Map<String, String> inputs, Map<String, ModelShape> shapes) {
    this.name = name;
    this.inputs = inputs;
    this.shapes = shapes;
  }

  /** @param resource the file name under aws-models/ without .json, e.g. {@code sagemaker} */
  static ServiceModel load(String resource) {
    return LOADED.computeIfAbsent(resource, ServiceModel::read);
  }

  private static ServiceModel read(String resource) {
    String path = "aws-models/" + resource + ".json";
    JsonNode json;
    try (InputStream in = ServiceModel.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Service model " + path + " is not on the class path");
      }
      json = Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read service model " + path, e);
    }
    return from(resource, json);
  }

  /** A model from JSON in the trimmed format; its shapes must all be defined. */
  static ServiceModel from(String name, JsonNode json) {
    Map<String, String> inputs = new HashMap<>();
    json.path("operations").fields().forEachRemaining(op -> {
      if (op.getValue().has("input")) {
        inputs.put(op.getKey(), op.getValue().path("input").asText());
      }
    });
    Map<String, ModelShape> shapes = new HashMap<>();
    json.path("shapes").fields().forEachRemaining(s -> shapes.put(s.getKey(),
        ModelShape.from(s.getKey(), s.getValue())));
    ServiceModel model = new ServiceModel(name, Map.copyOf(inputs), Map.copyOf(shapes));
    model.checkReferences();
    return model;
  }

  /** A shape the file names but does not define is a broken copy: refuse it at load time. */
  private void checkReferences() {
    inputs.values().forEach(this::shape);
    for (ModelShape s : shapes.values()) {
      s.members().values().forEach(this::shape);
      for (String ref : new String[] {s.member(), s.key(), s.value()}) {
        if (ref != null) {
          shape(ref);
        }
      }
    }
  }

  String name() {
    return name;
  }

  Set<String> operations() {
    return inputs.keySet();
  }

  /** The input shape of an operation, or empty when the model does not describe it. */
  Optional<ModelShape> input(String operation) {
    return Optional.ofNullable(inputs.get(operation)).map(this::shape);
  }

  ModelShape shape(String shapeName) {
    ModelShape shape = shapes.get(shapeName);
    if (shape == null) {
      throw new IllegalStateException("Service model " + name + " has no shape " + shapeName);
    }
    return shape;
  }
}
