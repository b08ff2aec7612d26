package dev.secureml.operator.sagemaker;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Everything SageMaker needs to serve one ModelEndpoint spec, made by {@link HostingPlanner}.
 *
 * <p>Model and EndpointConfig names end in a hash of their owner and their content ({@link
 * SageMakerNames#forPart}), so "is this config what the spec wants?" is a name comparison, a
 * changed spec yields new names for a blue/green update, and no two endpoints ever share a
 * Model or an EndpointConfig. Instance counts and weights are left out of the config's content:
 * a change of only those keeps the config and goes through UpdateEndpointWeightsAndCapacities
 * ({@link #capacities}).
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
   * The same plan under other names: each variant's Model named by {@code modelName}, then the
   * EndpointConfig, whose content lists those Model names, named by {@code configName}.
   */
  public HostingPlan renamed(Function<Variant, String> modelName,
      Function<CreateEndpointConfigRequest, String> configName) {
    Map<String, String> byVariant = new LinkedHashMap<>();
    List<Variant> named = variants.stream().map(v -> {
      String name = modelName.apply(v);
      byVariant.put(v.variantName(), name);
      return new Variant(v.variantName(), name, v.model().toBuilder().modelName(name).build(),
          v.instanceType(), v.initialInstanceCount(), v.initialWeight());
    }).toList();
    CreateEndpointConfigRequest config = endpointConfig.toBuilder()
        .endpointConfigName(null)
        .productionVariants(endpointConfig.productionVariants().stream()
            .map(p -> p.toBuilder().modelName(byVariant.get(p.variantName())).build())
            .toList())
        .build();
    String name = configName.apply(config);
    return new HostingPlan(endpointName, named, name,
        config.toBuilder().endpointConfigName(name).build(), capacities, tags);
  }

  /**
   * What a Model is made of: everything in the request except its name and tags (image, model
   * data URL, environment, role, VPC, network isolation), as canonical JSON.
   */
  public static String modelContent(CreateModelRequest request) {
    return SageMakerNames.contentOf(request.toBuilder()
        .modelName(null)
        .tags((List<Tag>) null)
        .build());
  }

  /**
   * What an EndpointConfig is made of: everything in the request except its name, its tags and
   * each variant's initial instance count and weight (model names, instance types, variant
   * names, data capture, KMS key), as canonical JSON. The order of the variants does not count.
   */
  public static String endpointConfigContent(CreateEndpointConfigRequest request) {
    List<ProductionVariant> variants = request.productionVariants().stream()
        .map(v -> v.toBuilder().initialInstanceCount(null).initialVariantWeight(null).build())
        .sorted(Comparator.comparing(ProductionVariant::variantName,
            Comparator.nullsFirst(Comparator.naturalOrder())))
        .toList();
    return SageMakerNames.contentOf(request.toBuilder()
        .endpointConfigName(null)
        .tags((List<Tag>) null)
        .productionVariants(variants)
        .build());
  }
}
