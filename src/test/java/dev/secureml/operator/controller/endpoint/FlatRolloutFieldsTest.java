package dev.secureml.operator.controller.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.EndpointRollout;
import dev.secureml.operator.api.ModelEndpointStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No order of upgrade, CRD update or downgrade loses the rollout bookkeeping. */
@SuppressWarnings("deprecation") // the flat fields are what this tests
class FlatRolloutFieldsTest {

  private static ModelEndpointStatus servingWithGarbage() {
    ModelEndpointStatus s = new ModelEndpointStatus();
    s.endpointConfigName = "ep-config-b";
    s.modelNames = List.of("ep-model-b");
    EndpointRollout r = s.rollout();
    r.settledOn("ep-config-b", List.of("ep-model-b"));
    r.retire("ep-config-a", List.of("ep-model-a"));
    r.registering("AllTraffic");
    r.autoscalingSet("min=1,max=3");
    r.tagsApplied(Map.of("team", "fraud"));
    r.failed(4L);
    return s;
  }

  @Test
  void anOlderCrdThatPrunesStatusRolloutLosesNothing() {
    ModelEndpointStatus s = servingWithGarbage();
    FlatRolloutFields.mirror(s);
    EndpointRollout written = s.rollout;
    s.rollout = null; // what an API server with the previous CRD keeps of the write

    assertThat(FlatRolloutFields.read(s)).isTrue();

    assertThat(s.rollout).usingRecursiveComparison().isEqualTo(written);
  }

  @Test
  void itsOwnCopyLeavesStatusRolloutAsItIs() {
    ModelEndpointStatus s = servingWithGarbage();
    FlatRolloutFields.mirror(s);
    EndpointRollout nested = s.rollout;

    assertThat(FlatRolloutFields.read(s)).isFalse();

    assertThat(s.rollout).isSameAs(nested);
  }

  @Test
  void flatFieldsAnOlderReleaseChangedSinceWinAndTheStaleRolloutsGarbageStaysGarbage() {
    ModelEndpointStatus s = servingWithGarbage();
    FlatRolloutFields.mirror(s);
    // An older release ran: it collected the garbage, cleared failedGeneration, and started an
    // update to config c; status.rollout (unknown to it) still says what this release wrote.
    s.retiredEndpointConfigs = List.of();
    s.retiredModels = List.of();
    s.failedGeneration = null;
    s.targetEndpointConfigName = "ep-config-c";
    s.targetModelNames = List.of("ep-model-c");
    s.targetGeneration = 6L;
    s.rollout.begin("ep-config-x", List.of("ep-model-x"), 5L); // a target the flat side replaced

    assertThat(FlatRolloutFields.read(s)).isTrue();

    EndpointRollout r = s.rollout;
    assertThat(r.failedGeneration).isNull();
    assertThat(r.targetEndpointConfigName).isEqualTo("ep-config-c");
    assertThat(r.targetGeneration).isEqualTo(6L);
    assertThat(r.retiredEndpointConfigs).containsExactlyInAnyOrder("ep-config-a", "ep-config-x");
    assertThat(r.retiredModels).containsExactlyInAnyOrder("ep-model-a", "ep-model-x");
    assertThat(r.autoscaledVariants).containsExactly("AllTraffic");
  }

  @Test
  void aStatusWithoutFlatFieldsIsLeftAlone() {
    ModelEndpointStatus s = new ModelEndpointStatus();
    assertThat(FlatRolloutFields.read(s)).isFalse();
    assertThat(s.rollout).isNull();
  }
}
