package dev.secureml.operator.local.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.local.sandbox.TestManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The embedded API server refuses on create the names a real one refuses, in its words. */
class EmbeddedKubernetesCreateTest {
  private static final String SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower "
      + "case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
      + "character (e.g. 'example.com', regex used for validation is "
      + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  private static final String LABEL = "a lowercase RFC 1123 label must consist of lower case "
      + "alphanumeric characters or '-', and must start and end with an alphanumeric character "
      + "(e.g. 'my-name',  or '123-abc', regex used for validation is "
      + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  private static EmbeddedKubernetes kube;

  @BeforeAll
  static void start() {
    kube = EmbeddedKubernetes.start("127.0.0.1", 0);
    kube.client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
        .withName("fraud-models").endMetadata().build()).create();
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  static Stream<Arguments> refusedCreates() {
    String long254 = "a".repeat(254);
    return Stream.of(
        Arguments.of(job("modèle-fraude-ü"), "SecureTrainingJob.secureml.dev \"modèle-fraude-ü\" "
            + "is invalid: metadata.name: Invalid value: \"modèle-fraude-ü\": " + SUBDOMAIN),
        Arguments.of(job("Bank-Failure"), "SecureTrainingJob.secureml.dev \"Bank-Failure\" is "
            + "invalid: metadata.name: Invalid value: \"Bank-Failure\": " + SUBDOMAIN),
        Arguments.of(job("tab\there"), "SecureTrainingJob.secureml.dev \"tab\\there\" is "
            + "invalid: metadata.name: Invalid value: \"tab\\there\": " + SUBDOMAIN),
        Arguments.of(job(long254), "SecureTrainingJob.secureml.dev \"" + long254 + "\" is "
            + "invalid: metadata.name: Invalid value: \"" + long254 + "\": must be no more than "
            + "253 characters"),
        Arguments.of(namespace("Fraud_Models"), "Namespace \"Fraud_Models\" is invalid: "
            + "metadata.name: Invalid value: \"Fraud_Models\": " + LABEL),
        Arguments.of(namespace("fraud.models"), "Namespace \"fraud.models\" is invalid: "
            + "metadata.name: Invalid value: \"fraud.models\": must not contain dots"),
        Arguments.of(namespace("n".repeat(64) + "-"), "Namespace \"" + "n".repeat(64) + "-\" is "
            + "invalid: [metadata.name: Invalid value: \"" + "n".repeat(64) + "-\": must be no "
            + "more than 63 characters, metadata.name: Invalid value: \"" + "n".repeat(64)
            + "-\": " + LABEL + "]"));
  }

  @ParameterizedTest
  @MethodSource("refusedCreates")
  void createWithAnInvalidNameIsRefusedWith422(HasMetadata object, String message) {
    var e = catchThrowableOfType(KubernetesClientException.class,
        () -> kube.client().resource(object).create());

    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
    assertThat(e.getStatus().getMessage()).isEqualTo(message);
    assertThat(e.getStatus().getDetails().getCauses()).first()
        .satisfies(c -> assertThat(c.getField()).isEqualTo("metadata.name"));
  }

  @Test
  void objectWhoseNamespaceIsNotTheUrlsIsRefusedWith400() throws Exception {
    String body = "{\"apiVersion\":\"secureml.dev/v1alpha1\",\"kind\":\"SecureTrainingJob\","
        + "\"metadata\":{\"name\":\"x\",\"namespace\":\"other-namespace\"},\"spec\":{}}";
    HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(kube.url() + "/apis/secureml.dev/v1alpha1/namespaces/fraud-models/"
                + "securetrainingjobs"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(reply.statusCode()).isEqualTo(400);
    JsonNode status = new ObjectMapper().readTree(reply.body());
    assertThat(status.path("message").asText()).isEqualTo("the namespace of the provided object "
        + "does not match the namespace sent on the request");
  }

  @Test
  void validObjectsAreStillCreated() {
    SecureTrainingJob job = job("bank-failure-xgb.v2");

    kube.client().resource(job).create();

    assertThat(kube.client().resource(job).get()).isNotNull();
  }

  private static SecureTrainingJob job(String name) {
    SecureTrainingJob job = TestManifests.compliantJob(name);
    job.getMetadata().setNamespace("fraud-models");
    return job;
  }

  private static HasMetadata namespace(String name) {
    return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
  }
}
