package dev.secureml.operator.policy.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The openAPIV3Schema of each of our kinds, read from the CRDs the build generates from the
 * api classes ({@code META-INF/fabric8/<plural>.<group>-v1.yml}, inside the operator's jar).
 * The operator checks resources against the very schema it installs, so the two cannot drift.
 */
final class CrdSchemas {
  static final String LOCATION = "META-INF/fabric8/";

  /** "group/version/Kind" and "group/Kind" (the storage version) -> schema. */
  private final Map<String, JsonNode> schemas;

  private CrdSchemas(Map<String, JsonNode> schemas) {
    this.schemas = Map.copyOf(schemas);
  }

  /** Loads the CRDs of these kinds; IllegalStateException when one is missing or unreadable. */
  static CrdSchemas load(ClassLoader loader, List<Class<? extends HasMetadata>> kinds) {
    YAMLMapper yaml = new YAMLMapper();
    Map<String, JsonNode> schemas = new LinkedHashMap<>();
    for (Class<? extends HasMetadata> kind : kinds) {
      String file = LOCATION + HasMetadata.getFullResourceName(kind) + "-v1.yml";
      try (InputStream in = loader.getResourceAsStream(file)) {
        if (in == null) {
          throw new IllegalStateException("the CRD " + file + " is not on the classpath; the "
              + "operator cannot check " + HasMetadata.getKind(kind) + " resources without it");
        }
        read(yaml.readTree(in), schemas);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the CRD " + file, e);
      }
    }
    return new CrdSchemas(schemas);
  }

  private static void read(JsonNode crd, Map<String, JsonNode> schemas) {
    String group = crd.path("spec").path("group").asText();
    String kind = crd.path("spec").path("names").path("kind").asText();
    for (JsonNode version : crd.path("spec").path("versions")) {
      JsonNode schema = version.path("schema").path("openAPIV3Schema");
      if (schema.isMissingNode()) {
        continue;
      }
      schemas.put(group + "/" + version.path("name").asText() + "/" + kind, schema);
      if (version.path("storage").asBoolean(false)
          || !schemas.containsKey(group + "/" + kind)) {
        schemas.put(group + "/" + kind, schema);
      }
    }
  }

  /** The schema for an apiVersion ("group/version") and kind; null when not ours. */
  JsonNode schemaOf(String apiVersion, String kind) {
    if (apiVersion != null && schemas.containsKey(apiVersion + "/" + kind)) {
      return schemas.get(apiVersion + "/" + kind);
    }
    String group = apiVersion == null ? null : apiVersion.split("/", 2)[0];
    return group == null ? null : schemas.get(group + "/" + kind);
  }

  /** The schema of a kind's storage version, whatever the resource's apiVersion says. */
  JsonNode schemaOf(Class<? extends HasMetadata> kind) {
    return schemas.get(HasMetadata.getGroup(kind) + "/" + HasMetadata.getKind(kind));
  }
}
