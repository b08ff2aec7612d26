package dev.secureml.operator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.testsupport.AwsTestClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * An emulator with a SageMaker client for the hosting tests: models, configurations and
 * endpoints, and waiting on endpoint status.
 */
final class Hosting implements AutoCloseable {
  static final String ROLE = "arn:aws:iam::111122223333:role/fraud-sagemaker-execution";
  static final String IMAGE =
      "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/xgboost:1.7-1";
  static final String FAILING_IMAGE =
      "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/xgboost:1.7-fail";

  private final AwsEmulator emulator;
  private final SageMakerClient sageMaker;

  private Hosting(AwsEmulator emulator) {
    this.emulator = emulator;
    this.sageMaker = AwsTestClients.sageMaker(emulator.endpoint());
  }

  static Hosting start(double speed) {
    return start(EmulatorOptions.defaults().withSpeed(speed));
  }

  static Hosting start(EmulatorOptions options) {
    return new Hosting(AwsEmulator.start(options));
  }

  AwsEmulator emulator() {
    return emulator;
  }

  SageMakerClient sageMaker() {
    return sageMaker;
  }

  @Override
  public void close() {
    sageMaker.close();
    emulator.close();
  }

  void model(String name, String image) {
    sageMaker.createModel(b -> b.modelName(name).executionRoleArn(ROLE)
        .primaryContainer(c -> c.image(image).modelDataUrl("s3://fraud-models/" + name
            + "/model.tar.gz")));
  }

  static ProductionVariant variant(String name, String model, int count, float weight) {
    return ProductionVariant.builder().variantName(name).modelName(model)
        .instanceType("ml.m5.large").initialInstanceCount(count).initialVariantWeight(weight)
        .build();
  }

  void config(String name, String model) {
    config(name, null, variant("AllTraffic", model, 1, 1f));
  }

  void config(String name, DataCaptureConfig capture, ProductionVariant... variants) {
    sageMaker.createEndpointConfig(b -> b.endpointConfigName(name).productionVariants(variants)
        .dataCaptureConfig(capture));
  }

  /** Model, configuration and endpoint named {@code <name>-model}, ... and {@code <name>}. */
  void endpoint(String name, String image) {
    model(name + "-model", image);
    config(name + "-config", name + "-model");
    sageMaker.createEndpoint(b -> b.endpointName(name).endpointConfigName(name + "-config"));
  }

  DescribeEndpointResponse describe(String name) {
    return sageMaker.describeEndpoint(b -> b.endpointName(name));
  }

  /** Polls until the endpoint shows {@code status}; returns every status seen on the way. */
  List<String> waitFor(String name, String status) {
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      String now = describe(name).endpointStatusAsString();
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(now)) {
        seen.add(now);
      }
      if (now.equals(status)) {
        return seen;
      }
      sleep(5);
    }
    throw new AssertionError(name + " never reached " + status + "; saw " + seen);
  }

  void waitUntilGone(String name) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        describe(name);
      } catch (SageMakerException e) {
        assertThat(e.getMessage()).contains("Could not find endpoint \"" + name + "\".");
        return;
      }
      sleep(5);
    }
    throw new AssertionError(name + " was never deleted");
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
