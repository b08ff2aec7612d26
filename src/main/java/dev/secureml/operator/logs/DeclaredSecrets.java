package dev.secureml.operator.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secureml.operator.api.SecretNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The secret values one resource declared in its spec, so that its log lines, conditions and
 * Events mask them wherever and however they appear, not only where a pattern recognises them:
 * every string under a {@linkplain SecretNames#looksSecret secret-looking name} at any depth
 * (hyperparameters, environment, tags, a monitor's retrain template), and every part of any spec
 * string that the default patterns would mask (the password of an s3://user:password@ URI, an
 * access key id inside an image), so a message that quotes it in another form masks it too.
 */
public record DeclaredSecrets(Set<String> values) {
  public static final DeclaredSecrets NONE = new DeclaredSecrets(Set.of());
  // Plain mapper: the spec as the API server stores it.
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final LogRedactor PATTERNS = LogRedactor.defaults();

  public DeclaredSecrets {
    values = Set.copyOf(values);
  }

  /** The secrets in a custom resource's spec; none for other objects or without a spec. */
  public static DeclaredSecrets of(HasMetadata resource) {
    if (resource instanceof CustomResource<?, ?> custom && custom.getSpec() != null) {
      return ofSpec(custom.getSpec());
    }
    return NONE;
  }

  /** The secrets in a spec object (any class Jackson can serialise). */
  public static DeclaredSecrets ofSpec(Object spec) {
    Set<String> found = new TreeSet<>();
    try {
      collect(MAPPER.valueToTree(spec), false, found);
    } catch (IllegalArgumentException e) {
      return NONE; // a spec Jackson cannot read holds nothing we could mask either
    }
    return found.isEmpty() ? NONE : new DeclaredSecrets(found);
  }

  /** These values and the others'. */
  public DeclaredSecrets and(DeclaredSecrets other) {
    if (other == null || other.values.isEmpty()) {
      return this;
    }
    Set<String> all = new TreeSet<>(values);
    all.addAll(other.values);
    return new DeclaredSecrets(all);
  }

  /** The redactor that also masks these values. */
  public LogRedactor applyTo(LogRedactor redactor) {
    return redactor.withSecretValues(values);
  }

  private static void collect(JsonNode node, boolean underSecretName, Collection<String> out) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      String text = node.asText();
      if (underSecretName) {
        out.add(text);
      }
      out.addAll(PATTERNS.secretsIn(text));
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        collect(field.getValue(), SecretNames.looksSecret(field.getKey()), out);
      }
    } else if (node.isArray()) {
      node.forEach(element -> collect(element, underSecretName, out));
    }
  }
}
