package dev.secureml.operator.local.emulator;

import java.util.List;

/**
 * One production variant as it is deployed: the counts and weights DescribeEndpoint shows, the
 * images it runs and the instances behind it (their ids name the log streams).
 */
record EndpointVariant(
    String name,
    String modelName,
    String instanceType,
    int currentInstanceCount,
    int desiredInstanceCount,
    double currentWeight,
    double desiredWeight,
    List<String> images,
    List<String> instanceIds) {

  EndpointVariant {
    images = List.copyOf(images);
    instanceIds = List.copyOf(instanceIds);
  }

  /** The variant once a pending change of weight and count has been applied. */
  EndpointVariant settled(List<String> newInstanceIds) {
    return new EndpointVariant(name, modelName, instanceType, desiredInstanceCount,
        desiredInstanceCount, desiredWeight, desiredWeight, images, newInstanceIds);
  }

  EndpointVariant desire(double weight, int count) {
    return new EndpointVariant(name, modelName, instanceType, currentInstanceCount, count,
        currentWeight, weight, images, instanceIds);
  }

  /** An image whose name contains "fail" never passes the ping health check. */
  boolean failsHealthCheck() {
    return images.stream().anyMatch(image -> image.contains("fail"));
  }
}
