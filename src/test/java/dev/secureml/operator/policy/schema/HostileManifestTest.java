package dev.secureml.operator.policy.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and careless manifests, as written (category "manifest"): the examples with one thing
 * broken, checked as the API server would check them. Each case names the exact field and the
 * exact message; secrets are never quoted back and long values are cut.
 */
class HostileManifestTest {
  private static final String JOB = "10-training-job.yaml";
  private static final String ENDPOINT = "20-model-endpoint.yaml";
  private static final String MONITOR = "30-data-quality-monitor.yaml";
  private static final String POLICY = "01-compliance-policy.yaml";
  private static final ResourceSchemaValidator VALIDATOR = ResourceSchemaValidator.shared();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String INSTANCE_TYPE = "must match '^ml\\.[a-z0-9]+\\.[a-z0-9]+$'";
  private static final String S3 = "must match "
      + "'^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^\\s\\p{Z}\\p{Cc}\\p{Cf}]*)?$'";
  private static final String NO_WHITESPACE = "must match '^[^\\s\\p{Z}\\p{Cc}\\p{Cf}]+$'";
  private static final String TAG_VALUE = "must match '^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$'";
  /** Over 64 characters, so a harmless value would be cut to its first 40 and quoted. */
  private static final String LONG_SECRET =
      "hunter-two-signing-material-for-the-fraud-scoring-webhook-do-not-share!";

