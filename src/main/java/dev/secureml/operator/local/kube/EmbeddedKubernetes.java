package dev.secureml.operator.local.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * An in-process Kubernetes API (Fabric8's mock server in CRUD mode) on 127.0.0.1 with the
 * project's CRDs installed. No schema validation, defaulting or CEL rules: see the README.
 */
public final class EmbeddedKubernetes implements AutoCloseable {
  /** The generated CRDs, packaged in the jar by the build. */
  public static final List<String> CRD_RESOURCES = List.of(
      "META-INF/fabric8/compliancepolicies.secureml.dev-v1.yml",
      "META-INF/fabric8/securetrainingjobs.secureml.dev-v1.yml",
      "META-INF/fabric8/modelendpoints.secureml.dev-v1.yml",
      "META-INF/fabric8/dataqualitymonitors.secureml.dev-v1.yml");

  /** The mock logs every request through java.util.logging; kept quiet unless it warns. */
  private static final java.util.logging.Logger MOCK_LOG = quietMockLog();

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final WriteCounter writes;

  private EmbeddedKubernetes(KubernetesMockServer server, KubernetesClient client,
      WriteCounter writes) {
    this.server = server;
    this.client = client;
    this.writes = writes;
  }

  public static EmbeddedKubernetes start(String host, int port) {
    // Server and dispatcher must share one responses map, or expectations are never seen.
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    var dispatcher = new SandboxDispatcher(responses);
    var server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
        dispatcher, false);
    try {
      server.init(InetAddress.getByName(host), port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Kubernetes API on " + host + ":"
          + port, e);
    }
    KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig(
        "http://" + host + ":" + server.getPort())).build();
    var kube = new EmbeddedKubernetes(server, client, dispatcher.writes());
    for (CustomResourceDefinition crd : loadCrds()) {
      server.expectCustomResource(CustomResourceDefinitionContext.fromCrd(crd));
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }
    return kube;
  }

  private static java.util.logging.Logger quietMockLog() {
    var log = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    log.setLevel(java.util.logging.Level.WARNING);
    return log;
  }

  private static Config clientConfig(String url) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url)
        .withTrustCerts(true)
        .withNamespace("default")
        .withRequestRetryBackoffLimit(3)
        .build();
  }

  static List<CustomResourceDefinition> loadCrds() {
    List<CustomResourceDefinition> crds = new ArrayList<>();
    for (String resource : CRD_RESOURCES) {
      try (InputStream in = EmbeddedKubernetes.class.getClassLoader()
          .getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("CRD " + resource + " is missing from the classpath; "
              + "build with mvn package");
        }
        crds.add(Serialization.unmarshal(in, CustomResourceDefinition.class));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return crds;
  }

  /** A client for this API server. */
  public KubernetesClient client() {
    return client;
  }

  /** The writes this API server has received, by method and resource. */
  public WriteCounter writes() {
    return writes;
  }

  public String url() {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }

  public int port() {
    return server.getPort();
  }

  /** Writes a kubeconfig pointing at this API server, for kubectl and other tools. */
  public Path writeKubeconfig(Path file) throws IOException {
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: secureml-sandbox
          cluster:
            server: %s
        users:
        - name: sandbox
          user:
            token: sandbox
        contexts:
        - name: secureml-sandbox
          context:
            cluster: secureml-sandbox
            user: sandbox
            namespace: default
        current-context: secureml-sandbox
        """.formatted(url());
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, yaml);
    return file;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
