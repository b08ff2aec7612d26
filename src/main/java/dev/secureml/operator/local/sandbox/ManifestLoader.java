package dev.secureml.operator.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.local.kube.ObjectMetaRules;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads manifests from files and directories (.yaml/.yml, several documents per file, kind
 * List) into typed objects, refusing what kubectl and the API server would refuse, before
 * anything starts: bad YAML, duplicate keys, unknown kinds and fields, values of the wrong
 * type, and names the API server rejects. Every message names file, line, column, document
 * and field path.
 */
public class ManifestLoader {
  /** apiVersion/kind -> class, for the kinds the sandbox applies. */
  private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
      "v1/Namespace", Namespace.class,
      "secureml.dev/v1alpha1/CompliancePolicy", CompliancePolicy.class,
      "secureml.dev/v1alpha1/SecureTrainingJob", SecureTrainingJob.class,
      "secureml.dev/v1alpha1/ModelEndpoint", ModelEndpoint.class,
      "secureml.dev/v1alpha1/DataQualityMonitor", DataQualityMonitor.class);
  /** kubectl's namespace when a namespaced object names none. */
  private static final String DEFAULT_NAMESPACE = "default";

  private final ManifestConverter converter = new ManifestConverter();
  private final Map<String, String> seen = new HashMap<>();

  /** Loads every manifest under the paths, in path order and, within a directory, by name. */
  public List<HasMetadata> load(List<Path> paths) {
    List<HasMetadata> objects = new ArrayList<>();
    for (Path path : paths) {
      for (Path file : ManifestFiles.under(path)) {
        objects.addAll(loadFile(file));
      }
    }
    return objects;
  }

  List<HasMetadata> loadFile(Path file) {
    List<HasMetadata> objects = new ArrayList<>();
    String text = ManifestFiles.text(file);
    for (YamlDocuments.Document doc : YamlDocuments.read(file.toString(), text)) {
      if (doc.tree() == null || doc.tree().isNull()) {
        continue; // an empty document between separators, as kubectl skips it
      }
      if (!doc.tree().isObject()) {
        throw doc.error("", "not a Kubernetes object: a document is a mapping with "
            + "apiVersion, kind and metadata");
      }
      ObjectNode tree = (ObjectNode) doc.tree();
      if (isList(tree)) {
        objects.addAll(items(doc, tree));
      } else {
        objects.add(toObject(doc, "", tree));
      }
    }
    return objects;
  }

  /** kubectl's kind List (and typed lists such as SecureTrainingJobList): one per item. */
  private static boolean isList(ObjectNode tree) {
    String kind = tree.path("kind").asText("");
    return kind.equals("List") || kind.endsWith("List") && tree.has("items");
  }

  private List<HasMetadata> items(YamlDocuments.Document doc, ObjectNode list) {
    JsonNode items = list.get("items");
    if (items == null || items.isNull()) {
      return List.of();
    }
    if (!items.isArray()) {
      throw doc.error("items", "items of a " + list.path("kind").asText() + " must be a list");
    }
    List<HasMetadata> objects = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String base = FieldPaths.index("items", i);
      if (!items.get(i).isObject()) {
        throw doc.error(base, "not a Kubernetes object: an item is a mapping with apiVersion, "
            + "kind and metadata");
      }
      ObjectNode item = (ObjectNode) items.get(i);
      if (isList(item)) {
        throw doc.error(base, "a list inside a list is not supported");
      }
      objects.add(toObject(doc, base, item));
    }
    return objects;
  }

  private HasMetadata toObject(YamlDocuments.Document doc, String base, ObjectNode tree) {
    Class<? extends HasMetadata> type = typeOf(doc, base, tree);
    JsonNode meta = tree.get("metadata");
    if (meta != null && !meta.isNull() && !meta.isObject()) {
      throw doc.error(FieldPaths.join(base, "metadata"), "metadata must be a mapping");
    }
    HasMetadata object = converter.convert(doc, base, tree, type);
    if (object.getMetadata() == null) {
      object.setMetadata(new ObjectMeta());
    }
    var m = object.getMetadata();
    boolean namespaced = Namespaced.class.isAssignableFrom(type);
    if (!namespaced) {
      m.setNamespace(null); // as the API server does for cluster-scoped kinds
    } else if (m.getNamespace() == null || m.getNamespace().isEmpty()) {
      m.setNamespace(DEFAULT_NAMESPACE);
    }
    checkNames(doc, base, object, namespaced);
    String id = object.getKind() + " " + (namespaced ? m.getNamespace() + "/" : "")
        + m.getName();
    String where = doc.file() + " (document " + doc.index()
        + (base.isEmpty() ? "" : ", " + base) + ")";
    String first = seen.putIfAbsent(id, where);
    if (first != null) {
      throw doc.error(FieldPaths.join(base, "metadata.name"), id + " is also defined in "
          + first + "; each object may be given once");
    }
    return object;
  }

  private static Class<? extends HasMetadata> typeOf(YamlDocuments.Document doc, String base,
      ObjectNode tree) {
    String apiVersion = tree.path("apiVersion").asText("");
    String kind = tree.path("kind").asText("");
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      String missing = apiVersion.isEmpty() && kind.isEmpty() ? "apiVersion not set, kind not set"
          : apiVersion.isEmpty() ? "apiVersion not set" : "kind not set";
      throw doc.error(base, "error validating data: " + missing);
    }
    Class<? extends HasMetadata> type = KINDS.get(apiVersion + "/" + kind);
    if (type == null) {
      throw doc.error(FieldPaths.join(base, "kind"), "no matches for kind \"" + kind
          + "\" in version \"" + apiVersion + "\"; the sandbox applies Namespace (v1), and "
          + "CompliancePolicy, SecureTrainingJob, ModelEndpoint and DataQualityMonitor "
          + "(secureml.dev/v1alpha1)");
    }
    return type;
  }

  /** metadata.name and metadata.namespace as the API server checks them on create. */
  private static void checkNames(YamlDocuments.Document doc, String base, HasMetadata object,
      boolean namespaced) {
    var m = object.getMetadata();
    if ((m.getName() == null || m.getName().isEmpty()) && m.getGenerateName() != null) {
      throw doc.error(FieldPaths.join(base, "metadata.generateName"), "metadata.generateName "
          + "is not supported by the sandbox, which follows objects by name: set metadata.name");
    }
    boolean isNamespace = object instanceof Namespace;
    List<ObjectMetaRules.FieldError> errors = ObjectMetaRules.check(isNamespace, m.getName(),
        null, namespaced ? m.getNamespace() : null);
    if (!errors.isEmpty()) {
      String group = object.getApiVersion().contains("/")
          ? object.getApiVersion().substring(0, object.getApiVersion().indexOf('/')) : "";
      throw doc.error(FieldPaths.join(base, errors.get(0).field()),
          ObjectMetaRules.invalidMessage(object.getKind(), group, m.getName(), errors));
    }
  }
}
