package dev.secureml.operator.controller;

import static dev.secureml.operator.controller.DataQualityMonitorControllerTest.monitor;
import static dev.secureml.operator.controller.ModelEndpointOwnershipTest.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.api.DataQualityMonitorSpec.MonitorEngine;
import dev.secureml.operator.sagemaker.OwnershipTags;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A monitor's job definition outlives a failed schedule step only while status names it: a
 * delete removes it, and a fix reuses or deletes it. Asked of the emulator by the monitor's
 * ownership tags.
 */
class DataQualityMonitorOwnershipTest {
  private OperatorHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void aDefinitionLeftByAFailedScheduleStepGoesWithTheMonitor() throws Exception {
    h = DataQualityMonitorControllerTest.startWithServingEndpoint();
    h.emulator.refuse("CreateMonitoringSchedule", r -> true,
        "1 validation error detected: refused for this test");
    h.apply(monitor("dqm", MonitorEngine.ModelMonitor, "hourly"));

    DataQualityMonitor failed = awaitError("dqm");
    Map<String, String> owner = ownerTags(failed);
    assertThat(names(h.emulator.arnsTagged(owner)))
        .containsExactly(failed.getStatus().jobDefinitionName.toLowerCase());

    h.client.resource(failed).delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> h.monitor("dqm") == null);
    assertThat(h.emulator.arnsTagged(owner)).isEmpty();
  }

  @ParameterizedTest(name = "the fix changes the job definition: {0}")
  @ValueSource(booleans = {false, true})
  void aFixAfterAFailedScheduleStepReusesOrDeletesTheDefinitionAndDuplicatesNothing(
      boolean newDefinition) throws Exception {
    h = DataQualityMonitorControllerTest.startWithServingEndpoint();
    AtomicBoolean refusing = new AtomicBoolean(true);
    h.emulator.refuse("CreateMonitoringSchedule", r -> refusing.get(),
        "1 validation error detected: refused for this test");
    h.apply(monitor("dqm", MonitorEngine.ModelMonitor, "hourly"));
    DataQualityMonitor failed = awaitError("dqm");
    String first = failed.getStatus().jobDefinitionName;

    h.editMonitor("dqm", m -> {
      if (newDefinition) {
        m.getSpec().resources = new DataQualityMonitorSpec.ProcessingResources();
        m.getSpec().resources.instanceType = "ml.m5.2xlarge";
      } else {
        m.getSpec().schedule = "daily";
      }
      return m;
    });
    if (newDefinition) {
      h.awaitMonitor("dqm", Duration.ofSeconds(30), m -> !first.equals(
          m.getStatus().jobDefinitionName));
    }
    refusing.set(false);

    DataQualityMonitor fixed = h.awaitMonitor("dqm", Duration.ofSeconds(30),
        m -> "Scheduled".equals(m.getStatus().phase)
            && m.getStatus().retiredJobDefinitions.isEmpty());
    var status = fixed.getStatus();
    assertThat(names(h.emulator.arnsTagged(ownerTags(fixed))))
        .containsExactlyInAnyOrder(status.jobDefinitionName.toLowerCase(),
            status.monitoringScheduleName.toLowerCase());
    assertThat(status.jobDefinitionName.equals(first)).isEqualTo(!newDefinition);
  }

  private DataQualityMonitor awaitError(String name) {
    DataQualityMonitor failed = h.awaitMonitor(name, Duration.ofSeconds(30),
        m -> m.getStatus() != null && "Error".equals(m.getStatus().phase)
            && m.getStatus().jobDefinitionName != null);
    assertThat(Conditions.find(failed.getStatus().conditions, Conditions.STALLED).orElseThrow()
        .getMessage()).startsWith("SageMaker CreateMonitoringSchedule failed");
    return failed;
  }

  private static Map<String, String> ownerTags(DataQualityMonitor m) {
    return OwnershipTags.of(m.getMetadata().getNamespace(), m.getMetadata().getName(),
        m.getMetadata().getUid());
  }
}
