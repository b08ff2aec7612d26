package dev.secureml.operator.controller.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.controller.PerResourceState;
import dev.secureml.operator.controller.PollingSchedule;
import dev.secureml.operator.controller.RetryBackoff;
import dev.secureml.operator.controller.StatusConditions;
import dev.secureml.operator.metrics.ResourcePhaseMetrics;
import dev.secureml.operator.policy.ResolvedHostingSettings;
import dev.secureml.operator.sagemaker.NameConflictException;
import dev.secureml.operator.sagemaker.ResolvedModel;
import dev.secureml.operator.sagemaker.Golden;
import dev.secureml.operator.sagemaker.ResourceOwner;
import dev.secureml.operator.sagemaker.SdkJson;
import dev.secureml.operator.testsupport.RecordedEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * Golden: one directory per situation under {@code controller/endpoint-rollout}, one pass each
 * (observe, decide, execute against {@link FakeSageMaker}).
 *
 * <p>Inputs: {@code endpoint.yaml} (metadata and spec), {@code status.yaml} (status before the
 * pass), {@code describe-endpoint.json} and {@code describe-endpoint-config.json} (SageMaker's
 * answers; none means not found), {@code settings.yaml} and {@code models.yaml} (the resolved
 * policy and model sources; the suite's own when the case has none) and {@code case.yaml}
 * ({@code pass: delete}, a {@code hold}, names {@code absent} from SageMaker or {@code notOwned}
 * by the endpoint). Expected: {@code action.json} (the decision), {@code status.json} (status
 * after the pass) and {@code effects.json} (the calls that change SageMaker, the Events, when
 * to look again), compared in full. Run with {@code -Dgolden.update=true} to rewrite the
 * expected files, then review the diff.
 */
class RolloutGoldenTest {
  static final Path ROOT = Path.of("src", "test", "resources", "controller", "endpoint-rollout");
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"),
      ZoneOffset.UTC);

  /** case.yaml. */
  static class CaseOptions {
    public String pass = "reconcile";
    public ModelSourceResolver.Hold hold;
    public List<String> absent = List.of();
    public List<String> notOwned = List.of();
  }

  static Stream<String> cases() {
    return Golden.cases(ROOT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void onePassMatchesTheGoldenFiles(String name) {
    Path dir = ROOT.resolve(name);
    Pass pass = run(dir);

    ObjectNode action = JSON.createObjectNode();
    action.put("action", pass.action().getClass().getSimpleName());
    action.setAll((ObjectNode) JSON.valueToTree(pass.action()));
    Golden.assertMatches(action, dir.resolve("action.json"));
    Golden.assertMatches(JSON.valueToTree(pass.status()), dir.resolve("status.json"));
    ObjectNode effects = JSON.createObjectNode();
    effects.set("calls", JSON.valueToTree(pass.calls()));
    effects.set("events", JSON.valueToTree(pass.events()));
    effects.put("next", pass.next() == null ? null : pass.next().toString());
    Golden.assertMatches(effects, dir.resolve("effects.json"));
  }

  @Test
  void everySituationTheRolloutKnowsHasACase() {
    assertThat(cases().count()).isGreaterThanOrEqualTo(20);
  }

  /** What one pass did. */
  record Pass(Object action, ModelEndpointStatus status, List<JsonNode> calls,
      List<String> events, Duration next) {}

  private static Pass run(Path dir) {
    ModelEndpoint ep = yaml(dir.resolve("endpoint.yaml"), ModelEndpoint.class);
    ModelEndpointStatus status = Files.exists(dir.resolve("status.yaml"))
        ? yaml(dir.resolve("status.yaml"), ModelEndpointStatus.class) : new ModelEndpointStatus();
    ep.setStatus(status);
    CaseOptions options = Files.exists(dir.resolve("case.yaml"))
        ? yaml(dir.resolve("case.yaml"), CaseOptions.class) : new CaseOptions();
    FakeSageMaker sageMaker = new FakeSageMaker(
        sdk(dir.resolve("describe-endpoint.json"), DescribeEndpointResponse.class),
        sdk(dir.resolve("describe-endpoint-config.json"), DescribeEndpointConfigResponse.class),
        Set.copyOf(options.absent), Set.copyOf(options.notOwned),
        ResourceOwner.of(ep.getMetadata()));
    RecordedEvents recorder = new RecordedEvents();
    PollingSchedule polling = new PollingSchedule(Duration.ofSeconds(10), Duration.ofMinutes(5));
    FlatRolloutFields.read(status);
    Object action;
    Duration next;
    if (options.pass.equals("delete")) {
      var outcome = new EndpointCleanup(sageMaker.endpoints(), sageMaker.autoscaling(),
          recorder, polling).run(ep, status);
      action = outcome.step();
      next = outcome.again();
    } else {
      RolloutPass rollout = new RolloutPass(sageMaker.endpoints(), sageMaker.autoscaling(),
          recorder, state(polling), new StatusConditions(CLOCK));
      DesiredHosting desired = EndpointReconcileSteps.desired(ep, status,
          setting(dir, "settings.yaml", ResolvedHostingSettings.class),
          new ModelSourceResolver.Resolved(models(dir), options.hold));
      try {
        var outcome = rollout.run(ep, status, desired);
        action = outcome.action();
        next = outcome.next();
      } catch (NameConflictException e) {
        action = new NameConflict(e.getMessage());
        next = new RolloutErrors(rollout.report(), recorder, new RetryBackoff(
            polling.min(), polling.max()), polling).onNameConflict(ep, status, e);
      }
    }
    return new Pass(action, status, sageMaker.calls(), recorder.lines(), next);
  }

  static PerResourceState state(PollingSchedule polling) {
    return new PerResourceState(polling, new RetryBackoff(polling.min(), polling.max()),
        new ResourcePhaseMetrics(new SimpleMeterRegistry(), ModelEndpoint.KIND));
  }

  /** The pass stopped before deciding: the endpoint of that name is another owner's. */
  record NameConflict(String message) {}

  static Map<String, ResolvedModel> models(Path dir) {
    Path file = Files.exists(dir.resolve("models.yaml")) ? dir.resolve("models.yaml")
        : ROOT.resolve("models.yaml");
    try {
      return YAML.readValue(file.toFile(),
          new TypeReference<LinkedHashMap<String, ResolvedModel>>() { });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T setting(Path dir, String file, Class<T> type) {
    return yaml(Files.exists(dir.resolve(file)) ? dir.resolve(file) : ROOT.resolve(file), type);
  }

  static <T> T yaml(Path file, Class<T> type) {
    try {
      return YAML.readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T extends software.amazon.awssdk.core.SdkPojo> T sdk(Path file, Class<T> type) {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return SdkJson.fromJson(JSON.readTree(file.toFile()), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
