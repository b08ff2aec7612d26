package dev.secureml.operator.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Helm chart lints cleanly, renders the objects of the plain manifests in operator/deploy
 * with the values applied, refuses values its schema does not allow, and ships the CRDs of crds/.
 * Helm runs in-process (helm-java); nothing needs a cluster.
 */
class HelmChartTest {
  private static final Path CHART = Path.of("helm/secure-sagemaker-operator");
  private static final Path PLAIN = Path.of("operator/deploy");
  private static final String RELEASE = "secure-sagemaker-operator";
  private static final String NAMESPACE = "secureml-system";
  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir
  Path tmp;

  // --- lint and chart metadata ---

  @Test
  void lintPassesInStrictMode() {
    LintResult lint = new Helm(CHART).lint().strict().call();
    assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  @Test
  void chartMetadata() throws IOException {
    JsonNode chart = YAML.readTree(CHART.resolve("Chart.yaml").toFile());
    assertThat(chart.path("apiVersion").asText()).isEqualTo("v2");
    assertThat(chart.path("name").asText()).isEqualTo("secure-sagemaker-operator");
    assertThat(chart.path("version").asText()).isEqualTo("0.1.0");
    assertThat(chart.path("appVersion").asText()).isEqualTo("0.1.0");
    assertThat(chart.path("kubeVersion").asText()).isEqualTo(">=1.25.0-0");
    assertThat(chart.path("description").asText()).isNotBlank();
    assertThat(chart.path("keywords")).isNotEmpty();
  }

  @Test
  void refusesKubernetesOlderThanKubeVersion() {
    assertThatThrownBy(() -> new Helm(CHART).template().withName(RELEASE)
        .withNamespace(NAMESPACE).withKubeVersion("1.24.0").call())
        .hasMessageContaining("kubeVersion");
  }

  @Test
  void chartCrdsAreByteIdenticalToTheRepositorysCrds() throws IOException {
    List<Path> repo = files(Path.of("crds"));
    List<Path> chart = files(CHART.resolve("crds"));
    assertThat(repo).isNotEmpty();
    assertThat(names(chart)).as("files in the chart's crds/").isEqualTo(names(repo));
    for (Path file : repo) {
      Path copy = CHART.resolve("crds").resolve(file.getFileName());
      assertThat(Files.mismatch(file, copy))
          .as("%s differs from %s; copy crds/ into the chart", copy, file).isEqualTo(-1L);
    }
  }

  // --- rendering with the defaults ---

  @Test
  void defaultsRenderTheOperatorsObjects() throws IOException {
    Map<String, JsonNode> objects = render("");
    assertThat(objects.keySet()).containsExactlyInAnyOrder(
        "ServiceAccount/secure-sagemaker-operator",
        "ClusterRole/secure-sagemaker-operator",
        "ClusterRoleBinding/secure-sagemaker-operator",
        "Service/secure-sagemaker-operator-metrics",
        "Deployment/secure-sagemaker-operator");
    for (JsonNode object : objects.values()) {
      JsonNode labels = object.path("metadata").path("labels");
      assertThat(labels.path("app.kubernetes.io/name").asText()).isEqualTo(RELEASE);
      assertThat(labels.path("app.kubernetes.io/instance").asText()).isEqualTo(RELEASE);
      assertThat(labels.path("app.kubernetes.io/version").asText()).isEqualTo("0.1.0");
      assertThat(labels.path("app.kubernetes.io/managed-by").asText()).isEqualTo("Helm");
      assertThat(labels.path("helm.sh/chart").asText()).isEqualTo("secure-sagemaker-operator-0.1.0");
    }
  }

  @Test
  void deploymentHasProbesSecurityContextAndEnvironment() throws IOException {
    JsonNode deployment = render("").get("Deployment/secure-sagemaker-operator");
    JsonNode pod = deployment.path("spec").path("template").path("spec");
    JsonNode container = pod.path("containers").get(0);

    assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(1);
    assertThat(deployment.path("spec").path("strategy").path("type").asText()).isEqualTo("Recreate");
    assertThat(container.path("image").asText()).isEqualTo("secure-sagemaker-operator:0.1.0");
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo("secure-sagemaker-operator");

    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(container.at("/livenessProbe/httpGet/port").asText()).isEqualTo("metrics");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("metrics");
    assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(container.at("/ports/0/name").asText()).isEqualTo("metrics");
    assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);

    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").isBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(texts(container.at("/securityContext/capabilities/drop"))).containsExactly("ALL");
    assertThat(container.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/tmp");

    Map<String, String> env = env(container);
    assertThat(env).containsEntry("AWS_REGION", "us-east-1")
        .containsEntry("SECUREML_METRICS_PORT", "8080")
        .containsEntry("SECUREML_SAGEMAKER_RATE", "5")
        .doesNotContainKeys("SECUREML_WATCH_NAMESPACES", "SECUREML_AWS_ENDPOINT");
    assertThat(container.has("args")).isFalse();
  }

  @Test
  void deploymentMatchesThePlainManifest() throws IOException {
    JsonNode plain = YAML.readTree(PLAIN.resolve("deployment.yaml").toFile());
    JsonNode rendered = render("").get("Deployment/secure-sagemaker-operator");
    JsonNode plainPod = plain.at("/spec/template/spec");
    JsonNode pod = rendered.at("/spec/template/spec");
    assertThat(pod.path("securityContext")).isEqualTo(plainPod.path("securityContext"));
    assertThat(pod.path("volumes")).isEqualTo(plainPod.path("volumes"));
    JsonNode plainContainer = plainPod.path("containers").get(0);
    JsonNode container = pod.path("containers").get(0);
    for (String field : List.of("name", "image", "livenessProbe", "readinessProbe", "resources",
        "securityContext", "volumeMounts")) {
      assertThat(container.path(field)).as(field).isEqualTo(plainContainer.path(field));
    }
    assertThat(env(container)).containsAllEntriesOf(env(plainContainer));
    assertThat(rendered.at("/spec/strategy")).isEqualTo(plain.at("/spec/strategy"));
    assertThat(rendered.at("/spec/template/metadata/annotations"))
        .isEqualTo(plain.at("/spec/template/metadata/annotations"));
  }

  @Test
  void rbacMatchesThePlainManifest() throws IOException {
    Map<String, JsonNode> plain = index(documents(Files.readString(PLAIN.resolve("rbac.yaml"))));
    Map<String, JsonNode> rendered = render("");
    assertThat(rendered.get("ClusterRole/secure-sagemaker-operator").path("rules"))
        .isEqualTo(plain.get("ClusterRole/secure-sagemaker-operator").path("rules"));
    JsonNode binding = rendered.get("ClusterRoleBinding/secure-sagemaker-operator");
    assertThat(binding.path("roleRef"))
        .isEqualTo(plain.get("ClusterRoleBinding/secure-sagemaker-operator").path("roleRef"));
    assertThat(binding.at("/subjects/0/kind").asText()).isEqualTo("ServiceAccount");
    assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("secure-sagemaker-operator");
    assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(NAMESPACE);
  }

  @Test
  void clusterRoleCoversEveryKindInTheCrds() throws IOException {
    JsonNode rules = render("").get("ClusterRole/secure-sagemaker-operator").path("rules");
    for (JsonNode crd : crds()) {
      String plural = crd.at("/spec/names/plural").asText();
      assertThat(verbs(rules, plural)).as(plural)
          .contains("get", "list", "watch", "patch", "update");
      assertThat(verbs(rules, plural + "/status")).as(plural + "/status")
          .contains("get", "patch", "update");
      // Every namespaced kind holds a finalizer until its SageMaker resources are cleaned up.
      if (crd.at("/spec/scope").asText().equals("Namespaced")) {
        assertThat(verbs(rules, plural + "/finalizers")).as(plural + "/finalizers")
            .contains("update");
      }
    }
  }

  @Test
  void dataQualityMonitorsMayCreateAndDeleteTheirRetrainingJobs() throws IOException {
    JsonNode rules = render("").get("ClusterRole/secure-sagemaker-operator").path("rules");
    assertThat(verbs(rules, "securetrainingjobs"))
        .contains("create", "get", "list", "watch", "delete");
    assertThat(verbs(rules, "modelendpoints")).doesNotContain("create", "delete");
    assertThat(verbs(rules, "dataqualitymonitors")).doesNotContain("create", "delete");
  }

  @Test
  void chartAnnotationListsEveryCrd() throws IOException {
    JsonNode chart = YAML.readTree(CHART.resolve("Chart.yaml").toFile());
    JsonNode listed = YAML.readTree(chart.at("/annotations").path("artifacthub.io/crds").asText());
    List<String> names = new ArrayList<>();
    listed.forEach(entry -> names.add(entry.path("name").asText() + " " + entry.path("kind")
        .asText() + " " + entry.path("version").asText()));
    List<String> expected = new ArrayList<>();
    for (JsonNode crd : crds()) {
      expected.add(crd.at("/metadata/name").asText() + " " + crd.at("/spec/names/kind").asText()
          + " " + crd.at("/spec/versions/0/name").asText());
    }
    assertThat(names).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void metricsServiceSelectsTheOperatorPod() throws IOException {
    Map<String, JsonNode> objects = render("");
    JsonNode service = objects.get("Service/secure-sagemaker-operator-metrics");
    JsonNode podLabels = objects.get("Deployment/secure-sagemaker-operator")
        .at("/spec/template/metadata/labels");
    service.at("/spec/selector").fields().forEachRemaining(label ->
        assertThat(podLabels.path(label.getKey())).as(label.getKey()).isEqualTo(label.getValue()));
    assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("metrics");
    assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(8080);
  }

  // --- rendering with values ---

  @Test
  void watchNamespacesAndAwsSettingsBecomeEnvironment() throws IOException {
    JsonNode container = render("""
        region: eu-central-1
        awsEndpoint: https://sagemaker.example.internal
        watchNamespaces: [a, b]
        metricsPort: 9090
        sageMakerRate: 2.5
        extraEnv:
          - {name: JAVA_TOOL_OPTIONS, value: "-XX:MaxRAMPercentage=60"}
        extraArgs: ["--poll-max=10m"]
        """).get("Deployment/secure-sagemaker-operator").at("/spec/template/spec/containers/0");
    assertThat(env(container))
        .containsEntry("AWS_REGION", "eu-central-1")
        .containsEntry("SECUREML_AWS_ENDPOINT", "https://sagemaker.example.internal")
        .containsEntry("SECUREML_WATCH_NAMESPACES", "a,b")
        .containsEntry("SECUREML_METRICS_PORT", "9090")
        .containsEntry("SECUREML_SAGEMAKER_RATE", "2.5")
        .containsEntry("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=60");
    assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(9090);
    assertThat(texts(container.path("args"))).containsExactly("--poll-max=10m");
  }

  @Test
  void serviceAccountAnnotationsRender() throws IOException {
    JsonNode account = render("""
        serviceAccount:
          annotations:
            eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/secure-sagemaker-operator
        """).get("ServiceAccount/secure-sagemaker-operator");
    assertThat(account.at("/metadata/annotations").path("eks.amazonaws.com/role-arn").asText())
        .isEqualTo("arn:aws:iam::111122223333:role/secure-sagemaker-operator");
  }

  @Test
  void podSchedulingAndImageValuesRender() throws IOException {
    JsonNode deployment = render("""
        image: {repository: 111122223333.dkr.ecr.us-east-1.amazonaws.com/secure-sagemaker-operator, tag: "0.1.1", pullPolicy: Always}
        imagePullSecrets: [{name: ecr-pull}]
        nodeSelector: {kubernetes.io/os: linux}
        tolerations: [{key: dedicated, operator: Equal, value: platform, effect: NoSchedule}]
        affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/arch, operator: In, values: [amd64]}]}]}}}
        podAnnotations: {team: platform}
        podLabels: {cost-center: CC-1234}
        priorityClassName: system-cluster-critical
        resources: {requests: {cpu: 200m, memory: 512Mi}, limits: {memory: 1Gi}}
        """).get("Deployment/secure-sagemaker-operator");
    JsonNode pod = deployment.at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");
    assertThat(container.path("image").asText())
        .isEqualTo("111122223333.dkr.ecr.us-east-1.amazonaws.com/secure-sagemaker-operator:0.1.1");
    assertThat(container.path("imagePullPolicy").asText()).isEqualTo("Always");
    assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("1Gi");
    assertThat(pod.at("/imagePullSecrets/0/name").asText()).isEqualTo("ecr-pull");
    assertThat(pod.at("/nodeSelector").path("kubernetes.io/os").asText()).isEqualTo("linux");
    assertThat(pod.at("/tolerations/0/key").asText()).isEqualTo("dedicated");
    assertThat(pod.at("/affinity/nodeAffinity").isObject()).isTrue();
    assertThat(pod.path("priorityClassName").asText()).isEqualTo("system-cluster-critical");
    JsonNode podMeta = deployment.at("/spec/template/metadata");
    assertThat(podMeta.at("/annotations/team").asText()).isEqualTo("platform");
    assertThat(podMeta.at("/annotations").path("prometheus.io/scrape").asText()).isEqualTo("true");
    assertThat(podMeta.at("/labels/cost-center").asText()).isEqualTo("CC-1234");
    // Selector labels stay put, so upgrades never orphan the old ReplicaSet.
    assertThat(deployment.at("/spec/selector/matchLabels")).hasSize(2);
  }

  @Test
  void serviceMonitorIsOptional() throws IOException {
    assertThat(render("").keySet()).noneMatch(k -> k.startsWith("ServiceMonitor/"));

    Map<String, JsonNode> objects = render("""
        metrics:
          serviceMonitor:
            enabled: true
            interval: 15s
            labels: {release: prometheus}
        """);
    JsonNode monitor = objects.get("ServiceMonitor/secure-sagemaker-operator");
    assertThat(monitor).isNotNull();
    assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
    assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("metrics");
    assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
    assertThat(monitor.at("/spec/endpoints/0/interval").asText()).isEqualTo("15s");
    assertThat(texts(monitor.at("/spec/namespaceSelector/matchNames"))).containsExactly(NAMESPACE);
    JsonNode serviceLabels = objects.get("Service/secure-sagemaker-operator-metrics")
        .at("/metadata/labels");
    monitor.at("/spec/selector/matchLabels").fields().forEachRemaining(label ->
        assertThat(serviceLabels.path(label.getKey())).as(label.getKey())
            .isEqualTo(label.getValue()));
  }

  @Test
  void anExistingServiceAccountCanBeUsed() throws IOException {
    Map<String, JsonNode> objects = render("""
        serviceAccount: {create: false, name: platform-operator}
        """);
    assertThat(objects.keySet()).noneMatch(k -> k.startsWith("ServiceAccount/"));
    assertThat(objects.get("Deployment/secure-sagemaker-operator")
        .at("/spec/template/spec/serviceAccountName").asText()).isEqualTo("platform-operator");
    assertThat(objects.get("ClusterRoleBinding/secure-sagemaker-operator")
        .at("/subjects/0/name").asText()).isEqualTo("platform-operator");
  }

  // --- values the schema refuses ---

  @ParameterizedTest
  @ValueSource(strings = {
      "replicaCount: two",
      "replicaCount: 2",
      "unknownKey: true",
      "region: us-east",
      "region: US-EAST-1",
      "watchNamespaces: a,b",
      "metricsPort: \"8080\"",
      "sageMakerRate: 0",
      "image: {repository: op, tag: 1}",
      "image: {pullPolicy: Sometimes}",
      "serviceAccount: {annotation: {}}",
      "metrics: {serviceMonitor: {enabled: \"yes\"}}",
  })
  void schemaRejectsWrongValues(String values) {
    assertThatThrownBy(() -> render(values)).as(values)
        .hasMessageContaining("values don't meet the specifications of the schema");
  }

  // --- helpers ---

  /** helm template with the given values file content; objects by "Kind/name". */
  private Map<String, JsonNode> render(String values) throws IOException {
    Path valuesFile = Files.writeString(Files.createTempFile(tmp, "values", ".yaml"), values);
    TemplateCommand template = new Helm(CHART).template().withName(RELEASE)
        .withNamespace(NAMESPACE).withKubeVersion("1.30.0").withValuesFile(valuesFile);
    return index(documents(template.call()));
  }

  private static Map<String, JsonNode> index(List<JsonNode> documents) {
    Map<String, JsonNode> objects = new LinkedHashMap<>();
    for (JsonNode doc : documents) {
      String key = doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
      assertThat(objects.put(key, doc)).as("duplicate object " + key).isNull();
    }
    return objects;
  }

  private static List<JsonNode> documents(String yaml) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isEmpty()) {
          docs.add(doc);
        }
      }
    }
    return docs;
  }

  /** Verbs the rules grant on a secureml.dev resource (or subresource). */
  private static List<String> verbs(JsonNode rules, String resource) {
    List<String> verbs = new ArrayList<>();
    for (JsonNode rule : rules) {
      if (texts(rule.path("apiGroups")).contains("secureml.dev")
          && texts(rule.path("resources")).contains(resource)) {
        verbs.addAll(texts(rule.path("verbs")));
      }
    }
    return verbs;
  }

  private static List<JsonNode> crds() throws IOException {
    List<JsonNode> crds = new ArrayList<>();
    for (Path file : files(Path.of("crds"))) {
      crds.add(YAML.readTree(file.toFile()));
    }
    assertThat(crds).isNotEmpty();
    return crds;
  }

  private static Map<String, String> env(JsonNode container) {
    Map<String, String> env = new LinkedHashMap<>();
    container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    return env;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(p -> p.getFileName().toString()).toList();
  }
}
