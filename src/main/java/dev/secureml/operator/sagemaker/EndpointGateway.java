package dev.secureml.operator.sagemaker;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DesiredWeightAndCapacity;

/**
 * The Model, EndpointConfig and Endpoint calls the ModelEndpoint controller needs, each
 * rate-limited, measured ({@code secureml.sagemaker.*}, see {@link MeteredCalls}) and failing
 * only with a classified {@link SageMakerCallException}.
 *
 * <p>What the kinds mean here:
 * <ul>
 *   <li>Create: ALREADY_EXISTS ("Cannot create already existing ...") - Describe the resource,
 *       check its ownership tags and adopt it or report a name conflict: {@link #models()},
 *       {@link #endpointConfigs()} and {@link #endpoints()} do so, and delete only what the
 *       tags say is the owner's.
 *   <li>Describe: "Could not find ..." is an empty result.
 *   <li>Delete: a resource already gone is success. A ResourceInUse answer to a delete means "in
 *       use", not "already exists" as the classifier reads it for creates; it is reported as
 *       RETRYABLE, because the user (an endpoint still moving off an old config) goes away.
 *       Live SageMaker lets a Model or EndpointConfig be deleted while an endpoint uses it, so
 *       this is a guard, not the normal path; the controller deletes old configs and models
 *       only after the endpoint is InService on the new config.
 *   <li>Update / delete of an endpoint in a transitional state: SageMaker answers
 *       ValidationException "Cannot update in-progress endpoint", which stays TERMINAL. There
 *       is no "busy" kind on purpose: the controller Describes first and calls update, weight
 *       changes or delete only when {@link EndpointStatusMapper#isTransitional} is false, so
 *       the error means a real race or a bug and is reported, not looped on.
 * </ul>
 *
 * <p>There is no "list the models or configs this resource owns": SageMaker cannot filter by
 * tag, so it would take a ListTags call per candidate. The controller records the names it
 * created in the status instead.
 */
public final class EndpointGateway {
  static final String CREATE_MODEL = "CreateModel";
  static final String DESCRIBE_MODEL = "DescribeModel";
  static final String DELETE_MODEL = "DeleteModel";
  static final String CREATE_CONFIG = "CreateEndpointConfig";
  static final String DESCRIBE_CONFIG = "DescribeEndpointConfig";
  static final String DELETE_CONFIG = "DeleteEndpointConfig";
  static final String CREATE_ENDPOINT = "CreateEndpoint";
  static final String DESCRIBE_ENDPOINT = "DescribeEndpoint";
  static final String UPDATE_ENDPOINT = "UpdateEndpoint";
  static final String UPDATE_WEIGHTS = "UpdateEndpointWeightsAndCapacities";
  static final String DELETE_ENDPOINT = "DeleteEndpoint";

  private final SageMakerClient client;
  private final MeteredCalls calls;
  private final SageMakerTagCalls tags;
  private final OwnedResources models;
  private final OwnedResources configs;
  private final OwnedResources endpoints;

  public EndpointGateway(SageMakerClient client, RateLimiter limiter, MeterRegistry registry) {
    this.client = client;
    this.calls = MeteredCalls.sageMaker(limiter, registry);
    this.tags = new SageMakerTagCalls(client, calls);
    this.models = new OwnedResources("model",
        name -> describeModel(name).map(DescribeModelResponse::modelArn), this::tags,
        this::deleteModel);
    this.configs = new OwnedResources("endpoint configuration",
        name -> describeEndpointConfig(name).map(DescribeEndpointConfigResponse::endpointConfigArn),
        this::tags, this::deleteEndpointConfig);
    this.endpoints = new OwnedResources("endpoint",
        name -> describeEndpoint(name).map(DescribeEndpointResponse::endpointArn), this::tags,
        this::deleteEndpoint);
  }

  /** Models, created, adopted and deleted only for their owner. */
  public OwnedResources models() {
    return models;
  }

  /** EndpointConfigs, created, adopted and deleted only for their owner. */
  public OwnedResources endpointConfigs() {
    return configs;
  }

  /** Endpoints, created, adopted and deleted only for their owner. */
  public OwnedResources endpoints() {
    return endpoints;
  }

