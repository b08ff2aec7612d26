package dev.secureml.operator.sagemaker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Everything SageMaker needs to serve one ModelEndpoint spec, made by {@link HostingPlanner}.
 *
 * <p>Model and EndpointConfig names end in a hash of their content, so "is this config what the
 * spec wants?" is a name comparison, and a changed spec yields new names for a blue/green
 * update. Instance counts and weights are left out of the config hash: a change of only those
 * keeps the config and goes through UpdateEndpointWeightsAndCapacities ({@link #capacities}).
 *
 * @param endpointName the SageMaker endpoint
 * @param variants the production variants, in spec order
 * @param endpointConfigName name of {@code endpointConfig}
 * @param endpointConfig the CreateEndpointConfig request
 * @param capacities desired count and weight per variant, in spec order
 * @param tags policy tags plus ownership tags, on every resource of the plan
 */
public record HostingPlan(
    String endpointName,
    List<Variant> variants,
    String endpointConfigName,
    CreateEndpointConfigRequest endpointConfig,
    List<VariantCapacity> capacities,
    List<Tag> tags) {

  /** Hex digits of the content hash at the end of Model and EndpointConfig names. */
  public static final int HASH_HEX_CHARS = 8;

  // Sorted keys: the hash must not depend on the order the SDK lists its members in.
  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  public HostingPlan {
    variants = List.copyOf(variants);
    capacities = List.copyOf(capacities);
    tags = List.copyOf(tags);
  }

  /**
   * One production variant.
   *
   * @param model the CreateModel request for {@code modelName}
   */
  public record Variant(String variantName, String modelName, CreateModelRequest model,
      String instanceType, int initialInstanceCount, double initialWeight) {}

  /** The Model names, without repeats, in variant order. */
  public List<String> modelNames() {
    return List.copyOf(models().keySet());
  }

  /**
   * CreateModel requests by model name, in variant order. Two variants whose models have the
   * same content and whose names cut to the same prefix share one Model, which is harmless.
   */
  public Map<String, CreateModelRequest> models() {
    Map<String, CreateModelRequest> models = new LinkedHashMap<>();
    variants.forEach(v -> models.putIfAbsent(v.modelName(), v.model()));
    return models;
  }

  /**
   * The content hash in a Model's name: everything in the request except its name and tags
   * (image, model data URL, environment, role, VPC, network isolation).
   */
  public static String modelHash(CreateModelRequest request) {
    return contentHash(request.toBuilder()
        .modelName(null)
        .tags((List<Tag>) null)
        .build());
  }

  /**
   * The content hash in an EndpointConfig's name: everything in the request except its name,
   * its tags and each variant's initial instance count and weight (model names, instance types,
   * variant names, data capture, KMS key). The order of the variants does not count.
   */
  public static String endpointConfigHash(CreateEndpointConfigRequest request) {
    List<ProductionVariant> variants = request.productionVariants().stream()
        .map(v -> v.toBuilder().initialInstanceCount(null).initialVariantWeight(null).build())
        .sorted(Comparator.comparing(ProductionVariant::variantName,
            Comparator.nullsFirst(Comparator.naturalOrder())))
        .toList();
    return contentHash(request.toBuilder()
        .endpointConfigName(null)
        .tags((List<Tag>) null)
        .productionVariants(variants)
        .build());
  }

  /** {@value #HASH_HEX_CHARS} hex digits of SHA-256 of the request's wire JSON, keys sorted. */
  public static String contentHash(SdkPojo request) {
    try {
      Object tree = CANONICAL.treeToValue(SdkJson.toJson(request), Object.class);
      return SageMakerNames.hashHex(CANONICAL.writeValueAsString(tree), HASH_HEX_CHARS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("SDK JSON always serialises", e);
    }
  }
}
