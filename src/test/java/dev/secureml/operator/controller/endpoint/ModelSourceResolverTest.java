package dev.secureml.operator.controller.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.local.sandbox.TestManifests;
import dev.secureml.operator.sagemaker.EndpointStatusMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Model sources resolved from the endpoint's own namespace, whatever the spec holds. */
class ModelSourceResolverTest {
  private final List<String> lookedUp = new ArrayList<>();

  private ModelSourceResolver resolver() {
    return new ModelSourceResolver((ns, name) -> {
      lookedUp.add(ns + "/" + name);
      return Optional.<SecureTrainingJob>empty();
    }, status -> Map.of());
  }

  @Test
  void aNullVariantIsLeftToThePolicyInsteadOfThrowing() {
    ModelEndpoint ep = TestManifests.explicitEndpoint("ep");
    ModelEndpointSpec.Variant blue = new ModelEndpointSpec.Variant();
    blue.name = "blue";
    blue.instanceType = "ml.m5.large";
    ep.getSpec().variants = new ArrayList<>();
    ep.getSpec().variants.add(blue);
    ep.getSpec().variants.add(null); // `- ~` in the manifest

    var resolution = resolver().resolve(ep);

    assertThat(resolution).isInstanceOf(ModelSourceResolver.Resolved.class);
    assertThat(((ModelSourceResolver.Resolved) resolution).models()).containsOnlyKeys("blue");
  }

  @Test
  void aReferenceThatIsNotAPlainNameIsNeverLookedUp() {
    ModelEndpoint ep = TestManifests.exampleEndpoint("ep");
    ep.getSpec().model.fromTrainingJob = "other-namespace/bank-failure-xgb";

    var resolution = resolver().resolve(ep);

    assertThat(resolution).isEqualTo(new ModelSourceResolver.Failed(
        "fromTrainingJob must name a SecureTrainingJob in namespace fraud-models", null));
    assertThat(lookedUp).isEmpty();
  }

  @Test
  void aPlainNameIsLookedUpInTheEndpointsOwnNamespace() {
    ModelEndpoint ep = TestManifests.exampleEndpoint("ep");

    resolver().resolve(ep);

    assertThat(lookedUp).containsExactly("fraud-models/bank-failure-xgb");
  }

  @Test
  void aNullEndpointStateIsNotBusy() {
    assertThat(EndpointStatusMapper.isTransitional((String) null)).isFalse();
    assertThat(EndpointStatusMapper.isTransitional("Creating")).isTrue();
  }
}