  /** Creates the Model and returns its ARN; ALREADY_EXISTS when the name is taken. */
  public String createModel(CreateModelRequest request) {
    return calls.call(CREATE_MODEL, () -> client.createModel(request)).modelArn();
  }

  /** The Model, or empty when there is none of that name. */
  public Optional<DescribeModelResponse> describeModel(String name) {
    return calls.find(DESCRIBE_MODEL, () -> client.describeModel(r -> r.modelName(name)));
  }

  /** Deletes the Model; returns normally when it does not exist. */
  public void deleteModel(String name) {
    delete(DELETE_MODEL, () -> client.deleteModel(r -> r.modelName(name)));
  }

  /** Creates the EndpointConfig and returns its ARN; ALREADY_EXISTS when the name is taken. */
  public String createEndpointConfig(CreateEndpointConfigRequest request) {
    return calls.call(CREATE_CONFIG, () -> client.createEndpointConfig(request))
        .endpointConfigArn();
  }

  /** The EndpointConfig, or empty when there is none of that name. */
  public Optional<DescribeEndpointConfigResponse> describeEndpointConfig(String name) {
    return calls.find(DESCRIBE_CONFIG,
        () -> client.describeEndpointConfig(r -> r.endpointConfigName(name)));
  }

  /** Deletes the EndpointConfig; returns normally when it does not exist. */
  public void deleteEndpointConfig(String name) {
    delete(DELETE_CONFIG, () -> client.deleteEndpointConfig(r -> r.endpointConfigName(name)));
  }

  /** Creates the Endpoint and returns its ARN; ALREADY_EXISTS when the name is taken. */
  public String createEndpoint(CreateEndpointRequest request) {
    return calls.call(CREATE_ENDPOINT, () -> client.createEndpoint(request)).endpointArn();
  }

  /** The Endpoint, or empty when there is none of that name (also once a delete finished). */
  public Optional<DescribeEndpointResponse> describeEndpoint(String name) {
    return calls.find(DESCRIBE_ENDPOINT, () -> client.describeEndpoint(r -> r.endpointName(name)));
  }

  /**
   * Moves the endpoint to another EndpointConfig (blue/green: SageMaker brings the new fleet up
   * before it shifts traffic). Only while the endpoint is not transitional; see the class notes.
   */
  public void updateEndpoint(String endpointName, String configName) {
    calls.call(UPDATE_ENDPOINT, () -> client.updateEndpoint(r -> r
        .endpointName(endpointName)
        .endpointConfigName(configName)));
  }

  /** Changes instance counts and traffic weights in place, without a new EndpointConfig. */
  public void updateWeightsAndCapacities(String endpointName, List<VariantCapacity> desired) {
    List<DesiredWeightAndCapacity> wanted = desired.stream()
        .map(v -> DesiredWeightAndCapacity.builder()
            .variantName(v.name())
            .desiredInstanceCount(v.instanceCount())
            .desiredWeight((float) v.weight())
            .build())
        .toList();
    calls.call(UPDATE_WEIGHTS, () -> client.updateEndpointWeightsAndCapacities(r -> r
        .endpointName(endpointName)
        .desiredWeightsAndCapacities(wanted)));
  }

  /**
   * Starts deleting the endpoint (Describe then shows Deleting, later not found); returns
   * normally when it does not exist. Not while Creating or Updating: see the class notes.
   */
  public void deleteEndpoint(String name) {
    delete(DELETE_ENDPOINT, () -> client.deleteEndpoint(r -> r.endpointName(name)));
  }

  /** All tags on the resource, following ListTags pages; each page is a rate-limited call. */
  public Map<String, String> tags(String arn) {
    return tags.list(arn);
  }

  /** Adds or overwrites tags (AddTags); no call for an empty map. */
  public void addTags(String arn, Map<String, String> add) {
    tags.add(arn, add);
  }

  /** Removes tags by key (DeleteTags); no call for no keys. */
  public void deleteTags(String arn, Collection<String> keys) {
    tags.delete(arn, keys);
  }

  private void delete(String operation, Runnable action) {
    calls.delete(operation, action);
  }
}
