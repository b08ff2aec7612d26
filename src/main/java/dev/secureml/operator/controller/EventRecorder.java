package dev.secureml.operator.controller;

import dev.secureml.operator.api.Reason;
import dev.secureml.operator.logs.DeclaredSecrets;
import dev.secureml.operator.logs.LogRedactor;
import dev.secureml.operator.logs.RedactionScope;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events about our resources so `kubectl describe` tells their story. Messages
 * are masked first with the resource's declared secrets and the default patterns (Events are
 * readable by anyone who may list them in the namespace), then cut to length, so a cut can never
 * leave part of a secret unmasked.
 */
public class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final String COMPONENT = "secure-sagemaker-operator";
  private static final int MAX_MESSAGE = 1024;

  private final KubernetesClient client;

  public EventRecorder(KubernetesClient client) {
    this.client = client;
  }

  public void normal(HasMetadata about, Reason reason, String message) {
    normal(about, reason.value(), message);
  }

  public void warning(HasMetadata about, Reason reason, String message) {
    warning(about, reason.value(), message);
  }

  /** The recording primitive the Reason overloads call (test fakes override it). */
  protected void normal(HasMetadata about, String reason, String message) {
    record(about, "Normal", reason, message);
  }

  /** The recording primitive the Reason overloads call (test fakes override it). */
  protected void warning(HasMetadata about, String reason, String message) {
    record(about, "Warning", reason, message);
  }

  private void record(HasMetadata about, String type, String reason, String message) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    // Cluster-scoped objects get their Events in "default", as kubectl expects.
    String namespace = about.getMetadata().getNamespace() == null ? "default"
        : about.getMetadata().getNamespace();
    String masked = redactorFor(about).redact(message == null ? "" : message);
    String text = masked.length() > MAX_MESSAGE ? masked.substring(0, MAX_MESSAGE - 3) + "..."
        : masked;
    var event = new EventBuilder()
        .withNewMetadata()
        .withName(about.getMetadata().getName() + "." + Long.toHexString(
            ThreadLocalRandom.current().nextLong()).toLowerCase(Locale.ROOT))
        .withNamespace(namespace)
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(about.getApiVersion())
            .withKind(about.getKind())
            .withName(about.getMetadata().getName())
            .withNamespace(about.getMetadata().getNamespace())
            .withUid(about.getMetadata().getUid())
            .withResourceVersion(about.getMetadata().getResourceVersion())
            .build())
        .withType(type)
        .withReason(reason)
        .withMessage(text)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT)
        .build();
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
    } catch (RuntimeException e) {
      // An Event is a courtesy; failing to write one must never fail a reconcile.
      LOG.warn("could not record event {} for {}/{}: {}", reason, namespace,
          about.getMetadata().getName(), redactorFor(about).redact(e.getMessage()));
    }
  }

  /** The resource's secrets and, within a reconcile, those of the resource reconciled. */
  private static LogRedactor redactorFor(HasMetadata about) {
    return DeclaredSecrets.of(about).applyTo(RedactionScope.current());
  }
}
