package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * Cuts botocore's service models down to the request shapes of the operations the emulator
 * serves, keeping only what validation reads (type, members, required, enum, pattern, min,
 * max, list member, map key and value). {@link ServiceModelSyncTest} compares the shipped
 * copies with what this makes from the machine's botocore, and rewrites them on request.
 */
final class ServiceModelTrimmer {
  /** One shipped model: its resource name, botocore's directory, the operations served. */
  record Source(String resource, String botocoreDir, List<String> operations) {}

  static final List<Source> SOURCES = List.of(
      new Source("sagemaker", "sagemaker/2017-07-24", List.of("AddTags",
          "CreateDataQualityJobDefinition", "CreateEndpoint", "CreateEndpointConfig",
          "CreateModel", "CreateMonitoringSchedule", "CreateTrainingJob",
          "DeleteDataQualityJobDefinition", "DeleteEndpoint", "DeleteEndpointConfig",
          "DeleteModel", "DeleteMonitoringSchedule", "DeleteTags",
          "DescribeDataQualityJobDefinition", "DescribeEndpoint", "DescribeEndpointConfig",
          "DescribeModel", "DescribeMonitoringSchedule", "DescribeProcessingJob",
          "DescribeTrainingJob", "ListDataQualityJobDefinitions", "ListEndpointConfigs",
          "ListEndpoints", "ListModels", "ListMonitoringExecutions", "ListMonitoringSchedules",
          "ListTags", "ListTrainingJobs", "StartMonitoringSchedule", "StopMonitoringSchedule",
          "StopTrainingJob", "UpdateEndpoint", "UpdateEndpointWeightsAndCapacities",
          "UpdateMonitoringSchedule")),
      new Source("logs", "logs/2014-03-28", List.of("CreateLogGroup", "CreateLogStream",
          "DescribeLogGroups", "DescribeLogStreams", "FilterLogEvents", "GetLogEvents",
          "PutLogEvents")),
      new Source("application-autoscaling", "application-autoscaling/2016-02-06", List.of(
          "DeleteScalingPolicy", "DeregisterScalableTarget", "DescribeScalableTargets",
          "DescribeScalingPolicies", "PutScalingPolicy", "RegisterScalableTarget")));

  /** Where the shipped copies live in the source tree. */
  static final Path RESOURCES =
      Path.of("src/main/resources/dev/secureml/operator/local/emulator/aws-models");

  private static final List<String> SHAPE_TRAITS =
      List.of("type", "required", "enum", "pattern", "min", "max");
  private static final List<String> METADATA =
      List.of("apiVersion", "protocol", "jsonVersion", "serviceId", "targetPrefix");
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private ServiceModelTrimmer() {}

  /** The trimmed model: metadata, each operation's input shape, and the shapes it reaches. */
  static ObjectNode trim(JsonNode botocore, List<String> operations) {
    ObjectNode out = MAPPER.createObjectNode();
    ObjectNode metadata = out.putObject("metadata");
    METADATA.forEach(k -> {
      if (botocore.path("metadata").has(k)) {
        metadata.set(k, botocore.path("metadata").get(k));
      }
    });
    ObjectNode ops = out.putObject("operations");
    Deque<String> todo = new ArrayDeque<>();
    for (String name : new TreeSet<>(operations)) {
      JsonNode input = botocore.path("operations").path(name).path("input").path("shape");
      if (botocore.path("operations").path(name).isMissingNode()) {
        throw new IllegalArgumentException("botocore has no operation " + name);
      }
      ObjectNode op = ops.putObject(name);
      if (!input.isMissingNode()) {
        op.put("input", input.asText());
        todo.add(input.asText());
      }
    }
    TreeSet<String> reached = new TreeSet<>();
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (reached.add(name)) {
        JsonNode shape = botocore.path("shapes").path(name);
        referenced(shape).forEach(todo::add);
      }
    }
    ObjectNode shapes = out.putObject("shapes");
    reached.forEach(name -> shapes.set(name, trimShape(botocore.path("shapes").path(name))));
    return out;
  }

  private static List<String> referenced(JsonNode shape) {
    List<String> names = new ArrayList<>();
    for (String ref : List.of("member", "key", "value")) {
      if (shape.has(ref)) {
        names.add(shape.path(ref).path("shape").asText());
      }
    }
    shape.path("members").forEach(m -> names.add(m.path("shape").asText()));
    return names;
  }

  private static ObjectNode trimShape(JsonNode shape) {
    ObjectNode out = MAPPER.createObjectNode();
    SHAPE_TRAITS.forEach(k -> {
      if (shape.has(k)) {
        out.set(k, shape.get(k));
      }
    });
    for (String ref : List.of("member", "key", "value")) {
      if (shape.has(ref)) {
        out.put(ref, shape.path(ref).path("shape").asText());
      }
    }
    if (shape.has("members")) {
      ObjectNode members = out.putObject("members");
      shape.path("members").fields().forEachRemaining(
          m -> members.put(m.getKey(), m.getValue().path("shape").asText()));
    }
    return out;
  }

  /** botocore's service-2.json (plain or gzipped) for a directory such as logs/2014-03-28. */
  static JsonNode readBotocore(Path data, String dir) throws IOException {
    Path plain = data.resolve(dir).resolve("service-2.json");
    Path gzipped = data.resolve(dir).resolve("service-2.json.gz");
    if (Files.exists(plain)) {
      return MAPPER.readTree(plain.toFile());
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gzipped))) {
      return MAPPER.readTree(in);
    }
  }

  /** All operation names of a botocore model, for checking that the emulator serves no others. */
  static List<String> operationNames(JsonNode botocore) {
    List<String> names = new ArrayList<>();
    botocore.path("operations").fieldNames().forEachRemaining(names::add);
    return names;
  }

  static String write(JsonNode trimmed) throws IOException {
    return MAPPER.writeValueAsString(trimmed) + "\n";
  }

  /**
   * The data directory and version of the botocore the machine's python3 imports, or empty
   * when there is no python3 or no botocore.
   */
  static Optional<Botocore> locateBotocore() {
    try {
      Process p = new ProcessBuilder("python3", "-c",
          "import botocore, os; print(os.path.dirname(botocore.__file__)); "
              + "print(botocore.__version__)")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Optional.empty();
      }
      String[] lines = out.strip().split("\n");
      Path data = Path.of(lines[0].strip(), "data");
      return Files.isDirectory(data) && lines.length == 2
          ? Optional.of(new Botocore(data, lines[1].strip())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  record Botocore(Path data, String version) {}
}
