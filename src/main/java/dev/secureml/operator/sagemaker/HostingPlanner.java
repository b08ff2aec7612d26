package dev.secureml.operator.sagemaker;

import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.policy.ResolvedHostingSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.sagemaker.model.CaptureContentTypeHeader;
import software.amazon.awssdk.services.sagemaker.model.CaptureMode;
import software.amazon.awssdk.services.sagemaker.model.CaptureOption;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * ModelEndpoint spec + resolved models + resolved policy -> {@link HostingPlan}: the CreateModel
 * and CreateEndpointConfig requests with content-hashed names. Pure; like the training-job
 * mapper, security settings (role, network, keys, tags) come only from the resolved policy.
 *
 * <p>Names ({@link SageMakerNames#forPart}): Model {@code <namespace>-<name>-<variant>-<12
 * hex>}, EndpointConfig {@code <namespace>-<name>-<12 hex>}, the hash covering the endpoint's
 * uid and the part's content, so two endpoints never share a Model or a config.
 */
public final class HostingPlanner {
  /** The variant of the single-variant form (instanceType / instanceCount in the spec). */
  public static final String SINGLE_VARIANT = "AllTraffic";

  static final List<String> CSV_CONTENT_TYPES = List.of("text/csv");
  static final List<String> JSON_CONTENT_TYPES = List.of("application/json");

  private static final int DEFAULT_SAMPLING_PERCENTAGE = 100;

  private HostingPlanner() {}

  /**
   * @param models the resolved model of every variant, by variant name ({@link #SINGLE_VARIANT}
   *     for the single-variant form)
   * @throws IllegalArgumentException when a variant has no resolved model, variant names repeat,
   *     or the endpoint name is not a valid SageMaker name
   */
  public static HostingPlan plan(ModelEndpoint ep, String endpointName,
      Map<String, ResolvedModel> models, ResolvedHostingSettings s) {
    if (!SageMakerNames.isValid(endpointName)) {
      throw new IllegalArgumentException("not a SageMaker endpoint name: " + endpointName);
    }
    ModelEndpointSpec spec = ep.getSpec();
    List<Tag> tags = PolicyRequestParts.tags(s.tags(), ep.getMetadata());
    List<HostingPlan.Variant> variants = new ArrayList<>();
    List<VariantCapacity> capacities = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (VariantCapacity v : wanted(spec)) {
      if (!seen.add(v.name())) {
        throw new IllegalArgumentException("variant " + v.name() + " is listed twice");
      }
      ResolvedModel model = models.get(v.name());
      if (model == null) {
        throw new IllegalArgumentException("no resolved model for variant " + v.name());
      }
      CreateModelRequest request = model(model, spec.environment, s, tags);
      variants.add(new HostingPlan.Variant(v.name(), null, request, instanceType(spec, v.name()),
          v.instanceCount(), v.weight()));
      capacities.add(v);
    }
    CreateEndpointConfigRequest config = endpointConfig(variants, spec.dataCapture, s, tags);
    ResourceOwner owner = ResourceOwner.of(ep.getMetadata());
    return new HostingPlan(endpointName, variants, null, config, capacities, tags).renamed(
        v -> SageMakerNames.forPart(owner, SageMakerNames.Part.MODEL, v.variantName(),
            HostingPlan.modelContent(v.model())),
        c -> SageMakerNames.forPart(owner, SageMakerNames.Part.ENDPOINT_CONFIG, null,
            HostingPlan.endpointConfigContent(c)));
  }

  /** CreateEndpoint for the plan's endpoint and config, with the plan's tags. */
  public static CreateEndpointRequest createEndpoint(HostingPlan plan) {
    return CreateEndpointRequest.builder()
        .endpointName(plan.endpointName())
        .endpointConfigName(plan.endpointConfigName())
        .tags(plan.tags())
        .build();
  }

  /** Name, count and weight of each variant the spec asks for, in spec order. */
  private static List<VariantCapacity> wanted(ModelEndpointSpec spec) {
    if (spec.variants == null || spec.variants.isEmpty()) {
      return List.of(new VariantCapacity(SINGLE_VARIANT, countOf(spec.instanceCount), 1.0));
    }
    return spec.variants.stream()
        .map(v -> new VariantCapacity(v.name, countOf(v.instanceCount),
            v.weight == null ? 1.0 : v.weight))
        .toList();
  }

  private static String instanceType(ModelEndpointSpec spec, String variant) {
    if (spec.variants == null || spec.variants.isEmpty()) {
      return spec.instanceType;
    }
    return spec.variants.stream().filter(v -> variant.equals(v.name))
        .findFirst().orElseThrow().instanceType;
  }

  private static int countOf(Integer count) {
    return count == null ? 1 : count;
  }

  private static CreateModelRequest model(ResolvedModel model, Map<String, String> environment,
      ResolvedHostingSettings s, List<Tag> tags) {
    ContainerDefinition.Builder container = ContainerDefinition.builder()
        .image(model.image())
        .modelDataUrl(model.modelDataUrl());
    // Left out rather than sent as {}, like the training job's environment.
    if (environment != null && !environment.isEmpty()) {
      container.environment(new TreeMap<>(environment));
    }
    return CreateModelRequest.builder()
        .primaryContainer(container.build())
        .executionRoleArn(s.roleArn())
        .vpcConfig(PolicyRequestParts.vpcConfig(s.subnets(), s.securityGroupIds()))
        .enableNetworkIsolation(s.networkIsolation())
        .tags(tags)
        .build();
  }

  private static CreateEndpointConfigRequest endpointConfig(List<HostingPlan.Variant> variants,
      ModelEndpointSpec.DataCapture capture, ResolvedHostingSettings s, List<Tag> tags) {
    List<ProductionVariant> production = variants.stream()
        .map(v -> ProductionVariant.builder()
            .variantName(v.variantName())
            .modelName(v.modelName())
            .instanceType(v.instanceType())
            .initialInstanceCount(v.initialInstanceCount())
            .initialVariantWeight((float) v.initialWeight())
            .build())
        .toList();
    return CreateEndpointConfigRequest.builder()
        .productionVariants(production)
        .dataCaptureConfig(dataCapture(capture, s.dataCaptureKmsKeyId()))
        // Null for NVMe instance types, where SageMaker rejects a volume key; null is left out.
        .kmsKeyId(s.endpointKmsKeyId())
        .tags(tags)
        .build();
  }

  private static DataCaptureConfig dataCapture(ModelEndpointSpec.DataCapture capture,
      String kmsKeyId) {
    if (capture == null || Boolean.FALSE.equals(capture.enabled)) {
      return null;
    }
    return DataCaptureConfig.builder()
        .enableCapture(true)
        .initialSamplingPercentage(capture.samplingPercentage == null
            ? DEFAULT_SAMPLING_PERCENTAGE : capture.samplingPercentage)
        .destinationS3Uri(capture.destinationS3Uri)
        .kmsKeyId(kmsKeyId)
        .captureOptions(CaptureOption.builder().captureMode(CaptureMode.INPUT).build(),
            CaptureOption.builder().captureMode(CaptureMode.OUTPUT).build())
        .captureContentTypeHeader(CaptureContentTypeHeader.builder()
            .csvContentTypes(CSV_CONTENT_TYPES)
            .jsonContentTypes(JSON_CONTENT_TYPES)
            .build())
        .build();
  }
}
