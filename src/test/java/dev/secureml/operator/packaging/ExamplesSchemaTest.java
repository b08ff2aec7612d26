package dev.secureml.operator.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object in examples/ whose kind has a CRD in crds/ is valid against that CRD's
 * openAPIV3Schema, as an API server (and kubectl's strict field validation) would check it:
 * types, required fields, patterns, enums, bounds and unknown fields. The x-kubernetes-*
 * extensions (CEL rules and the like) are left out; the operator checks those rules itself.
 */
class ExamplesSchemaTest {
  private static final Path CRDS = Path.of("crds");
  private static final Path EXAMPLES = Path.of("examples");
  private static final String OUR_GROUP = "secureml.dev";
  private static final YAMLMapper YAML = new YAMLMapper();
  // OpenAPI 3.0 schema objects are an extended subset of JSON Schema draft 4 (wright-00).
  private static final JsonSchemaFactory SCHEMAS =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

  /** "group/Kind" -> CRD. */
  private static Map<String, JsonNode> crds;

  @BeforeAll
  static void loadCrds() throws IOException {
    crds = new HashMap<>();
    for (Path file : files(CRDS, ".yml")) {
      for (JsonNode doc : documents(file)) {
        assertThat(doc.path("kind").asText()).as(file.toString())
            .isEqualTo("CustomResourceDefinition");
        JsonNode spec = doc.path("spec");
        crds.put(spec.path("group").asText() + "/" + spec.path("names").path("kind").asText(), doc);
      }
    }
    assertThat(crds).as("CRDs in crds/").isNotEmpty();
  }

  @Test
  void everyExampleOfOurKindsIsValidAgainstItsCrd() throws IOException {
    List<String> validated = new ArrayList<>();
    for (Path file : files(EXAMPLES, ".yaml")) {
      int index = 0;
      for (JsonNode doc : documents(file)) {
        index++;
        String where = file + " document " + index + " (" + doc.path("kind").asText() + " "
            + doc.path("metadata").path("name").asText() + ")";
        String[] apiVersion = doc.path("apiVersion").asText().split("/", 2);
        String group = apiVersion.length == 2 ? apiVersion[0] : "";
        JsonNode crd = crds.get(group + "/" + doc.path("kind").asText());
        if (crd == null) {
          assertThat(group).as(where + ": a secureml.dev kind without a CRD in crds/")
              .isNotEqualTo(OUR_GROUP);
          continue;
        }
        assertThat(violations(crd, doc)).as(where).isEmpty();
        validated.add(where);
      }
    }
    // The policy, both jobs (the non-compliant one breaks policy, not schema), the endpoint and
    // the monitor.
    assertThat(validated).as("validated examples").hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void everyCrdKindHasAnExample() throws IOException {
    List<String> exampleKinds = new ArrayList<>();
    for (Path file : files(EXAMPLES, ".yaml")) {
      for (JsonNode doc : documents(file)) {
        exampleKinds.add(doc.path("apiVersion").asText().split("/")[0] + "/"
            + doc.path("kind").asText());
      }
    }
    assertThat(exampleKinds).containsAll(crds.keySet());
  }

  static Stream<Arguments> brokenCopies() {
    return Stream.of(
        Arguments.of("10-training-job.yaml", "instance type without the ml. prefix",
            (Consumer<ObjectNode>) job -> at(job, "spec", "resources")
                .set("instanceType", TextNode.valueOf("m5.xlarge")),
            "instanceType"),
        Arguments.of("10-training-job.yaml", "no image",
            (Consumer<ObjectNode>) job -> at(job, "spec").remove("image"),
            "image"),
        Arguments.of("10-training-job.yaml", "instance count below 1",
            (Consumer<ObjectNode>) job -> at(job, "spec", "resources")
                .set("instanceCount", IntNode.valueOf(0)),
            "instanceCount"),
        Arguments.of("10-training-job.yaml", "count as a string",
            (Consumer<ObjectNode>) job -> at(job, "spec", "resources")
                .set("instanceCount", TextNode.valueOf("two")),
            "instanceCount"),
        Arguments.of("10-training-job.yaml", "deletion policy outside the enum",
            (Consumer<ObjectNode>) job -> at(job, "spec")
                .set("deletionPolicy", TextNode.valueOf("Keep")),
            "deletionPolicy"),
        Arguments.of("10-training-job.yaml", "no input channel",
            (Consumer<ObjectNode>) job -> at(job, "spec")
                .set("inputs", JsonNodeFactory.instance.arrayNode()),
            "inputs"),
        Arguments.of("10-training-job.yaml", "misspelt field",
            (Consumer<ObjectNode>) job -> at(job, "spec", "resources")
                .set("instanceTyep", TextNode.valueOf("ml.m5.xlarge")),
            "instanceTyep"),
        Arguments.of("01-compliance-policy.yaml", "region not in AWS form",
            (Consumer<ObjectNode>) policy -> at(policy, "spec")
                .set("region", TextNode.valueOf("US-EAST-1")),
            "region"),
        Arguments.of("01-compliance-policy.yaml", "subnet id in the wrong form",
            (Consumer<ObjectNode>) policy -> ((ArrayNode) at(policy, "spec", "network")
                .get("subnets")).set(0, TextNode.valueOf("subnet-XYZ")),
            "subnets"),
        Arguments.of("01-compliance-policy.yaml", "enforcement outside the enum",
            (Consumer<ObjectNode>) policy -> at(policy, "spec")
                .set("enforcement", TextNode.valueOf("Warn")),
            "enforcement"),
        Arguments.of("30-data-quality-monitor.yaml", "no endpointRef",
            (Consumer<ObjectNode>) monitor -> at(monitor, "spec").remove("endpointRef"),
            "endpointRef"),
        Arguments.of("30-data-quality-monitor.yaml", "schedule in no accepted form",
            (Consumer<ObjectNode>) monitor -> at(monitor, "spec")
                .set("schedule", TextNode.valueOf("every other day")),
            "schedule"),
        Arguments.of("30-data-quality-monitor.yaml", "engine outside the enum",
            (Consumer<ObjectNode>) monitor -> at(monitor, "spec")
                .set("engine", TextNode.valueOf("Clarify")),
            "engine"),
        Arguments.of("30-data-quality-monitor.yaml", "drift threshold above 1",
            (Consumer<ObjectNode>) monitor -> at(monitor, "spec", "thresholds")
                .set("drift", IntNode.valueOf(2)),
            "drift"),
        Arguments.of("30-data-quality-monitor.yaml", "retrain template without the ml. prefix",
            (Consumer<ObjectNode>) monitor -> at(monitor, "spec", "onDrift", "retrain",
                "template", "resources").set("instanceType", TextNode.valueOf("m5.xlarge")),
            "instanceType"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("brokenCopies")
  void aBrokenCopyOfAnExampleIsRejected(String example, String breakage,
      Consumer<ObjectNode> breakIt, String field) throws IOException {
    List<JsonNode> docs = documents(EXAMPLES.resolve(example));
    assertThat(docs).hasSize(1);
    ObjectNode original = (ObjectNode) docs.get(0);
    JsonNode crd = crds.get(original.path("apiVersion").asText().split("/")[0] + "/"
        + original.path("kind").asText());
    assertThat(violations(crd, original)).as("the unbroken example").isEmpty();

    ObjectNode broken = original.deepCopy();
    breakIt.accept(broken);
    Set<ValidationMessage> violations = violations(crd, broken);
    assertThat(violations).as(breakage).isNotEmpty();
    assertThat(violations.toString()).as(breakage).contains(field);
  }

  // --- schema handling ---

  static Set<ValidationMessage> violations(JsonNode crd, JsonNode object) {
    String version = object.path("apiVersion").asText().split("/", 2)[1];
    JsonNode schema = null;
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (v.path("name").asText().equals(version) && v.path("served").asBoolean()) {
        schema = v.path("schema").path("openAPIV3Schema");
      }
    }
    assertThat(schema).as("served version %s of %s", version,
        crd.path("metadata").path("name").asText()).isNotNull();
    ObjectNode strict = strict(schema.deepCopy());
    // Every object carries apiVersion, kind and metadata, which CRD schemas leave implicit.
    ObjectNode properties = (ObjectNode) strict.get("properties");
    properties.putObject("apiVersion").put("type", "string");
    properties.putObject("kind").put("type", "string");
    properties.putObject("metadata").put("type", "object");
    JsonSchema jsonSchema = SCHEMAS.getSchema(strict);
    return jsonSchema.validate(object);
  }

  /**
   * Drops the x-kubernetes-* extensions and rejects unknown fields wherever the schema lists the
   * properties and does not preserve unknown fields, like kubectl's strict field validation.
   */
  static ObjectNode strict(ObjectNode schema) {
    boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
    for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
      if (names.next().startsWith("x-kubernetes-")) {
        names.remove();
      }
    }
    if (schema.has("properties") && !schema.has("additionalProperties") && !preserveUnknown) {
      schema.put("additionalProperties", false);
    }
    JsonNode properties = schema.get("properties");
    if (properties != null) {
      properties.forEach(p -> strict((ObjectNode) p));
    }
    for (String nested : List.of("items", "additionalProperties")) {
      if (schema.get(nested) instanceof ObjectNode child) {
        strict(child);
      }
    }
    return schema;
  }

  // --- files ---

  static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isEmpty()) {
          docs.add(doc);
        }
      }
    }
    return docs;
  }

  private static ObjectNode at(ObjectNode root, String... path) {
    ObjectNode node = root;
    for (String name : path) {
      node = (ObjectNode) node.get(name);
    }
    return node;
  }
}
