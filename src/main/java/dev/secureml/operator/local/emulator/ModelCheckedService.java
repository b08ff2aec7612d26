package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON service behind AWS's request validation: a request its operation's model refuses
 * never reaches the service, as in AWS, where the service's own checks come after the model's.
 */
final class ModelCheckedService implements JsonRpcService {
  private final RequestShapeValidator validator;
  private final JsonRpcService service;

  /**
   * @param model the service's model; operations it does not describe pass unchecked
   * @param errorCode the code the service gives a constraint failure
   */
  ModelCheckedService(ServiceModel model, String errorCode, JsonRpcService service) {
    this.validator = new RequestShapeValidator(model, errorCode);
    this.service = service;
  }

  @Override
  public JsonNode invoke(String operation, JsonNode request) {
    validator.validate(operation, request);
    return service.invoke(operation, request);
  }
}
