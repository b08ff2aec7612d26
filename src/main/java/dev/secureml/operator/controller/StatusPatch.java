package dev.secureml.operator.controller;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes status.conditions and status.phase outside a reconcile's own status update (cleanup()
 * has none), as a JSON patch of those two fields alone so it never replaces what others keep in
 * status (log checkpoints). The uid test keeps it out of a re-created resource of that name.
 */
final class StatusPatch {
  private static final Logger LOG = LoggerFactory.getLogger(StatusPatch.class);

  private StatusPatch() {}

  /** Best effort: true when the API server took the patch. */
  static boolean conditionsAndPhase(KubernetesClient client, CustomResource<?, ?> resource,
      List<Condition> conditions, String phase) {
    List<Map<String, Object>> ops = new ArrayList<>();
    ops.add(Map.of("op", "test", "path", "/metadata/uid", "value",
        resource.getMetadata().getUid()));
    if (resource.getStatus() == null) {
      Map<String, Object> status = new LinkedHashMap<>();
      status.put("phase", phase);
      status.put("conditions", conditions);
      ops.add(Map.of("op", "add", "path", "/status", "value", status));
    } else {
      ops.add(Map.of("op", "add", "path", "/status/phase", "value", phase));
      ops.add(Map.of("op", "add", "path", "/status/conditions", "value", conditions));
    }
    try {
      client.resources(resource.getClass()).inNamespace(resource.getMetadata().getNamespace())
          .withName(resource.getMetadata().getName()).subresource("status")
          .patch(PatchContext.of(PatchType.JSON),
              client.getKubernetesSerialization().asJson(ops));
      return true;
    } catch (KubernetesClientException e) {
      // Gone or replaced meanwhile, or no write access: the Event and the log still tell.
      LOG.debug("could not write status of {} {}/{}: HTTP {}", resource.getKind(),
          resource.getMetadata().getNamespace(), resource.getMetadata().getName(), e.getCode());
      return false;
    }
  }
}
