package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * CreateModel and CreateEndpointConfig checks beyond the service model, which
 * {@link ModelCheckedService} has applied already: SageMaker's rules across fields.
 */
final class HostingValidator {
  private HostingValidator() {}

  static void validateCreateModel(JsonNode r) {
    JsonNode containers = r.get("Containers");
    boolean primary = r.hasNonNull("PrimaryContainer");
    if (primary == (containers != null && !containers.isEmpty())) {
      throw AwsServiceException.validation(primary
          ? "Only one of PrimaryContainer or Containers may be specified."
          : "A model needs a PrimaryContainer or Containers.");
    }
  }

  static void validateCreateEndpointConfig(JsonNode r) {
    variantNeeds(r.path("ProductionVariants"));
    Set<String> names = new HashSet<>();
    for (JsonNode variant : r.path("ProductionVariants")) {
      String name = variant.path("VariantName").asText();
      if (!names.add(name)) {
        throw AwsServiceException.validation("Production variant names must be unique within an"
            + " endpoint configuration. Duplicate variant name: " + name);
      }
    }
    if (Json.text(r, "KmsKeyId") != null) {
      for (JsonNode variant : r.path("ProductionVariants")) {
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

  /**
   * The model leaves ModelName, InstanceType and InitialInstanceCount optional (serverless
   * variants and inference components need none); an instance-based variant, the only kind
   * the emulator runs, needs all three, reported as AWS reports a missing member.
   */
  private static void variantNeeds(JsonNode variants) {
    ConstraintViolations v = new ConstraintViolations();
    for (int i = 0; i < variants.size(); i++) {
      JsonNode variant = variants.get(i);
      String at = "productionVariants." + (i + 1) + ".member.";
      SageMakerValidator.required(v, variant, "ModelName", at);
      if (!variant.hasNonNull("ServerlessConfig")) {
        SageMakerValidator.required(v, variant, "InstanceType", at);
        SageMakerValidator.required(v, variant, "InitialInstanceCount", at);
      }
    }
    v.throwIfAny();
  }
}
