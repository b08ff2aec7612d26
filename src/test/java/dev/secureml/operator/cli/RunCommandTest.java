package dev.secureml.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.local.kube.EmbeddedKubernetes;
import dev.secureml.operator.local.sandbox.TestManifests;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The `run` command as a cluster would run it: kubeconfig, endpoint flags, metrics port. */
class RunCommandTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void runsAJobToCompletionAndServesMetricsAndHealth(@TempDir Path dir) throws Exception {
    try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults().withSpeed(200));
        EmbeddedKubernetes kube = EmbeddedKubernetes.start("127.0.0.1", 0)) {
      Path kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"));
      String previous = System.getProperty("kubeconfig");
      System.setProperty("kubeconfig", kubeconfig.toString());
      RunCommand command = new RunCommand();
      new CommandLine(command).parseArgs("--aws-endpoint", emulator.endpoint().toString(),
          "--metrics-port", "0", "--poll-min", "100ms", "--poll-max", "1s",
          "--namespaces", TestManifests.NAMESPACE);
      try (RunCommand.Running running = command.start()) {
        var client = kube.client();
        client.resource(TestManifests.exampleNamespace()).createOr(NonDeletingOperation::update);
        client.resource(TestManifests.examplePolicy()).createOr(NonDeletingOperation::update);
        client.resource(TestManifests.compliantJob("via-run")).create();

        await().atMost(Duration.ofSeconds(30)).until(() -> {
          SecureTrainingJob j = client.resources(SecureTrainingJob.class)
              .inNamespace(TestManifests.NAMESPACE).withName("via-run").get();
          return j.getStatus() != null && "Completed".equals(j.getStatus().phase);
        });

        String base = "http://127.0.0.1:" + running.metricsPort();
        assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
            .until(() -> get(base + "/readyz").statusCode() == 200);
        HttpResponse<String> metrics = get(base + "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
            .contains("secureml_sagemaker_calls_total{operation=\"CreateTrainingJob\"")
            .contains("secureml_resources{kind=\"SecureTrainingJob\",phase=\"Completed\"} 1.0")
            .contains("operator_sdk_");
      } finally {
        if (previous == null) {
          System.clearProperty("kubeconfig");
        } else {
          System.setProperty("kubeconfig", previous);
        }
      }
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
