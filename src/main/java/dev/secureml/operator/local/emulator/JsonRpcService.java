package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON 1.1 service: one operation name and JSON body in, a JSON body or an error out. */
interface JsonRpcService {
  /**
   * @throws AwsServiceException for every error the real service would report
   */
  JsonNode invoke(String operation, JsonNode request);

  static AwsServiceException unknownOperation(String operation) {
    return new AwsServiceException("UnknownOperationException",
        "The emulator does not implement operation " + operation);
  }
}
