package dev.secureml.operator.controller;

import static dev.secureml.operator.controller.DataQualityMonitorControllerTest.monitor;
import static dev.secureml.operator.controller.ModelEndpointOwnershipTest.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.api.DataQualityMonitorSpec.MonitorEngine;
import dev.secureml.operator.local.emulator.JournalEntry;
import dev.secureml.operator.sagemaker.LegacyNames;
import dev.secureml.operator.sagemaker.OwnershipTags;
import dev.secureml.operator.sagemaker.ResourceOwner;
import dev.secureml.operator.sagemaker.SdkJson;
import dev.secureml.operator.testsupport.AwsTestClients;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateDataQualityJobDefinitionRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateMonitoringScheduleRequest;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Monitors the previous release set up run a schedule and job definition named the old way. The
 * old definition name cut off the uid, so two monitors with long names could share one. After
 * the upgrade a recorded legacy part is kept only when its ownership tags name the monitor; a
 * monitor recording another's part moves onto its own and leaves the other's alone.
 */
class UpgradeFromLegacyMonitorNamesTest {
  /** Namespace and name share the first 56 characters, all the legacy names keep. */
  private static final String PREFIX = "retail-banking-division-fraud-scoring-drift-";
  private static final List<String> CHANGING_CALLS = List.of("DeleteDataQualityJobDefinition",
      "UpdateMonitoringSchedule", "DeleteMonitoringSchedule", "StartMonitoringSchedule");

  private OperatorHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void ofTwoMonitorsRecordingOneLegacyDefinitionTheOwnerKeepsItAndTheOtherMovesOntoItsOwn()
      throws Exception {
    h = DataQualityMonitorControllerTest.startWithServingEndpoint();
    DataQualityMonitor blue = scheduled(PREFIX + "blue");
    DataQualityMonitor green = scheduled(PREFIX + "green");
    h.stopOperator();
    Variant shared = sharedLegacyDefinition(blue, green);
    String definition = shared.blue().jobDefinitionName();
    String blueSchedule = LegacyNames.schedule(owner(blue));
    String greenSchedule = LegacyNames.schedule(owner(green));
    try (SageMakerClient sageMaker = AwsTestClients.sageMaker(h.emulator.endpoint())) {
      removeCurrentParts(sageMaker, blue, green);
      // Only blue's tags: the previous release created it for whichever monitor came first.
      sageMaker.createDataQualityJobDefinition(shared.blue());
      recordLegacy(sageMaker, blue, shared.blueRuntime(), shared.blueVolume(), blueSchedule,
          definition);
      recordLegacy(sageMaker, green, shared.greenRuntime(), shared.greenVolume(), greenSchedule,
          definition);
    }
    h.emulator.journal().clear();
    h.startOperator();

    DataQualityMonitor moved = h.awaitMonitor(green.getMetadata().getName(),
        Duration.ofSeconds(30), m -> "Scheduled".equals(m.getStatus().phase)
            && !definition.equals(m.getStatus().jobDefinitionName)
            && m.getStatus().retiredJobDefinitions.isEmpty());
    String own = moved.getStatus().jobDefinitionName;
    assertThat(moved.getStatus().monitoringScheduleName).isEqualTo(greenSchedule);
    assertThat(runs(greenSchedule)).isEqualTo(own);
    Thread.sleep(1500); // several polling rounds
    DataQualityMonitor kept = h.monitor(blue.getMetadata().getName());
    assertThat(kept.getStatus().jobDefinitionName).isEqualTo(definition);
    assertThat(kept.getStatus().monitoringScheduleName).isEqualTo(blueSchedule);
    assertThat(runs(blueSchedule)).isEqualTo(definition);
    assertThat(h.emulator.journal().operations("SageMaker.CreateDataQualityJobDefinition"))
        .hasSize(1);
    assertThat(h.emulator.journal().operations("SageMaker.DeleteDataQualityJobDefinition"))
        .isEmpty();
    assertThat(h.eventsFor(green.getMetadata().getName()))
        .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("NotOwned"));
    assertThat(names(h.emulator.arnsTagged(tags(blue)))).containsExactlyInAnyOrder(
        definition.toLowerCase(), blueSchedule.toLowerCase());
    assertThat(names(h.emulator.arnsTagged(tags(green)))).containsExactlyInAnyOrder(
        own.toLowerCase(), greenSchedule.toLowerCase());

