package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CreateModel, CreateEndpointConfig and CreateEndpoint checks: the service model's field
 * constraints first (all reported together), then SageMaker's cross-field rules.
 */
final class HostingValidator {
  private static final List<String> CAPTURE_MODES = List.of("Input", "Output");

  private HostingValidator() {}

  static void validateCreateModel(JsonNode r) {
    ConstraintViolations v = new ConstraintViolations();
    SageMakerValidator.name(v, Json.text(r, "ModelName"), "modelName");
    SageMakerValidator.role(v, Json.text(r, "ExecutionRoleArn"), "executionRoleArn", false);
    container(v, r.get("PrimaryContainer"), "primaryContainer");
    JsonNode containers = r.get("Containers");
    if (containers != null && containers.size() > 15) {
      v.add(null, "containers", ConstraintViolations.maxLength(15));
    }
    for (int i = 0; containers != null && i < containers.size(); i++) {
      container(v, containers.get(i), "containers." + (i + 1) + ".member");
    }
    SageMakerValidator.vpc(v, r.get("VpcConfig"));
    SageMakerValidator.tags(v, r.get("Tags"), "tags");
    v.throwIfAny();
    boolean primary = r.hasNonNull("PrimaryContainer");
    if (primary == (containers != null && !containers.isEmpty())) {
      throw AwsServiceException.validation(primary
          ? "Only one of PrimaryContainer or Containers may be specified."
          : "A model needs a PrimaryContainer or Containers.");
    }
  }

  static void validateCreateEndpointConfig(JsonNode r) {
    ConstraintViolations v = new ConstraintViolations();
    SageMakerValidator.name(v, Json.text(r, "EndpointConfigName"), "endpointConfigName");
    JsonNode variants = r.get("ProductionVariants");
    if (variants == null || variants.isNull()) {
      v.add(null, "productionVariants", ConstraintViolations.NOT_NULL);
    } else if (variants.isEmpty()) {
      v.add("[]", "productionVariants", ConstraintViolations.minLength(1));
    } else if (variants.size() > 10) {
      v.add(null, "productionVariants", ConstraintViolations.maxLength(10));
    }
    for (int i = 0; variants != null && i < variants.size(); i++) {
      variant(v, variants.get(i), "productionVariants." + (i + 1) + ".member.");
    }
    dataCapture(v, r.get("DataCaptureConfig"));
    SageMakerValidator.tags(v, r.get("Tags"), "tags");
    v.throwIfAny();
    Set<String> names = new HashSet<>();
    for (JsonNode variant : variants) {
      String name = variant.path("VariantName").asText();
      if (!names.add(name)) {
        throw AwsServiceException.validation("Production variant names must be unique within an"
            + " endpoint configuration. Duplicate variant name: " + name);
      }
    }
    if (Json.text(r, "KmsKeyId") != null) {
      for (JsonNode variant : variants) {
        String type = Json.text(variant, "InstanceType");
        if (SageMakerValidator.hasNvmeStorage(type)) {
          throw AwsServiceException.validation("The instance type " + type + " of production"
              + " variant " + variant.path("VariantName").asText() + " does not support"
              + " KmsKeyId: its storage volumes are local NVMe instance stores, which SageMaker"
              + " encrypts with a hardware module. Remove KmsKeyId and try again.");
        }
      }
    }
  }

  static void validateCreateEndpoint(JsonNode r) {
    ConstraintViolations v = new ConstraintViolations();
    SageMakerValidator.name(v, Json.text(r, "EndpointName"), "endpointName");
    SageMakerValidator.name(v, Json.text(r, "EndpointConfigName"), "endpointConfigName");
    SageMakerValidator.tags(v, r.get("Tags"), "tags");
    v.throwIfAny();
  }

  private static void container(ConstraintViolations v, JsonNode container, String field) {
    if (container == null || container.isNull()) {
      return;
    }
    String image = Json.text(container, "Image");
    if (image != null && image.length() > 255) {
      v.add(image, field + ".image", ConstraintViolations.maxLength(255));
    }
    SageMakerValidator.s3Uri(v, Json.text(container, "ModelDataUrl"), field + ".modelDataUrl",
        false);
  }

  private static void variant(ConstraintViolations v, JsonNode variant, String at) {
    SageMakerValidator.name(v, Json.text(variant, "VariantName"), at + "variantName");
    SageMakerValidator.name(v, Json.text(variant, "ModelName"), at + "modelName");
    boolean serverless = variant.hasNonNull("ServerlessConfig");
    if (!serverless && Json.text(variant, "InstanceType") == null) {
      v.add(null, at + "instanceType", ConstraintViolations.NOT_NULL);
    }
    SageMakerValidator.minimum(v, variant.get("InitialInstanceCount"),
        at + "initialInstanceCount", 1, !serverless);
    SageMakerValidator.minimum(v, variant.get("InitialVariantWeight"),
        at + "initialVariantWeight", 0, false);
  }

  private static void dataCapture(ConstraintViolations v, JsonNode capture) {
    if (capture == null || capture.isNull()) {
      return;
    }
    JsonNode sampling = capture.get("InitialSamplingPercentage");
    if (sampling == null || sampling.isNull()) {
      v.add(null, "dataCaptureConfig.initialSamplingPercentage", ConstraintViolations.NOT_NULL);
    } else if (sampling.asInt() < 0 || sampling.asInt() > 100) {
      v.add(sampling.asText(), "dataCaptureConfig.initialSamplingPercentage",
          "Member must have value between 0 and 100");
    }
    SageMakerValidator.s3Uri(v, Json.text(capture, "DestinationS3Uri"),
        "dataCaptureConfig.destinationS3Uri", true);
    JsonNode options = capture.get("CaptureOptions");
    if (options == null || options.isNull()) {
      v.add(null, "dataCaptureConfig.captureOptions", ConstraintViolations.NOT_NULL);
      return;
    }
    if (options.isEmpty() || options.size() > 2) {
      v.add(null, "dataCaptureConfig.captureOptions", options.isEmpty()
          ? ConstraintViolations.minLength(1) : ConstraintViolations.maxLength(2));
    }
    for (int i = 0; i < options.size(); i++) {
      String mode = Json.text(options.get(i), "CaptureMode");
      if (!CAPTURE_MODES.contains(mode)) {
        v.add(mode, "dataCaptureConfig.captureOptions." + (i + 1) + ".member.captureMode",
            ConstraintViolations.oneOf(CAPTURE_MODES));
      }
    }
  }
}