  static Stream<Arguments> manifests() {
    return Stream.of(
        // Wrong types
        arguments(JOB, "an instance count written as a word",
            set("spec.resources.instanceCount", TextNode.valueOf("two")),
            "spec.resources.instanceCount", "Invalid value: \"two\": must be of type integer"),
        arguments(JOB, "a volume size with a fraction",
            set("spec.resources.volumeSizeGB", DoubleNode.valueOf(30.5)),
            "spec.resources.volumeSizeGB", "Invalid value: 30.5: must be of type integer"),
        arguments(JOB, "a hyperparameter written as a number",
            set("spec.hyperparameters.num_round", IntNode.valueOf(100)),
            "spec.hyperparameters[num_round]", "Invalid value: 100: must be of type string"),
        arguments(JOB, "spot written as a string",
            set("spec.spot", NODES.objectNode().put("enabled", "yes")),
            "spec.spot.enabled", "Invalid value: \"yes\": must be of type boolean"),
        arguments(JOB, "inputs as a map instead of a list",
            set("spec.inputs", NODES.objectNode().put("train", "s3://fraud-data/x/")),
            "spec.inputs", "Invalid value: \"object\": must be of type array"),
        arguments(JOB, "tags as a list",
            set("spec.tags", NODES.arrayNode().add("project=bank-failure")),
            "spec.tags", "Invalid value: \"array\": must be of type object"),
        arguments(ENDPOINT, "autoscaling as a number",
            set("spec.autoscaling", IntNode.valueOf(6)),
            "spec.autoscaling", "Invalid value: 6: must be of type object"),
        arguments(MONITOR, "a drift threshold written as a percentage string",
            set("spec.thresholds.drift", TextNode.valueOf("10%")),
            "spec.thresholds.drift", "Invalid value: \"10%\": must be of type number"),
        arguments(POLICY, "subnets as one comma-separated string",
            set("spec.network.subnets", TextNode.valueOf("subnet-0a1b2c3d,subnet-0e4f5a6b")),
            "spec.network.subnets",
            "Invalid value: \"subnet-0a1b2c3d,subnet-0e4f5a6b\": must be of type array"),

        // Whitespace, control and invisible characters
        arguments(JOB, "an instance type with a trailing space",
            set("spec.resources.instanceType", TextNode.valueOf("ml.m5.xlarge ")),
            "spec.resources.instanceType", "Invalid value: \"ml.m5.xlarge \": " + INSTANCE_TYPE),
        arguments(JOB, "an instance type with a trailing newline ($ is the end of the text)",
            set("spec.resources.instanceType", TextNode.valueOf("ml.m5.xlarge\n")),
            "spec.resources.instanceType",
            "Invalid value: \"ml.m5.xlarge\\n\": " + INSTANCE_TYPE),
        arguments(JOB, "an instance type with a leading tab",
            set("spec.resources.instanceType", TextNode.valueOf("\tml.m5.xlarge")),
            "spec.resources.instanceType",
            "Invalid value: \"\\tml.m5.xlarge\": " + INSTANCE_TYPE),
        arguments(ENDPOINT, "an instance type with a no-break space",
            set("spec.instanceType", TextNode.valueOf("ml.m5\u00a0large")),
            "spec.instanceType", "Invalid value: \"ml.m5\\u00a0large\": " + INSTANCE_TYPE),
        arguments(JOB, "an image with a space",
            set("spec.image", TextNode.valueOf("111122223333.dkr.ecr.us-east-1.amazonaws.com/"
                + "approved/xgboost:1.7-1 --privileged")),
            "spec.image", "Invalid value: \"111122223333.dkr.ecr.us-east-1.amazonaws\"... "
                + "(80 characters): " + NO_WHITESPACE),
        arguments(JOB, "an image with a zero-width space",
            set("spec.image", TextNode.valueOf("evil.io/x\u200b:1")),
            "spec.image", "Invalid value: \"evil.io/x\\u200b:1\": " + NO_WHITESPACE),
        arguments(JOB, "an S3 URI with a carriage return",
            set("spec.output.s3Uri", TextNode.valueOf("s3://fraud-models/out\r/")),
            "spec.output.s3Uri", "Invalid value: \"s3://fraud-models/out\\r/\": " + S3),
        arguments(MONITOR, "an endpoint reference in another namespace",
            set("spec.endpointRef", TextNode.valueOf("other-namespace/scoring")),
            "spec.endpointRef", "Invalid value: \"other-namespace/scoring\": must not name "
                + "another namespace: references are resolved in the resource's own namespace "
                + "only, so give just the name of a ModelEndpoint in this namespace"),

        // Secrets and long values are not quoted back
        arguments(JOB, "credentials in an input URI",
            set("spec.inputs.0.s3Uri", TextNode.valueOf("s3://admin:S3cretPassw0rd@fraud-data/x/")),
            "spec.inputs[0].s3Uri", "Invalid value: " + ValueText.HIDDEN + ": " + S3),
        arguments(JOB, "an access key id inside an image",
            set("spec.image", TextNode.valueOf("AKIAABCDEFGHIJKLMNOP evil.io/x:1")),
            "spec.image", "Invalid value: " + ValueText.HIDDEN + ": " + NO_WHITESPACE),
        arguments(JOB, "a secret-named hyperparameter of the wrong type",
            set("spec.hyperparameters.db_password", IntNode.valueOf(12345678)),
            "spec.hyperparameters[db_password]",
            "Invalid value: " + ValueText.HIDDEN + ": must be of type string"),
        arguments(JOB, "credentials after a mistyped scheme",
            set("spec.inputs.0.s3Uri", TextNode.valueOf("s3:/admin:S3cretPassw0rd@fraud-data/x/")),
            "spec.inputs[0].s3Uri", "Invalid value: " + ValueText.HIDDEN + ": " + S3),
        arguments(JOB, "credentials without a scheme",
            set("spec.output.s3Uri", TextNode.valueOf("admin:S3cretPassw0rd@fraud-models/x/")),
            "spec.output.s3Uri", "Invalid value: " + ValueText.HIDDEN + ": " + S3),
        arguments(JOB, "registry credentials in an image with a trailing space",
            set("spec.image", TextNode.valueOf("robot:Im4gePassw0rd@evil.io/x:1 ")),
            "spec.image", "Invalid value: " + ValueText.HIDDEN + ": " + NO_WHITESPACE),
        arguments(JOB, "a long tag value under a secret name with a forbidden character",
            set("spec.tags.hmac_key", TextNode.valueOf(LONG_SECRET)),
            "spec.tags[hmac_key]", "Invalid value: " + ValueText.HIDDEN + ": " + TAG_VALUE),
        arguments(JOB, "a lower-case access key id inside an image",
            set("spec.image", TextNode.valueOf("akiaabcdefghijklmnop evil.io/x:1")),
            "spec.image", "Invalid value: " + ValueText.HIDDEN + ": " + NO_WHITESPACE),
        arguments(JOB, "a mixed-case temporary key id inside an image",
            set("spec.image", TextNode.valueOf("AsIaAbCdEfGhIjKlMnOp evil.io/x:1")),
            "spec.image", "Invalid value: " + ValueText.HIDDEN + ": " + NO_WHITESPACE),
        arguments(JOB, "a secret-named environment variable that is too long",
            set("spec.environment", NODES.objectNode().put("DB_PASSWORD", "x".repeat(600))),
            "spec.environment[DB_PASSWORD]",
            "Too long: may not be longer than 512 characters (has 600)"),
        arguments(JOB, "a 10,000-character instance type is cut",
            set("spec.resources.instanceType", TextNode.valueOf("m".repeat(10_000))),
            "spec.resources.instanceType",
            "Too long: may not be longer than 64 characters (has 10000)"),

        // Missing required fields, and nulls that count as missing
        arguments(JOB, "no image", remove("spec.image"), "spec.image", "Required value"),
        arguments(JOB, "an image set to null", set("spec.image", NullNode.getInstance()),
            "spec.image", "Required value"),
        arguments(JOB, "no output location", remove("spec.output.s3Uri"),
            "spec.output.s3Uri", "Required value"),
        arguments(JOB, "an input channel without a name", remove("spec.inputs.1.name"),
            "spec.inputs[1].name", "Required value"),
        arguments(JOB, "no inputs at all", set("spec.inputs", NODES.arrayNode()),
            "spec.inputs", "Invalid value: 0: must have at least 1 items"),
        arguments(ENDPOINT, "an endpoint without a model", remove("spec.model"),
            "spec.model", "Required value"),
        arguments(MONITOR, "a monitor without a baseline", remove("spec.baseline"),
            "spec.baseline", "Required value"),
        arguments(POLICY, "a policy without its role", remove("spec.executionRoleArn"),
            "spec.executionRoleArn", "Required value"),
        arguments(JOB, "no spec at all", remove("spec"), "spec", "Required value"),
        arguments(MONITOR, "spec: null", set("spec", NullNode.getInstance()),
            "spec", "Required value"),

        // Unknown enum values and unknown fields
        arguments(JOB, "a deletion policy outside the enum",
            set("spec.deletionPolicy", TextNode.valueOf("Keep")),
            "spec.deletionPolicy", "Unsupported value: \"Keep\": supported values: \"Delete\", "
                + "\"Retain\""),
        arguments(MONITOR, "an engine in the wrong case",
            set("spec.engine", TextNode.valueOf("builtin")),
            "spec.engine", "Unsupported value: \"builtin\": supported values: \"Builtin\", "
                + "\"ModelMonitor\""),
        arguments(POLICY, "an enforcement mode that does not exist",
            set("spec.enforcement", TextNode.valueOf("Warn")),
            "spec.enforcement", "Unsupported value: \"Warn\": supported values: \"Audit\", "
                + "\"Enforce\""),
        arguments(MONITOR, "a baseline format that does not exist",
            set("spec.baseline.format", TextNode.valueOf("Parquet")),
            "spec.baseline.format", "Unsupported value: \"Parquet\": supported values: \"Csv\", "
                + "\"JsonLines\""),
        arguments(JOB, "a compression type outside SageMaker's",
            set("spec.inputs.0.compressionType", TextNode.valueOf("Zip")),
            "spec.inputs[0].compressionType", "Invalid value: \"Zip\": must match "
                + "'^(None|Gzip)$'"),
        arguments(JOB, "a misspelt field is refused, not silently dropped",
            set("spec.maxRunTime", TextNode.valueOf("1h")),
            "spec.maxRunTime", "Forbidden: unknown field, not in the schema"),
        arguments(ENDPOINT, "an unknown field inside a nested block",
            set("spec.autoscaling.maxReplicas", IntNode.valueOf(50)),
            "spec.autoscaling.maxReplicas", "Forbidden: unknown field, not in the schema"),

        // Numbers past every integer type
        arguments(JOB, "a volume beyond 64 bits",
            set("spec.resources.volumeSizeGB",
                NODES.numberNode(new BigInteger("99999999999999999999999"))),
            "spec.resources.volumeSizeGB",
            "Invalid value: 99999999999999999999999: must be less than or equal to 16384"),
        arguments(JOB, "a huge runtime as written in the issue",
            set("spec.maxRuntime",
                TextNode.valueOf("9223372036854775807s9223372036854775807s3602s")),
            "spec.maxRuntime", "Too long: may not be longer than 32 characters (has 45)"),
        arguments(JOB, "a runtime past what a duration can hold",
            set("spec.maxRuntime", TextNode.valueOf("99999999999999999999h")),
            "spec.maxRuntime", "Invalid value: \"99999999999999999999h\": must be between 1s "
                + "and 672h (SageMaker's limit of 28 days) (the rule could not be evaluated on "
                + "this value)"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("manifests")
  void refusesWithTheFieldAndWhatIsAllowed(String file, String behaviour,
      Consumer<ObjectNode> change, String field, String message) throws IOException {
    ObjectNode doc = example(file);
    change.accept(doc);

    assertThat(VALIDATOR.validate(doc)).containsExactly(new SchemaError(field, message));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"hmac_key", "signing_key", "encryption_key", "master_key",
      "client_key", "account_key", "storage_key", "ssh_key", "SENTRY_DSN", "db_creds",
      "connection_string", "session_key", "auth_cookie"})
  void neverQuotesAPrefixOfAValueUnderASecretName(String name) throws IOException {
    ObjectNode doc = example(JOB);
    set("spec.tags." + name, TextNode.valueOf(LONG_SECRET)).accept(doc);

    List<SchemaError> errors = VALIDATOR.validate(doc);

    assertThat(errors).containsExactly(new SchemaError("spec.tags[" + name + "]",
        "Invalid value: " + ValueText.HIDDEN + ": " + TAG_VALUE));
    assertThat(errors.toString()).doesNotContain(LONG_SECRET.substring(0, ValueText.KEPT))
        .doesNotContain(LONG_SECRET.substring(0, 8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void theExamplesThemselvesAreValid(String file) throws IOException {
    assertThat(VALIDATOR.validate(example(file))).isEmpty();
  }

  static Stream<String> files() {
    return Stream.of(JOB, ENDPOINT, MONITOR, POLICY, "11-training-job-noncompliant.yaml");
  }

  static ObjectNode example(String file) throws IOException {
    return (ObjectNode) new YAMLMapper().readTree(Path.of("examples", file).toFile());
  }

  /** Sets the node at a dotted path (numbers index lists), creating objects on the way. */
  static Consumer<ObjectNode> set(String path, JsonNode value) {
    return doc -> {
      List<String> parts = List.of(path.split("\\."));
      JsonNode parent = walk(doc, parts.subList(0, parts.size() - 1));
      String last = parts.get(parts.size() - 1);
      if (parent instanceof ArrayNode array) {
        array.set(Integer.parseInt(last), value);
      } else {
        ((ObjectNode) parent).set(last, value);
      }
    };
  }

  static Consumer<ObjectNode> remove(String path) {
    return doc -> {
      List<String> parts = List.of(path.split("\\."));
      JsonNode parent = walk(doc, parts.subList(0, parts.size() - 1));
      String last = parts.get(parts.size() - 1);
      if (parent instanceof ArrayNode array) {
        array.remove(Integer.parseInt(last));
      } else {
        ((ObjectNode) parent).remove(last);
      }
    };
  }

  private static JsonNode walk(ObjectNode doc, List<String> parts) {
    JsonNode node = doc;
    for (String part : parts) {
      JsonNode next = node.isArray() ? node.get(Integer.parseInt(part)) : node.get(part);
      if (next == null && node instanceof ObjectNode o) {
        next = o.putObject(part);
      }
      node = next;
    }
    return node;
  }
}
