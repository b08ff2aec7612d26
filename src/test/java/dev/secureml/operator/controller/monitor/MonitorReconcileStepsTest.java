package dev.secureml.operator.controller.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.PolicyLookup;
import dev.secureml.operator.controller.StatusConditions;
import dev.secureml.operator.local.sandbox.TestManifests;
import dev.secureml.operator.policy.NamespaceInfo;
import dev.secureml.operator.policy.PolicyEngine;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A monitor whose endpoint exists but is not serving yet waits for it, whatever the endpoint's
 * status holds so far (the sandbox race: named by the endpoint controller, not yet described).
 */
class MonitorReconcileStepsTest {
  private final List<String> events = new ArrayList<>();

  static Stream<Arguments> endpointsNotServingYet() {
    return Stream.of(
        Arguments.of("no status yet", null, null),
        Arguments.of("status without a SageMaker name", null, "Creating"),
        Arguments.of("named but not described yet", "fraud-models-ep-1a2b3c", null),
        Arguments.of("being created", "fraud-models-ep-1a2b3c", "Creating"),
        Arguments.of("failed", "fraud-models-ep-1a2b3c", "Failed"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpointsNotServingYet")
  void waitsForAnEndpointThatIsNotServingYet(String state, String endpointName,
      String sageMakerStatus) {
    ModelEndpoint endpoint = TestManifests.exampleEndpoint("bank-failure-endpoint");
    if (endpointName != null || sageMakerStatus != null) {
      endpoint.setStatus(new ModelEndpointStatus());
      endpoint.getStatus().endpointName = endpointName;
      endpoint.getStatus().sageMakerStatus = sageMakerStatus;
    }
    DataQualityMonitor monitor = TestManifests.exampleMonitor("bank-failure-drift");
    monitor.getMetadata().setUid("0f6a1c2e-0000-4000-8000-000000000001");
    monitor.getMetadata().setGeneration(1L);
    DataQualityMonitorStatus status = new DataQualityMonitorStatus();

    var lookAgain = steps(endpoint).reconcile(monitor, status, null);

    assertThat(lookAgain).isNull(); // the endpoint informer wakes the monitor
    assertThat(status.phase).isEqualTo("WaitingForEndpoint");
    assertThat(Conditions.find(status.conditions, Conditions.RECONCILING).orElseThrow()
        .getMessage()).isEqualTo("waiting for ModelEndpoint bank-failure-endpoint to be "
            + "InService");
    assertThat(Conditions.isTrue(status.conditions, Conditions.STALLED)).isFalse();
    assertThat(events).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("servingStates")
  void servingIsTrueOnlyForStatesThatCaptureTraffic(String state, boolean serving) {
    assertThat(MonitorGate.serving(state)).isEqualTo(serving);
  }

  static Stream<Arguments> servingStates() {
    return Stream.of(Arguments.of(null, false), Arguments.of("", false),
        Arguments.of("Creating", false), Arguments.of("Failed", false),
        Arguments.of("OutOfService", false), Arguments.of("inservice", false),
        Arguments.of("InService", true), Arguments.of("Updating", true),
        Arguments.of("SystemUpdating", true), Arguments.of("RollingBack", true));
  }

  private MonitorReconcileSteps steps(ModelEndpoint endpoint) {
    CompliancePolicy policy = TestManifests.examplePolicy();
    var namespace = TestManifests.exampleNamespace();
    PolicyLookup lookup = new PolicyLookup(null, null) {
      @Override
      public List<CompliancePolicy> policies() {
        return List.of(policy);
      }

      @Override
      public NamespaceInfo namespace(String name) {
        return new NamespaceInfo(name, namespace.getMetadata().getLabels());
      }
    };
    EventRecorder recorder = new EventRecorder(null) {
      @Override
      public void normal(HasMetadata about, String reason, String message) {
        events.add(reason + ": " + message);
      }

      @Override
      public void warning(HasMetadata about, String reason, String message) {
        events.add(reason + ": " + message);
      }
    };
    // Nothing past the endpoint check may be reached: baseline, engines, alerts stay absent.
    return new MonitorReconcileSteps(new PolicyEngine(), lookup,
        (ns, name) -> ns.equals(endpoint.getMetadata().getNamespace())
            && name.equals(endpoint.getMetadata().getName()) ? Optional.of(endpoint)
            : Optional.empty(),
        null, null, null, null, null, recorder, new StatusConditions(Clock.systemUTC()));
  }
}
