package dev.secureml.operator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Every kind the operator creates keeps the tags it was created with and shows them through
 * ListTags, as SageMaker does; the operator's ownership check rests on that. Tests can ask which
 * resources carry a custom resource's tags, and script a refusal of one step.
 */
class OwnershipTagsApiTest {
  private static final Map<String, String> OWNER = Map.of("secureml.dev/namespace", "fraud",
      "secureml.dev/name", "blue", "secureml.dev/uid", "uid-blue");
  private static final String ARN = "arn:aws:sagemaker:us-east-1:111122223333:";

  private Monitoring m;

  @BeforeEach
  void start() {
    m = Monitoring.start(200);
  }

  @AfterEach
  void stop() {
    m.close();
  }

  static Stream<String> kinds() {
    return Stream.of("training-job", "model", "endpoint-config", "endpoint",
        "data-quality-job-definition", "monitoring-schedule");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void listTagsShowsTheTagsACreateCarried(String kind) {
    createEverything("blue", OWNER);

    Map<String, String> shown = new LinkedHashMap<>();
    m.sageMaker().listTags(b -> b.resourceArn(ARN + kind + "/blue-" + kind)).tags()
        .forEach(t -> shown.put(t.key(), t.value()));

    assertThat(shown).isEqualTo(OWNER);
  }

  @Test
  void arnsTaggedFindsExactlyTheResourcesCarryingAllTheTags() {
    createEverything("blue", OWNER);
    Map<String, String> green = new LinkedHashMap<>(OWNER);
    green.put("secureml.dev/uid", "uid-green");
    createEverything("green", green);

    assertThat(m.emulator().arnsTagged(OWNER)).containsExactlyElementsOf(kinds()
        .map(k -> ARN + k + "/blue-" + k).sorted().toList());
    assertThat(m.emulator().arnsTagged(Map.of("secureml.dev/namespace", "fraud"))).hasSize(12);
    assertThat(m.emulator().arnsTagged(Map.of("secureml.dev/uid", "nobody"))).isEmpty();
  }

  @Test
  void aScriptedRefusalFailsOnlyTheMatchingRequestUntilCleared() {
    m.emulator().refuse("CreateEndpointConfig",
        r -> r.path("EndpointConfigName").asText().startsWith("blue"),
        "Invalid instance type for this account.");
    m.hosting().model("blue-model", Hosting.IMAGE);

    SageMakerException refused = catchThrowableOfType(SageMakerException.class,
        () -> m.hosting().config("blue-config", "blue-model"));
    m.hosting().config("green-config", "blue-model");

    assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(refused.awsErrorDetails().errorMessage())
        .isEqualTo("Invalid instance type for this account.");
    m.emulator().clearRefusals();
    m.hosting().config("blue-config", "blue-model");
  }

  private void createEverything(String prefix, Map<String, String> tags) {
    List<Tag> list = tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    m.sageMaker().createTrainingJob(TrainingJobRequests.valid(prefix + "-training-job")
        .tags(list).build());
    m.sageMaker().createModel(b -> b.modelName(prefix + "-model").executionRoleArn(Hosting.ROLE)
        .primaryContainer(c -> c.image(Hosting.IMAGE).modelDataUrl("s3://fraud-models/m.tar.gz"))
        .tags(list));
    m.sageMaker().createEndpointConfig(b -> b.endpointConfigName(prefix + "-endpoint-config")
        .productionVariants(Hosting.variant("AllTraffic", prefix + "-model", 1, 1f))
        .tags(list));
    m.sageMaker().createEndpoint(b -> b.endpointName(prefix + "-endpoint")
        .endpointConfigName(prefix + "-endpoint-config").tags(list));
    m.sageMaker().createDataQualityJobDefinition(Monitoring.definition(
        prefix + "-data-quality-job-definition", prefix + "-endpoint", "s3://fraud-monitoring/b")
        .tags(list).build());
    m.sageMaker().createMonitoringSchedule(b -> b
        .monitoringScheduleName(prefix + "-monitoring-schedule")
        .monitoringScheduleConfig(c -> c
            .monitoringJobDefinitionName(prefix + "-data-quality-job-definition")
            .monitoringType("DataQuality")
            .scheduleConfig(s -> s.scheduleExpression("cron(0 * ? * * *)")))
        .tags(list));
  }
}
