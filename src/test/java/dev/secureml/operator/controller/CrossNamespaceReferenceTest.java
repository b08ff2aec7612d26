package dev.secureml.operator.controller;

import static dev.secureml.operator.local.sandbox.TestManifests.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.local.emulator.JournalEntry;
import dev.secureml.operator.local.sandbox.TestManifests;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * References into another namespace, end to end: refused by the controllers at once with the
 * CRD schema's message, which says that references stay in the resource's own namespace; never
 * looked up, and nothing created in SageMaker.
 */
class CrossNamespaceReferenceTest {
  private OperatorHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void endpointAndMonitorNamingAnotherNamespaceAreRejectedAndCreateNothing() {
    h = OperatorHarness.start().withExamplePolicy();
    ModelEndpoint endpoint = TestManifests.exampleEndpoint("scoring");
    endpoint.getSpec().model.fromTrainingJob = "other-namespace/bank-failure-xgb";
    h.apply(endpoint);
    DataQualityMonitor monitor = TestManifests.exampleMonitor("drift");
    monitor.getSpec().endpointRef = "other-namespace/scoring";
    h.apply(monitor);

    ModelEndpoint rejected = h.awaitEndpoint("scoring",
        e -> e.getStatus() != null && "Rejected".equals(e.getStatus().phase));
    assertThat(stalled(rejected.getStatus().conditions)).isEqualTo(
        "spec does not match the ModelEndpoint schema: spec.model.fromTrainingJob: Invalid "
            + "value: \"other-namespace/bank-failure-xgb\": must not name another namespace: "
            + "references are resolved in the resource's own namespace only, so give just the "
            + "name of a SecureTrainingJob in this namespace");
    DataQualityMonitor refused = h.awaitMonitor("drift", Duration.ofSeconds(20),
        m -> m.getStatus() != null && "Rejected".equals(m.getStatus().phase));
    assertThat(stalled(refused.getStatus().conditions)).isEqualTo(
        "spec does not match the DataQualityMonitor schema: spec.endpointRef: Invalid value: "
            + "\"other-namespace/scoring\": must not name another namespace: references are "
            + "resolved in the resource's own namespace only, so give just the name of a "
            + "ModelEndpoint in this namespace");
    assertThat(h.eventReasons("scoring")).isNotEmpty().containsOnly("SchemaViolation");
    assertThat(h.eventReasons("drift")).isNotEmpty().containsOnly("SchemaViolation");
    assertThat(h.emulator.journal().entries()).extracting(JournalEntry::operation)
        .noneMatch(op -> op.startsWith("Create"));
    assertThat(h.client.resources(ModelEndpoint.class).inNamespace(NAMESPACE).list().getItems())
        .hasSize(1);
  }

  private static String stalled(List<Condition> c) {
    return Conditions.find(c, Conditions.STALLED).orElseThrow().getMessage();
  }
}
