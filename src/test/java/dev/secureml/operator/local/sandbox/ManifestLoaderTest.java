package dev.secureml.operator.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.SecureTrainingJob;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Careless and hostile manifests (category "manifest"): each is refused before anything starts,
 * with the exact message naming file, line, column, document and field path, or loads as
 * kubectl would load it.
 */
class ManifestLoaderTest {
  static final String SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case "
      + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
      + "character (e.g. 'example.com', regex used for validation is "
      + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  static final String LABEL = "a lowercase RFC 1123 label must consist of lower case "
      + "alphanumeric characters or '-', and must start and end with an alphanumeric character "
      + "(e.g. 'my-name',  or '123-abc', regex used for validation is "
      + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  private static final String JOB = "apiVersion: secureml.dev/v1alpha1\nkind: SecureTrainingJob\n";
  private static final String NS = "apiVersion: v1\nkind: Namespace\n";

  @TempDir
  Path dir;

  /** One refused manifest: its text and the exact message, FILE standing for its path. */
  static Stream<Arguments> refused() {
    String long254 = "a".repeat(254);
    String ns64 = "n".repeat(64);
    return Stream.of(
        arguments("non-DNS name", JOB + "metadata:\n  name: modèle-fraude-ü\n"
            + "  namespace: fraud-models\n",
            "FILE:4:3 (document 1, metadata.name): SecureTrainingJob.secureml.dev "
            + "\"modèle-fraude-ü\" is invalid: metadata.name: Invalid value: "
            + "\"modèle-fraude-ü\": " + SUBDOMAIN),
        arguments("upper-case name", JOB + "metadata: {name: Bank-Failure, namespace: ns}\n",
            "FILE:3:12 (document 1, metadata.name): SecureTrainingJob.secureml.dev "
            + "\"Bank-Failure\" is invalid: metadata.name: Invalid value: \"Bank-Failure\": "
            + SUBDOMAIN),
        arguments("name over 253 characters", JOB + "metadata: {name: " + long254
            + ", namespace: ns}\n", "FILE:3:12 (document 1, metadata.name): "
            + "SecureTrainingJob.secureml.dev \"" + long254 + "\" is invalid: metadata.name: "
            + "Invalid value: \"" + long254 + "\": must be no more than 253 characters"),
        arguments("namespace over 63 characters", JOB + "metadata: {name: a, namespace: "
            + ns64 + "}\n", "FILE:3:21 (document 1, metadata.namespace): "
            + "SecureTrainingJob.secureml.dev \"a\" is invalid: metadata.namespace: Invalid "
            + "value: \"" + ns64 + "\": must be no more than 63 characters"),
        arguments("namespace with dots", JOB + "metadata: {name: a, namespace: fraud.models}\n",
            "FILE:3:21 (document 1, metadata.namespace): SecureTrainingJob.secureml.dev \"a\" "
            + "is invalid: metadata.namespace: Invalid value: \"fraud.models\": must not "
            + "contain dots"),
        arguments("Namespace named with an underscore", NS + "metadata: {name: Fraud_Models}\n",
            "FILE:3:12 (document 1, metadata.name): Namespace \"Fraud_Models\" is invalid: "
            + "metadata.name: Invalid value: \"Fraud_Models\": " + LABEL),
        arguments("escaped control character in a name", NS + "metadata: {name: \"a\\tb\"}\n",
            "FILE:3:12 (document 1, metadata.name): Namespace \"a\\tb\" is invalid: "
            + "metadata.name: Invalid value: \"a\\tb\": " + LABEL),
        arguments("missing name", NS + "metadata: {labels: {team: fraud}}\n",
            "FILE:3:1 (document 1, metadata.name): Namespace \"\" is invalid: metadata.name: "
            + "Required value: name or generateName is required"),
        arguments("generateName", JOB + "metadata: {generateName: job-, namespace: ns}\n",
            "FILE:3:12 (document 1, metadata.generateName): metadata.generateName is not "
            + "supported by the sandbox, which follows objects by name: set metadata.name"),
        arguments("duplicate key", JOB + "metadata: {name: a, namespace: ns}\nspec:\n"
            + "  resources:\n    instanceType: ml.m5.xlarge\n    instanceCount: 1\n"
            + "    instanceType: ml.p4d.24xlarge\n",
            "FILE:8:5 (document 1, spec.resources.instanceType): duplicate key "
            + "\"instanceType\" (first at line 6): a key may appear once in a mapping"),
        arguments("duplicate top-level key", NS + "metadata: {name: a}\nkind: Namespace\n",
            "FILE:4:1 (document 1, kind): duplicate key \"kind\" (first at line 2): a key may "
            + "appear once in a mapping"),
        arguments("duplicate key in a flow mapping", NS + "metadata: {name: a, name: b}\n",
            "FILE:3:21 (document 1, metadata.name): duplicate key \"name\" (first at line 3): "
            + "a key may appear once in a mapping"),
        arguments("duplicate key in the second document", NS + "metadata: {name: a}\n---\n"
            + NS + "metadata:\n  name: b\n  labels: {x: y}\n  labels: {x: z}\n",
            "FILE:10:3 (document 2, metadata.labels): duplicate key \"labels\" (first at "
            + "line 9): a key may appear once in a mapping"),
        arguments("unterminated quote", NS + "metadata:\n  name: \"fraud\n",
            "FILE:5:1 (document 1, metadata.name): not valid YAML: found unexpected end of "
            + "stream (while scanning a quoted scalar at line 4)"),
        arguments("tab indentation", NS + "metadata:\n\tname: x\n",
            "FILE:4:1 (document 1, metadata): not valid YAML: found character '\\t(TAB)' that "
            + "cannot start any token. (Do not use \\t(TAB) for indentation)"),
        arguments("bad indentation", JOB + "metadata: {name: a}\nspec:\n  resources:\n"
            + "    instanceType: ml.m5.xlarge\n   instanceCount: 1\n",
            "FILE:7:4 (document 1, spec): not valid YAML: expected <block end>, but found "
            + "'<block mapping start>' (while parsing a block mapping at line 5)"),
        arguments("raw control character", NS + "metadata: {name: a\u0001b}\n",
            "FILE:3:19 (document 1): not valid YAML: character U+0001 is not allowed; write it "
            + "as an escape in a double-quoted string"),
        arguments("undefined alias", NS + "metadata: *meta\n",
            "FILE:3:11 (document 1, metadata): alias *meta refers to no anchor &meta earlier "
            + "in this document"),
        arguments("anchor from another document", NS + "metadata: &m {name: a}\n---\n" + NS
            + "metadata: *m\n", "FILE:7:11 (document 2, metadata): alias *m refers to no "
            + "anchor &m earlier in this document"),
        arguments("recursive alias", NS + "metadata: &m {name: a, labels: *m}\n",
            "FILE:3:32 (document 1, metadata.labels): alias *m refers to a value that "
            + "contains it"),
        arguments("billion laughs", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
            + "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
            "FILE:6:8 (document 1, f[0]): more than 100000 values once aliases are expanded; "
            + "a manifest is never that large"),
        arguments("long text repeated by aliases", "a: &a " + "x".repeat(1_000_000)
            + "\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n",
            "FILE:2:33 (document 1, b[7]): more than 8388608 characters once aliases are "
            + "expanded; a manifest is never that large"),
        arguments("nesting too deep", "a: " + "[".repeat(120) + "]".repeat(120) + "\n",
            "FILE:1:103 (document 1, a" + "[0]".repeat(99) + "): nested more than 100 levels "
            + "deep"),
        arguments("code-running tag", NS + "metadata: !!python/object/apply:os.system "
            + "[\"id\"]\n", "FILE:3:11 (document 1, metadata): the YAML tag "
            + "!!python/object/apply:os.system is not supported: manifests use plain strings, "
            + "numbers, booleans, null, mappings and lists"),
        arguments("binary tag", NS + "metadata: {name: !!binary YWJj}\n",
            "FILE:3:18 (document 1, metadata.name): the YAML tag !!binary is not supported: "
            + "manifests use plain strings, numbers, booleans, null, mappings and lists"),
        arguments("merge of a scalar", NS + "metadata:\n  <<: just-text\n  name: a\n",
            "FILE:4:3 (document 1, metadata): the merge key << takes a mapping or a list of "
            + "mappings"),
        arguments("unknown kind", "apiVersion: secureml.dev/v1alpha1\nkind: SecureTuningJob\n"
            + "metadata: {name: a}\n", "FILE:2:1 (document 1, kind): no matches for kind "
            + "\"SecureTuningJob\" in version \"secureml.dev/v1alpha1\"; the sandbox applies "
            + "Namespace (v1), and CompliancePolicy, SecureTrainingJob, ModelEndpoint and "
            + "DataQualityMonitor (secureml.dev/v1alpha1)"),
        arguments("known kind in an unknown version", "apiVersion: secureml.dev/v1\n"
            + "kind: SecureTrainingJob\nmetadata: {name: a}\n", "FILE:2:1 (document 1, kind): "
            + "no matches for kind \"SecureTrainingJob\" in version \"secureml.dev/v1\"; the "
            + "sandbox applies Namespace (v1), and CompliancePolicy, SecureTrainingJob, "
            + "ModelEndpoint and DataQualityMonitor (secureml.dev/v1alpha1)"),
        arguments("missing apiVersion", "kind: Namespace\nmetadata: {name: a}\n",
            "FILE:1:1 (document 1): error validating data: apiVersion not set"),
        arguments("missing apiVersion and kind", "metadata: {name: a}\n",
            "FILE:1:1 (document 1): error validating data: apiVersion not set, kind not set"),
        arguments("empty mapping document", NS + "metadata: {name: a}\n---\n{}\n",
            "FILE:5:1 (document 2): error validating data: apiVersion not set, kind not set"),
        arguments("a list as document", "- apiVersion: v1\n  kind: Namespace\n",
            "FILE:1:1 (document 1): not a Kubernetes object: a document is a mapping with "
            + "apiVersion, kind and metadata"),
        arguments("invalid item of a List", "apiVersion: v1\nkind: List\nitems:\n"
            + "- " + NS.replace("\n", "\n  ") + "metadata: {name: ok}\n"
            + "- " + NS.replace("\n", "\n  ") + "metadata: {name: Bad_NS}\n",
            "FILE:9:14 (document 1, items[1].metadata.name): Namespace \"Bad_NS\" is invalid: "
            + "metadata.name: Invalid value: \"Bad_NS\": " + LABEL),
        arguments("unknown fields", JOB + "metadata: {name: a, namespace: ns, lables: {a: b}}\n"
            + "spec:\n  instanceTyp: ml.m5.large\n",
            "FILE:5:3 (document 1, spec.instanceTyp): unknown field \"spec.instanceTyp\", "
            + "unknown field \"metadata.lables\""),
        arguments("a number where text is expected", JOB + "metadata: {name: a, namespace: ns}\n"
            + "spec:\n  hyperparameters: {eta: 0.10}\n",
            "FILE:5:21 (document 1, spec.hyperparameters.eta): spec.hyperparameters.eta: "
            + "Invalid value: \"number\": spec.hyperparameters.eta in body must be of type "
            + "string: \"number\" (quote it: \"0.10\")"),
        arguments("YAML 1.1 boolean where text is expected", NS + "metadata: {name: no}\n",
            "FILE:3:12 (document 1, metadata.name): metadata.name: Invalid value: "
            + "\"boolean\": metadata.name in body must be of type string: \"boolean\" (quote "
            + "it: \"no\")"),
        arguments("text where an integer is expected", JOB + "metadata: {name: a, namespace: "
            + "ns}\nspec:\n  resources: {instanceCount: \"two\"}\n",
            "FILE:5:15 (document 1, spec.resources.instanceCount): "
            + "spec.resources.instanceCount: Invalid value: \"string\": "
            + "spec.resources.instanceCount in body must be of type integer: \"string\""),
        arguments("fraction where an integer is expected", JOB + "metadata: {name: a, "
            + "namespace: ns}\nspec:\n  resources: {instanceCount: 2.5}\n",
            "FILE:5:15 (document 1, spec.resources.instanceCount): "
            + "spec.resources.instanceCount: Invalid value: \"number\": "
            + "spec.resources.instanceCount in body must be of type integer: \"number\""),
        arguments("integer out of range", JOB + "metadata: {name: a, namespace: ns}\nspec:\n"
            + "  resources: {volumeSizeGB: 99999999999999}\n",
            "FILE:5:15 (document 1, spec.resources.volumeSizeGB): spec.resources.volumeSizeGB: "
            + "Invalid value: \"99999999999999\": spec.resources.volumeSizeGB in body is out of "
            + "range"),
        arguments("enum value in the wrong case", "apiVersion: secureml.dev/v1alpha1\n"
            + "kind: DataQualityMonitor\nmetadata: {name: a, namespace: ns}\n"
            + "spec: {engine: builtin}\n", "FILE:4:8 (document 1, spec.engine): spec.engine: "
            + "Unsupported value: \"builtin\": supported values: \"Builtin\", \"ModelMonitor\""),
        arguments("same object twice", NS + "metadata: {name: a}\n---\n" + NS
            + "metadata: {name: a}\n", "FILE:7:12 (document 2, metadata.name): Namespace a is "
            + "also defined in FILE (document 1); each object may be given once"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refusesWithTheFileLineAndFieldPath(String name, String yaml, String message)
      throws IOException {
    Path file = write(yaml);

    assertThatThrownBy(() -> new ManifestLoader().load(List.of(file)))
        .isInstanceOf(BadInputException.class)
        .hasMessage(message.replace("FILE", file.toString()));
  }

  @Test
  void refusesABillionLaughsWithoutExpandingIt() throws IOException {
    StringBuilder yaml = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int level = 1; level < 10; level++) {
      String alias = "*l" + (level - 1);
      yaml.append("l").append(level).append(": &l").append(level).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(8, alias))).append("]\n");
    }
    Path file = write(yaml.toString()); // 8^10 (over a billion) values once expanded

    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(
        () -> new ManifestLoader().load(List.of(file)))
        .hasMessageEndingWith("more than 100000 values once aliases are expanded; a manifest "
            + "is never that large"));
  }

  @Test
  void refusesAFileThatIsNotUtf8() throws IOException {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, (NS + "metadata: {name: mod\u00e8le}\n")
        .getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> new ManifestLoader().load(List.of(file)))
        .hasMessage(file + ": not UTF-8 text; save the manifest as UTF-8");
  }

  @Test
  void skipsEmptyDocumentsCommentsAndAByteOrderMark() throws IOException {
    Path file = write("\uFEFF# the team's namespace\n---\n---\n" + NS
        + "metadata: {name: fraud-models}\n---\n# nothing here\n---\n\n");

    List<HasMetadata> objects = new ManifestLoader().load(List.of(file));

    assertThat(objects).singleElement().isInstanceOf(Namespace.class)
        .extracting(o -> o.getMetadata().getName()).isEqualTo("fraud-models");
  }

  @Test
  void loadsAnchorsAliasesAndMergeKeys() throws IOException {
    Path file = write(JOB + "metadata:\n  name: bank-failure-xgb\n  namespace: fraud-models\n"
        + "  labels: &labels {team: fraud}\nspec:\n  inputs:\n"
        + "    - &train {name: train, s3Uri: \"s3://fraud-data/train/\", contentType: text/csv}\n"
        + "    - <<: *train\n      name: validation\n      s3Uri: \"s3://fraud-data/valid/\"\n"
        + "  tags:\n    <<: [*labels, {team: other, cost-center: CC-1}]\n"
        + "    project: bank-failure\n");

    SecureTrainingJob job = (SecureTrainingJob) new ManifestLoader().load(List.of(file)).get(0);

    assertThat(job.getSpec().inputs).extracting(c -> c.name + " " + c.s3Uri + " "
        + c.contentType).containsExactly("train s3://fraud-data/train/ text/csv",
            "validation s3://fraud-data/valid/ text/csv");
    // Own keys win over merged ones; an earlier merged mapping over a later one.
    assertThat(job.getSpec().tags).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
        "team", "fraud", "cost-center", "CC-1", "project", "bank-failure"));
  }

  @Test
  void expandsAListAndDefaultsTheNamespaceAsKubectlDoes() throws IOException {
    Path file = write("apiVersion: v1\nkind: List\nitems:\n"
        + "- apiVersion: secureml.dev/v1alpha1\n  kind: CompliancePolicy\n"
        + "  metadata: {name: fraud-team, namespace: ignored}\n"
        + "- " + JOB.replace("\n", "\n  ") + "metadata: {name: job}\n");

    List<HasMetadata> objects = new ManifestLoader().load(List.of(file));

    assertThat(objects).hasSize(2);
    assertThat(objects.get(0)).isInstanceOf(CompliancePolicy.class);
    assertThat(objects.get(0).getMetadata().getNamespace()).isNull(); // cluster-scoped
    assertThat(objects.get(1).getMetadata().getNamespace()).isEqualTo("default");
  }

  @Test
  void loadsTheShippedExamples() {
    assertThat(new ManifestLoader().load(List.of(Path.of("examples")))).hasSize(6);
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("manifest.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
