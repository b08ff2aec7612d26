package dev.secureml.operator.policy.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a resource's spec against its own CRD's openAPIV3Schema and CEL rules, as the API
 * server would have, because the operator cannot count on that: older API servers, objects
 * stored before a CRD tightened, the sandbox, a webhook to come. Everything the CRD states is
 * checked once, here, for every kind; rules elsewhere may then assume a well-formed spec.
 *
 * <p>Every kind requires a spec. At most {@link #MAX_ERRORS} errors are listed, then a count.
 * Thread-safe: compiled rules and patterns are cached, each check has its own error list.
 */
public final class ResourceSchemaValidator {
  static final int MAX_ERRORS = 20;
  private static final List<Class<? extends HasMetadata>> KINDS = List.of(
      SecureTrainingJob.class, ModelEndpoint.class, DataQualityMonitor.class,
      CompliancePolicy.class);
  // Plain mapper, as for CEL input: the spec classes are public-field beans.
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  private static volatile ResourceSchemaValidator shared;

  private final CrdSchemas schemas;
  private final CrdRuleEvaluator rules = new CrdRuleEvaluator();

  ResourceSchemaValidator(CrdSchemas schemas) {
    this.schemas = schemas;
  }

  /** The validator for the CRDs on the classpath, loaded once; fails when one is missing. */
  public static ResourceSchemaValidator shared() {
    ResourceSchemaValidator v = shared;
    if (v == null) {
      synchronized (ResourceSchemaValidator.class) {
        if (shared == null) {
          shared = new ResourceSchemaValidator(CrdSchemas.load(
              ResourceSchemaValidator.class.getClassLoader(), KINDS));
        }
        v = shared;
      }
    }
    return v;
  }

  /** Errors of a typed resource of one of our kinds, as the operator reads it. */
  public List<SchemaError> validate(HasMetadata resource) {
    JsonNode schema = schemas.schemaOf(resource.getClass());
    if (schema == null) {
      throw new IllegalArgumentException("no CRD schema for " + resource.getClass().getName());
    }
    ObjectNode tree = MAPPER.valueToTree(resource);
    return check(schema, tree.get("spec"));
  }

  /**
   * Errors of a resource as written (JSON or YAML read into a tree), defaults applied first as
   * the API server applies them; empty for kinds that are not ours. The tree is not changed.
   */
  public List<SchemaError> validate(JsonNode resource) {
    JsonNode schema = schemas.schemaOf(resource.path("apiVersion").asText(null),
        resource.path("kind").asText(""));
    if (schema == null) {
      return List.of();
    }
    JsonNode spec = resource.get("spec");
    return check(schema, spec == null ? null : spec.deepCopy());
  }

  private List<SchemaError> check(JsonNode schema, JsonNode spec) {
    JsonNode specSchema = schema.path("properties").get("spec");
    if (spec == null || spec.isNull()) {
      return List.of(new SchemaError("spec", "Required value"));
    }
    if (specSchema == null) {
      return List.of();
    }
    SchemaDefaults.apply(specSchema, spec);
    StructuralValidator validator = new StructuralValidator(rules);
    validator.validate(specSchema, spec, "spec", "spec");
    return capped(validator.errors());
  }

  private static List<SchemaError> capped(List<SchemaError> errors) {
    if (errors.size() <= MAX_ERRORS) {
      return List.copyOf(errors);
    }
    List<SchemaError> out = new ArrayList<>(errors.subList(0, MAX_ERRORS));
    out.add(new SchemaError("spec", "and " + (errors.size() - MAX_ERRORS)
        + " more schema errors"));
    return List.copyOf(out);
  }
}
