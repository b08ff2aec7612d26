package dev.secureml.operator.sagemaker;

/**
 * Desired instance count and traffic weight of one production variant: what
 * UpdateEndpointWeightsAndCapacities changes without a new EndpointConfig.
 */
public record VariantCapacity(String name, int instanceCount, double weight) {}
