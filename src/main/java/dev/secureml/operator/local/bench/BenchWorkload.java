package dev.secureml.operator.local.bench;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The resources a bench run creates, made from the templates in {@code bench/workload.yaml}
 * under the example CompliancePolicy, and how they are applied: concurrently, as many clients
 * (Argo CD, CI pipelines, people) would.
 */
final class BenchWorkload {
  static final String TEAM_LABEL = "secureml.dev/team";
  private static final String RESOURCE = "bench/workload.yaml";

  private final CompliancePolicy policy;
  private final String jobTemplate;
  private final String endpointTemplate;
  private final int namespaces;

  private BenchWorkload(CompliancePolicy policy, String jobTemplate, String endpointTemplate,
      int namespaces) {
    this.policy = policy;
    this.jobTemplate = jobTemplate;
    this.endpointTemplate = endpointTemplate;
    this.namespaces = namespaces;
  }

  static BenchWorkload load(int namespaces) {
    String[] docs = read().split("\n---\n");
    return new BenchWorkload(Serialization.unmarshal(docs[0], CompliancePolicy.class), docs[1],
        docs[2], namespaces);
  }

  CompliancePolicy policy() {
    return policy;
  }

  /** Namespaces labelled so the example policy selects them. */
  List<Namespace> namespaces() {
    List<Namespace> all = new ArrayList<>();
    for (int i = 0; i < namespaces; i++) {
      all.add(new NamespaceBuilder().withNewMetadata().withName(namespace(i))
          .addToLabels(TEAM_LABEL, policy.getSpec().namespaceSelector.getMatchLabels()
              .get(TEAM_LABEL))
          .endMetadata().build());
    }
    return all;
  }

  SecureTrainingJob job(int i) {
    return named(Serialization.unmarshal(jobTemplate, SecureTrainingJob.class), "job", i);
  }

  /** A job the policy rejects (an instance type outside it): cached, never sent to AWS. */
  SecureTrainingJob rejectedJob(int i) {
    SecureTrainingJob job = named(Serialization.unmarshal(jobTemplate, SecureTrainingJob.class),
        "rejected", i);
    job.getSpec().resources.instanceType = "ml.p4d.24xlarge";
    return job;
  }

  ModelEndpoint endpoint(int i) {
    return named(Serialization.unmarshal(endpointTemplate, ModelEndpoint.class), "endpoint", i);
  }

  private <T extends HasMetadata> T named(T obj, String prefix, int i) {
    obj.getMetadata().setName(String.format("%s-%05d", prefix, i));
    obj.getMetadata().setNamespace(namespace(i % namespaces));
    return obj;
  }

  private static String namespace(int i) {
    return String.format("bench-%03d", i);
  }

  /**
   * Creates every object through the client on {@code threads} threads at once.
   *
   * @return when each create was sent, by {@code namespace/name}
   */
  static Map<String, Instant> createConcurrently(KubernetesClient client,
      List<? extends HasMetadata> objects, int threads) throws InterruptedException {
    Map<String, Instant> sent = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (HasMetadata obj : objects) {
        done.add(pool.submit(() -> {
          sent.put(key(obj.getMetadata().getNamespace(), obj.getMetadata().getName()),
              Instant.now());
          client.resource(obj).create();
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("the API server refused a bench resource: "
          + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return sent;
  }

  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static String read() {
    try (InputStream in = BenchWorkload.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
