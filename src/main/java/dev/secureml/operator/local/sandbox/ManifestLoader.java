package dev.secureml.operator.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads manifests from files and directories (.yaml/.yml, several documents per file) into typed
 * objects, refusing anything the sandbox does not know with a message naming file and document.
 */
public class ManifestLoader {
  /** apiVersion/kind -> class, for the kinds the sandbox applies. */
  static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
      "v1/Namespace", Namespace.class,
      "secureml.dev/v1alpha1/CompliancePolicy", CompliancePolicy.class,
      "secureml.dev/v1alpha1/SecureTrainingJob", SecureTrainingJob.class,
      "secureml.dev/v1alpha1/ModelEndpoint", ModelEndpoint.class,
      "secureml.dev/v1alpha1/DataQualityMonitor", DataQualityMonitor.class);

  private final YAMLMapper yaml = new YAMLMapper();
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  /** Loads every manifest under the paths, in path order and, within a directory, by name. */
  public List<HasMetadata> load(List<Path> paths) {
    List<HasMetadata> objects = new ArrayList<>();
    for (Path path : paths) {
      for (Path file : files(path)) {
        objects.addAll(loadFile(file));
      }
    }
    return objects;
  }

  private List<Path> files(Path path) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new BadInputException(path + ": no such file or directory");
    }
    try (Stream<Path> walk = Files.walk(path)) {
      List<Path> found = walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted(Comparator.comparing(Path::toString))
          .toList();
      if (found.isEmpty()) {
        throw new BadInputException(path + ": no .yaml or .yml files in this directory");
      }
      return found;
    } catch (IOException e) {
      throw new BadInputException(path + ": cannot read directory: " + e.getMessage());
    }
  }

  List<HasMetadata> loadFile(Path file) {
    List<HasMetadata> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class)
        .readValues(file.toFile())) {
      int index = 0;
      while (docs.hasNextValue()) {
        JsonNode doc = docs.nextValue();
        index++;
        if (doc == null || doc.isNull() || doc.isEmpty()) {
          continue; // an empty document between separators
        }
        objects.add(toObject(file, index, doc));
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof BadInputException bad) {
        throw bad;
      }
      throw new BadInputException(file + ": not valid YAML: " + firstLine(e.getMessage()));
    }
    return objects;
  }

  private HasMetadata toObject(Path file, int index, JsonNode doc) {
    String where = file + " (document " + index + ")";
    String apiVersion = doc.path("apiVersion").asText("");
    String kind = doc.path("kind").asText("");
    Class<? extends HasMetadata> type = KINDS.get(apiVersion + "/" + kind);
    if (type == null) {
      throw new BadInputException(where + ": kind '" + kind + "' with apiVersion '" + apiVersion
          + "' is not supported by the sandbox; supported: "
          + String.join(", ", KINDS.keySet().stream().sorted().toList()));
    }
    if (doc.path("metadata").path("name").asText("").isEmpty()) {
      throw new BadInputException(where + ": metadata.name is required");
    }
    try {
      return serialization.convertValue(doc, type);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(where + ": " + kind + " does not match its schema: "
          + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
