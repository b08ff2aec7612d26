package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Per-operation request quotas in front of a service: over its quota an operation fails with
 * ThrottlingException "Rate exceeded" before anything else is checked, as AWS throttles before
 * it validates.
 */
final class ThrottledService implements JsonRpcService {
  private final Map<String, LogsQuota> quotas;
  private final JsonRpcService service;

  ThrottledService(Map<String, LogsQuota> quotas, JsonRpcService service) {
    this.quotas = Map.copyOf(quotas);
    this.service = service;
  }

  @Override
  public JsonNode invoke(String operation, JsonNode request) {
    LogsQuota quota = quotas.get(operation);
    if (quota != null) {
      quota.acquire();
    }
    return service.invoke(operation, request);
  }
}
