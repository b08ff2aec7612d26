package dev.secureml.operator.controller.logs;

import dev.secureml.operator.api.LogStatus;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.logs.CheckpointSaveException;
import dev.secureml.operator.logs.CheckpointStore;
import dev.secureml.operator.logs.LogSourceKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes log checkpoints into the resource's status.logs with a JSON patch of that field alone,
 * so it never races the controller's own status writes (which leave status.logs untouched).
 * ("add" replaces an existing member, and unlike a merge patch it cannot merge the streams list
 * with an older one.)
 */
public class StatusCheckpointStore implements CheckpointStore {
  private static final Logger LOG = LoggerFactory.getLogger(StatusCheckpointStore.class);
  private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
      SecureTrainingJob.KIND, SecureTrainingJob.class,
      ModelEndpoint.KIND, ModelEndpoint.class);
  private static final int MAX_MESSAGE = 300;

  private final KubernetesClient client;

  public StatusCheckpointStore(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public void save(LogSourceKey key, LogStatus status) {
    Class<? extends HasMetadata> type = KINDS.get(key.kind());
    if (type == null) {
      throw new IllegalArgumentException("no status to keep log checkpoints in for " + key);
    }
    // The uid test keeps a late save for a deleted resource out of a new one with its name.
    String patch = client.getKubernetesSerialization().asJson(List.of(
        Map.of("op", "test", "path", "/metadata/uid", "value", key.uid()),
        Map.of("op", "add", "path", "/status/logs", "value", status)));
    try {
      client.resources(type).inNamespace(key.namespace()).withName(key.name())
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON), patch);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 || e.getCode() == 422) {
        LOG.debug("{} is gone (or replaced); its log checkpoint is dropped", key);
        return;
      }
      // The forwarder keeps the checkpoint in memory and saves it again, on its own, soon;
      // one no retry can fix (403, 413, 400, ...) no longer holds its streams up.
      throw new CheckpointSaveException(describe(e), permanent(e.getCode()), e);
    }
  }

  /** A 4xx other than a conflict or throttling needs a change on our side or in RBAC. */
  static boolean permanent(int code) {
    return code >= 400 && code < 500 && code != 408 && code != 409 && code != 429;
  }

  /** The API server's status and reason, short; never the patch, which holds the status. */
  static String describe(KubernetesClientException e) {
    StringBuilder text = new StringBuilder("the API server answered ");
    text.append(e.getCode() > 0 ? "HTTP " + e.getCode() : "nothing (" + e.getClass()
        .getSimpleName() + ")");
    Status status = e.getStatus();
    if (status != null && status.getReason() != null && !status.getReason().isBlank()) {
      text.append(' ').append(status.getReason());
    }
    if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
      String message = status.getMessage().replaceAll("\\s+", " ").strip();
      text.append(": ").append(message.length() > MAX_MESSAGE
          ? message.substring(0, MAX_MESSAGE) + "..." : message);
    }
    return text.toString();
  }
}