    delete(moved);
    assertThat(h.emulator.arnsTagged(tags(green))).isEmpty();
    assertThat(runs(blueSchedule)).isEqualTo(definition);
    assertThat(h.monitor(blue.getMetadata().getName()).getStatus().phase).isEqualTo("Scheduled");
    delete(kept);
    assertThat(h.emulator.arnsTagged(tags(blue))).isEmpty();
  }

  @Test
  void aMonitorRecordingAnotherOwnersLegacyScheduleMovesOntoItsOwnAndLeavesThatOneAlone()
      throws Exception {
    h = DataQualityMonitorControllerTest.startWithServingEndpoint();
    DataQualityMonitor dqm = scheduled("dqm");
    h.stopOperator();
    Map<String, String> other = OwnershipTags.of(dqm.getMetadata().getNamespace(), "dqm-twin",
        "7e7e7e7e-0000-4000-8000-000000000000");
    String legacy = LegacyNames.schedule(owner(dqm));
    String current = dqm.getStatus().monitoringScheduleName;
    String othersDefinition = "fraud-models-dqm-twin-5e5e5e";
    try (SageMakerClient sageMaker = AwsTestClients.sageMaker(h.emulator.endpoint())) {
      sageMaker.createDataQualityJobDefinition(definitionRequest(dqm.getStatus()
          .jobDefinitionName).toBuilder().jobDefinitionName(othersDefinition)
          .tags(tagList(other)).build());
      var request = scheduleRequest(current);
      sageMaker.createMonitoringSchedule(request.toBuilder()
          .monitoringScheduleName(legacy).tags(tagList(other))
          .monitoringScheduleConfig(request.monitoringScheduleConfig().toBuilder()
              .monitoringJobDefinitionName(othersDefinition).build())
          .build());
    }
    DataQualityMonitor recorded = h.monitor("dqm");
    recorded.getStatus().monitoringScheduleName = legacy;
    h.client.resource(recorded).updateStatus();
    h.emulator.journal().clear();
    h.startOperator();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(h.eventsFor("dqm"))
        .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("NotOwned")));
    DataQualityMonitor moved = h.awaitMonitor("dqm", Duration.ofSeconds(30),
        m -> current.equals(m.getStatus().monitoringScheduleName)
            && "Scheduled".equals(m.getStatus().phase));
    assertThat(runs(legacy)).isEqualTo(othersDefinition);
    for (String call : CHANGING_CALLS) {
      assertThat(h.emulator.journal().operations("SageMaker." + call)).as(call).isEmpty();
    }

    delete(moved);
    assertThat(h.emulator.arnsTagged(tags(dqm))).isEmpty();
    assertThat(names(h.emulator.arnsTagged(other))).containsExactlyInAnyOrder(
        legacy.toLowerCase(), othersDefinition.toLowerCase());
  }

  /** Blue's and green's definitions once their specs ask for these resources. */
  private record Variant(CreateDataQualityJobDefinitionRequest blue, int blueRuntime,
      int blueVolume, int greenRuntime, int greenVolume) {}

  /**
   * Resources for blue and green under which their legacy definition names are one and the
   * same: only 24 bits of content hash tell them apart, so among 16,000 variants each some pairs
   * collide (about 15 expected).
   */
  private Variant sharedLegacyDefinition(DataQualityMonitor blue, DataQualityMonitor green) {
    var blueRequest = definitionRequest(blue.getStatus().jobDefinitionName);
    var greenRequest = definitionRequest(green.getStatus().jobDefinitionName);
    String blueSchedule = LegacyNames.schedule(owner(blue));
    String greenSchedule = LegacyNames.schedule(owner(green));
    Map<String, int[]> blueNames = new HashMap<>();
    for (int runtime = 1600; runtime < 3600; runtime++) {
      for (int volume = 20; volume < 28; volume++) {
        blueNames.put(LegacyNames.jobDefinition(blueSchedule,
            resources(blueRequest, runtime, volume)), new int[] {runtime, volume});
      }
    }
    for (int runtime = 1600; runtime < 3600; runtime++) {
      for (int volume = 20; volume < 28; volume++) {
        String name = LegacyNames.jobDefinition(greenSchedule,
            resources(greenRequest, runtime, volume));
        int[] match = blueNames.get(name);
        if (match != null) {
          return new Variant(resources(blueRequest, match[0], match[1]).toBuilder()
              .jobDefinitionName(name).build(), match[0], match[1], runtime, volume);
        }
      }
    }
    throw new AssertionError("no shared legacy definition name among the variants");
  }

  private static CreateDataQualityJobDefinitionRequest resources(
      CreateDataQualityJobDefinitionRequest request, int runtime, int volume) {
    var cluster = request.jobResources().clusterConfig().toBuilder().volumeSizeInGB(volume)
        .build();
    return request.toBuilder()
        .stoppingCondition(s -> s.maxRuntimeInSeconds(runtime))
        .jobResources(r -> r.clusterConfig(cluster))
        .build();
  }

  /**
   * Puts the monitor where the previous release would have left it: its spec asking for these
   * resources, running {@code schedule} (created here, tagged for the monitor) on {@code
   * definition}, both recorded in status.
   */
  private void recordLegacy(SageMakerClient sageMaker, DataQualityMonitor m, int runtime,
      int volume, String schedule, String definition) {
    String name = m.getMetadata().getName();
    h.editMonitor(name, edited -> {
      edited.getSpec().resources = new DataQualityMonitorSpec.ProcessingResources();
      edited.getSpec().resources.maxRuntime = runtime + "s";
      edited.getSpec().resources.volumeSizeGB = volume;
      return edited;
    });
    var request = scheduleRequest(m.getStatus().monitoringScheduleName);
    String arn = sageMaker.createMonitoringSchedule(request.toBuilder()
        .monitoringScheduleName(schedule)
        .monitoringScheduleConfig(request.monitoringScheduleConfig().toBuilder()
            .monitoringJobDefinitionName(definition).build())
        .build()).monitoringScheduleArn();
    DataQualityMonitor recorded = h.monitor(name);
    recorded.getStatus().monitoringScheduleName = schedule;
    recorded.getStatus().monitoringScheduleArn = arn;
    recorded.getStatus().jobDefinitionName = definition;
    recorded.getStatus().retiredJobDefinitions.clear();
    h.client.resource(recorded).updateStatus();
  }

  /** Deletes the schedules and definitions the current release made for the monitors. */
  private void removeCurrentParts(SageMakerClient sageMaker, DataQualityMonitor... monitors) {
    for (DataQualityMonitor m : monitors) {
      String schedule = m.getStatus().monitoringScheduleName;
      sageMaker.deleteMonitoringSchedule(b -> b.monitoringScheduleName(schedule));
      await().atMost(Duration.ofSeconds(20)).until(() -> gone(sageMaker, schedule));
      sageMaker.deleteDataQualityJobDefinition(b -> b.jobDefinitionName(
          m.getStatus().jobDefinitionName));
    }
  }

  private static boolean gone(SageMakerClient sageMaker, String schedule) {
    try {
      sageMaker.describeMonitoringSchedule(b -> b.monitoringScheduleName(schedule));
      return false;
    } catch (ResourceNotFoundException e) {
      return true;
    }
  }

  /** The job definition the schedule runs. */
  private String runs(String schedule) {
    try (SageMakerClient sageMaker = AwsTestClients.sageMaker(h.emulator.endpoint())) {
      return sageMaker.describeMonitoringSchedule(b -> b.monitoringScheduleName(schedule))
          .monitoringScheduleConfig().monitoringJobDefinitionName();
    }
  }

  private DataQualityMonitor scheduled(String name) {
    h.apply(monitor(name, MonitorEngine.ModelMonitor, "hourly"));
    return h.awaitMonitor(name, Duration.ofSeconds(30), m -> m.getStatus() != null
        && "Scheduled".equals(m.getStatus().phase) && m.getStatus().jobDefinitionName != null);
  }

  private void delete(DataQualityMonitor m) {
    h.client.resource(m).delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> h.monitor(m.getMetadata().getName())
        == null);
  }

  private CreateDataQualityJobDefinitionRequest definitionRequest(String name) {
    return SdkJson.fromJson(created("SageMaker.CreateDataQualityJobDefinition",
        "JobDefinitionName", name), CreateDataQualityJobDefinitionRequest.class);
  }

  private CreateMonitoringScheduleRequest scheduleRequest(String name) {
    return SdkJson.fromJson(created("SageMaker.CreateMonitoringSchedule",
        "MonitoringScheduleName", name), CreateMonitoringScheduleRequest.class);
  }

  private JsonNode created(String target, String field,
      String name) {
    return h.emulator.journal().operations(target).stream()
        .filter(JournalEntry::succeeded).map(JournalEntry::request)
        .filter(r -> name.equals(r.path(field).asText())).findFirst().orElseThrow();
  }

  private static ResourceOwner owner(DataQualityMonitor m) {
    return ResourceOwner.of(m.getMetadata());
  }

  private static Map<String, String> tags(DataQualityMonitor m) {
    return owner(m).tags();
  }

  private static List<Tag> tagList(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }
}
